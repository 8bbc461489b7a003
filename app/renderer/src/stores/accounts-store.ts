import { create } from 'zustand';
import type { Account } from '../../../../common/model';
import type { OutpostDatabase } from '../../../../common/db/create-database';
import { bookAccountsQuery } from '../db/book-accounts';
import { subscribeCoalesced } from '../db/coalesced-query';

interface AccountsState {
  /** Live result of the accounts query; RxDB is the source of truth, this is a view of it, not a copy to edit. */
  accounts: readonly Account[];
  loaded: boolean;
}

export const useAccountsStore = create<AccountsState>(() => ({ accounts: [], loaded: false }));

/**
 * Keeps the store bound to the live accounts query, refreshed at most every 250 ms while accounts are being written in
 * bulk (a first sync, an import: db/coalesced-query.ts); returns the unsubscribe.
 */
export function bindAccountsStore(db: OutpostDatabase): () => void {
  return subscribeCoalesced(db.accounts, () => bookAccountsQuery(db), (docs) => {
    if (!useAccountsStore.getState().loaded) performance.mark('outpost:accounts-loaded');
    useAccountsStore.setState({ accounts: docs.map((doc) => doc._data as unknown as Account), loaded: true });
  });
}
