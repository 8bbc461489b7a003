import type { OutpostDatabase } from '../../../../common/db/create-database';

/**
 * The book's accounts query: the one the grid shows (through the accounts store) and the one that tells an empty book
 * from a full one. Always this same query, so RxDB's query cache hands every caller the one RxQuery: the run started
 * early (open-early) is awaited, not repeated, and the store's live subscription starts from its result.
 */
export function bookAccountsQuery(db: Pick<OutpostDatabase, 'accounts'>) {
  return db.accounts.find();
}

/** Runs (or joins the run of) the book's accounts query. */
export function queryBookAccounts(db: Pick<OutpostDatabase, 'accounts'>) {
  return bookAccountsQuery(db).exec();
}
