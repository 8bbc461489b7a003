import type { RxCollection } from 'rxdb';
import type { OutpostDatabase } from '../db/create-database';
import type { Account } from '../model';
import type { BookRecords } from './export-book';

async function all<T>(collection: RxCollection<T>, accountIds: ReadonlySet<string> | null): Promise<T[]> {
  const docs = (await collection.find().exec()).map((d) => d.toJSON() as T);
  return accountIds ? docs.filter((d) => accountIds.has((d as { accountId: string }).accountId)) : docs;
}

/** The records to export: the whole book, or (given account ids: the current view) those accounts and their history. */
export async function readBookRecords(db: OutpostDatabase, accountIds: ReadonlySet<string> | null = null): Promise<BookRecords> {
  const accounts = (await db.accounts.find().exec()).map((d) => d.toJSON() as Account).filter((a) => !accountIds || accountIds.has(a.id));
  const [contacts, activities, revenue, usage] = await Promise.all([
    all(db.contacts, accountIds), all(db.activities, accountIds), all(db.revenue, accountIds), all(db.usage, accountIds),
  ]);
  return { accounts, contacts, activities, revenue, usage } as BookRecords;
}
