import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Preference } from '../model';
import { generateDemoBook } from '../demo/generate-demo-book';
import { createOutpostDatabase, type OutpostDatabase } from './create-database';

// Two books in one process: open only the collections compared (the free RxDB opens at most 13 per process).
const COMPARED = ['accounts', 'activities', 'preferences'] as const;
import { getOutpostDexieStorage } from './dexie-storage';

/** The same book in RxDB's own Dexie storage and in ours: every query must answer the same. */
let reference: OutpostDatabase;
let fast: OutpostDatabase;
/** Ours reading in pages of 3 records: every query above crosses several pages. */
let paged: OutpostDatabase;
const bundles = [...generateDemoBook({ seed: 5, accounts: 40, asOf: '2026-06-01' })];
const someAccount = bundles[7]!.account.id;
const preference: Preference = {
  id: 'odd-keys',
  kind: 'setting',
  value: { '|pipe': 1, nested: { '|inner': [{ '|deep': true }] }, plain: 'x' },
  updatedAt: '0000000001000:0000:d1',
};

async function fill(db: OutpostDatabase): Promise<void> {
  await db.accounts.bulkInsert(bundles.map((b) => b.account));
  await db.activities.bulkInsert(bundles.flatMap((b) => b.activities));
  await db.preferences.insert(preference);
  await (await db.accounts.findOne(bundles[3]!.account.id).exec())!.remove();
}

beforeAll(async () => {
  const stamp = `${process.pid}-${Date.now()}`;
  const open = () =>
    Promise.all([
      createOutpostDatabase({ name: `dexie-ref-${stamp}`, storage: getRxStorageDexie(), collections: COMPARED }),
      createOutpostDatabase({ name: `dexie-fast-${stamp}`, storage: getOutpostDexieStorage(), collections: COMPARED }),
      createOutpostDatabase({ name: `dexie-paged-${stamp}`, storage: getOutpostDexieStorage({}, { readPageSize: 3 }), collections: COMPARED }),
    ]);
  [reference, fast, paged] = await open();
  await fill(reference);
  await fill(fast);
  await fill(paged);
  // Reopened, so every answer comes from storage and none from the documents RxDB cached while writing them.
  await Promise.all([reference.close(), fast.close(), paged.close()]);
  [reference, fast, paged] = await open();
});

afterAll(async () => {
  await reference?.remove();
  await fast?.remove();
  await paged?.remove();
});

const queries: [string, (db: OutpostDatabase) => Promise<unknown>][] = [
  ['every account', (db) => db.accounts.find().exec()],
  ['sorted by a field without an index', (db) => db.accounts.find({ sort: [{ mrr: 'desc' }, { id: 'asc' }] }).exec()],
  ['selected by a field without an index', (db) => db.accounts.find({ selector: { tier: 'Enterprise' } }).exec()],
  ['selected, sorted and limited', (db) => db.accounts.find({ selector: { tier: 'SMB' }, sort: [{ name: 'asc' }], limit: 3 }).exec()],
  ['by an indexed field', (db) => db.activities.find({ selector: { accountId: someAccount } }).exec()],
  ['by an indexed field, skipped and limited', (db) => db.activities.find({ selector: { accountId: someAccount }, skip: 2, limit: 3 }).exec()],
  ['skip and limit in index order', (db) => db.accounts.find({ skip: 5, limit: 4 }).exec()],
  ['one document', (db) => db.accounts.findOne().exec()],
  ['a range on a field without an index', (db) => db.accounts.find({ selector: { mrr: { $gte: 2000, $lt: 9000 } }, sort: [{ mrr: 'asc' }, { id: 'asc' }] }).exec()],
  ['keys that start with a pipe', (db) => db.preferences.find({ selector: { kind: 'setting' } }).exec()],
  ['every document, keys that start with a pipe', (db) => db.preferences.find().exec()],
  ['every document, by primary key descending', (db) => db.accounts.find({ sort: [{ id: 'desc' }] }).exec()],
];

describe('Outpost Dexie storage reads with getAll', () => {
  it.each(queries)('answers like RxDB’s own Dexie storage: %s', async (_name, run) => {
    const json = (result: unknown) =>
      JSON.parse(
        JSON.stringify(result, (key, value) => (key === '_meta' || key === '_rev' ? undefined : value)),
      ) as unknown;
    const expected = json(await run(reference));
    expect(json(await run(fast))).toEqual(expected);
    expect(json(await run(paged))).toEqual(expected);
    expect(expected).not.toEqual([]);
  });

  it('leaves out deleted documents and undoes the key substitution of stored keys', async () => {
    expect((await fast.accounts.find().exec()).map((d) => d.id)).not.toContain(bundles[3]!.account.id);
    expect((await fast.accounts.count().exec())).toBe(bundles.length - 1);
    const [stored] = await fast.preferences.find({ selector: { kind: 'setting' } }).exec();
    expect(stored?.toJSON().value).toEqual(preference.value);
  });
});
