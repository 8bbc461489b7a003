import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createOutpostDatabase, type OutpostDatabase } from '../db/create-database';
import { generateDemoBook } from './generate-demo-book';
import { ensureDemoBook } from './fill-demo-book';
import { seedDemoBook, type SeedProgress } from './seed-demo-book';

const asOf = '2026-05-20';
let db: OutpostDatabase | undefined;
let dbCount = 0;

async function openDb(): Promise<OutpostDatabase> {
  dbCount += 1;
  db = await createOutpostDatabase({ name: `demo-seed-test-${Date.now()}-${dbCount}`, storage: getRxStorageDexie() });
  return db;
}

afterEach(async () => {
  await db?.remove();
  db = undefined;
});

describe('seeding the demo book into RxDB', () => {
  it('stores every generated document', async () => {
    const database = await openDb();
    const bundles = [...generateDemoBook({ seed: 3, accounts: 30, asOf })];
    await seedDemoBook(database, { accounts: 30, seed: 3, asOf, batchSize: 10 }, () => {});
    const expected = {
      accounts: bundles.length,
      contacts: bundles.flatMap((b) => b.contacts).length,
      usage: bundles.flatMap((b) => b.usage).length,
      activities: bundles.flatMap((b) => b.activities).length,
      revenue: bundles.flatMap((b) => b.revenue).length,
    };
    const stored = {
      accounts: await database.accounts.count().exec(),
      contacts: await database.contacts.count().exec(),
      usage: await database.usage.count().exec(),
      activities: await database.activities.count().exec(),
      revenue: await database.revenue.count().exec(),
    };
    expect(stored).toEqual(expected);
    const account = await database.accounts.findOne(bundles[4]!.account.id).exec();
    expect(account?.toJSON()).toMatchObject(bundles[4]!.account);
  });

  it('seeds once, reporting progress up to the total, and is a no-op the second time', async () => {
    const database = await openDb();
    const progress: SeedProgress[] = [];
    const first = await ensureDemoBook(database, { accounts: 25, asOf, batchSize: 10 }, (p) => progress.push(p));
    expect(first).toEqual({ seeded: true });
    expect(progress).toEqual([
      { done: 10, total: 25 },
      { done: 20, total: 25 },
      { done: 25, total: 25 },
    ]);

    const again: SeedProgress[] = [];
    expect(await ensureDemoBook(database, { accounts: 25, asOf }, (p) => again.push(p))).toEqual({ seeded: false });
    expect(again).toEqual([]);
    expect(await database.accounts.count().exec()).toBe(25);
  });

  it('fails loudly, naming the collection and document, when a document is rejected', async () => {
    const database = await openDb();
    await seedDemoBook(database, { accounts: 2, asOf }, () => {});
    await expect(seedDemoBook(database, { accounts: 2, asOf }, () => {})).rejects.toThrow(
      /contacts documents were rejected; first "acct-000000:contact-1": a document with this id already exists/,
    );
  });
});
