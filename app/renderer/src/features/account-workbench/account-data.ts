import type { RxDocument } from 'rxdb';
import type { Account, Activity, Contact, RevenueEvent, UsageMonth } from '../../../../../common/model';
import { useDatabase } from '../../db/database-context';
import { useAccountsStore } from '../../stores/accounts-store';
import { useObservable } from './use-observable';

/** Live queries of one account's documents; RxDB stays the only copy of the data. */

/**
 * The account as the book in memory has it (the accounts store, a view of the live accounts query that the grid reads
 * too): there at once, while the document loads from storage. Undefined when the book has not loaded or lacks it.
 * For showing only: edits go through the document.
 */
export function useBookAccount(accountId: string): Account | undefined {
  return useAccountsStore((state) => state.accounts.find((account) => account.id === accountId));
}

/** `undefined` while loading, `null` when there is no such account. */
export function useAccountDocument(accountId: string): RxDocument<Account> | null | undefined {
  const db = useDatabase();
  return useObservable(() => db.accounts.findOne(accountId).$, [db, accountId]);
}

export function useAccountActivities(accountId: string): RxDocument<Activity>[] | undefined {
  const db = useDatabase();
  return useObservable(() => db.activities.find({ selector: { accountId } }).$, [db, accountId]);
}

export function useAccountContacts(accountId: string): RxDocument<Contact>[] | undefined {
  const db = useDatabase();
  return useObservable(() => db.contacts.find({ selector: { accountId } }).$, [db, accountId]);
}

export function useAccountRevenue(accountId: string): RxDocument<RevenueEvent>[] | undefined {
  const db = useDatabase();
  return useObservable(() => db.revenue.find({ selector: { accountId } }).$, [db, accountId]);
}

export function useAccountUsage(accountId: string): RxDocument<UsageMonth>[] | undefined {
  const db = useDatabase();
  return useObservable(() => db.usage.find({ selector: { accountId } }).$, [db, accountId]);
}
