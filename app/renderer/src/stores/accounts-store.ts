import { create } from 'zustand';
import type { Account } from '../../../../common/model';
import type { OutpostDatabase } from '../../../../common/db/create-database';
import { bookAccounts, closeBookAccounts } from '../db/book-accounts';

interface AccountsState {
  /** Live accounts of the book; RxDB is the source of truth, this is a view of it, not a copy to edit. */
  accounts: readonly Account[];
  loaded: boolean;
}

export const useAccountsStore = create<AccountsState>(() => ({ accounts: [], loaded: false }));

/**
 * Keeps the store bound to the book's live accounts (db/book-accounts.ts), refreshed at most every 250 ms while
 * accounts are being written in bulk (a first sync, an import); returns the unbind.
 */
export function bindAccountsStore(db: OutpostDatabase): () => void {
  const unsubscribe = bookAccounts(db).subscribe((accounts) => {
    if (!useAccountsStore.getState().loaded) performance.mark('outpost:accounts-loaded');
    useAccountsStore.setState({ accounts: accounts as readonly Account[], loaded: true });
  });
  return () => {
    unsubscribe();
    closeBookAccounts(db);
  };
}
