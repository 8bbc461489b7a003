import type { Account } from '../../../../common/model';
import type { OutpostDatabase } from '../../../../common/db/create-database';
import { openLiveDocuments, type LiveDocuments } from '../../../../common/db/live-documents';

/** A view bound to the book's accounts re-reads at most this often while they keep changing (a fill, a first sync). */
export const ACCOUNTS_REFRESH_INTERVAL_MS = 250;

type AccountsCollection = OutpostDatabase['accounts'];
const views = new WeakMap<AccountsCollection, LiveDocuments<Account>>();

/**
 * The book's accounts as plain data, live (common/db/live-documents.ts): what the grid shows (through the accounts
 * store) and what tells an empty book from a full one. One view per opened collection, so the read open-early starts
 * is the one BookLoader awaits and the store binds to, not repeated; no RxDocument is made for the 10,000 accounts of
 * a team lead's book (RxDB's query result would build one each, on the cold start's main thread).
 */
export function bookAccounts(db: Pick<OutpostDatabase, 'accounts'>): LiveDocuments<Account> {
  let view = views.get(db.accounts);
  if (!view) {
    view = openLiveDocuments(db.accounts, {
      minIntervalMs: ACCOUNTS_REFRESH_INTERVAL_MS,
      now: () => performance.now(),
      schedule: (task, delayMs) => {
        const handle = setTimeout(task, delayMs);
        return () => clearTimeout(handle);
      },
      onError: (error) => console.error('Outpost: refreshing the accounts view failed', error),
    });
    views.set(db.accounts, view);
  }
  return view;
}

/** Stops following the book's accounts (the store unbound); a later `bookAccounts` reads them again. */
export function closeBookAccounts(db: Pick<OutpostDatabase, 'accounts'>): void {
  views.get(db.accounts)?.close();
  views.delete(db.accounts);
}

/** The book's accounts once read (joining the read under way). */
export function queryBookAccounts(db: Pick<OutpostDatabase, 'accounts'>): Promise<readonly Account[]> {
  return bookAccounts(db).first;
}
