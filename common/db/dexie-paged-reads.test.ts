import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { fillWithDefaultSettings, normalizeMangoQuery, prepareQuery, type RxJsonSchema, type RxStorageInstance } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { collectionDefinitions } from './collections';
import { getOutpostDexieStorage } from './dexie-storage';
import { openTabInstance } from './testing/tab-storage-instance';

/**
 * Whole-collection reads hand the page a few hundred records per task (paged-get-all.ts, dexie-storage.ts): a query
 * reads in pages inside one transaction, and a large read by id asks for its ids a page at a time. The answers are
 * IndexedDB's own.
 */
const opened: RxStorageInstance<any, any, any>[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((instance) => instance.close()));
});

const PAGE = 7;
const schema = fillWithDefaultSettings(collectionDefinitions.activities.schema as RxJsonSchema<any>);
let databases = 0;
const newName = () => `paged-reads-${process.pid}-${Date.now()}-${databases++}`;
const open = (databaseName: string, tab: string, pageSize = PAGE) =>
  openTabInstance(opened, { databaseName, tab, collectionName: 'activities', schema, storage: getOutpostDexieStorage({}, { readPageSize: pageSize }) });
const openPlain = (databaseName: string) =>
  openTabInstance(opened, { databaseName, tab: 'plain', collectionName: 'activities', schema, storage: getRxStorageDexie() });

const activity = (i: number, deleted = false) => ({
  document: {
    id: `act-${String(i).padStart(3, '0')}`,
    accountId: `acc-${i % 4}`,
    ownerId: 'u1',
    teamId: 't1',
    externalId: '',
    type: 'note',
    occurredAt: `2026-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00.000Z`,
    subject: `note ${i}`,
    body: '',
    actorName: 'Ann',
    result: '',
    updatedAt: '0000000001000:0000:d1',
    fieldStamps: {},
    _deleted: deleted,
    _attachments: {},
    _rev: '1-a',
    _meta: { lwt: 1000 + i },
  },
});

const query = (mango: object) => prepareQuery(schema, normalizeMangoQuery(schema, mango as never));
const ids = (docs: { id: string }[]) => docs.map((doc) => doc.id);

/** What IndexedDB was asked while `read` ran: each getAll's count (Infinity: all), the gets, and the transactions they ran in. */
async function watchRequests<T>(read: () => Promise<T>): Promise<{ result: T; getAlls: number[]; gets: number; transactions: number }> {
  const stores = IDBObjectStore.prototype;
  const indexes = IDBIndex.prototype;
  const originals = { storeGetAll: stores.getAll, indexGetAll: indexes.getAll, get: stores.get };
  const getAlls: number[] = [];
  let gets = 0;
  const used = new Set<IDBTransaction>();
  stores.getAll = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['getAll']>) {
    getAlls.push(args[1] ?? Infinity);
    used.add(this.transaction);
    return originals.storeGetAll.apply(this, args);
  };
  indexes.getAll = function (this: IDBIndex, ...args: Parameters<IDBIndex['getAll']>) {
    getAlls.push(args[1] ?? Infinity);
    used.add(this.objectStore.transaction);
    return originals.indexGetAll.apply(this, args);
  };
  stores.get = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['get']>) {
    gets += 1;
    used.add(this.transaction);
    return originals.get.apply(this, args);
  };
  try {
    return { result: await read(), getAlls, gets, transactions: used.size };
  } finally {
    Object.assign(stores, { getAll: originals.storeGetAll, get: originals.get });
    indexes.getAll = originals.indexGetAll;
  }
}

describe('reads in pages', () => {
  it('a query reads at most a page per request, in one transaction, and answers as one read does', async () => {
    const name = newName();
    const ours = await open(name, 'ours');
    await ours.bulkWrite(Array.from({ length: 40 }, (_, i) => activity(i, i % 9 === 0)), 'fill');
    const plain = await openPlain(name);
    const asked = [
      { selector: {} },
      { selector: { accountId: 'acc-1' } },
      { selector: { subject: { $regex: '^note 1' } } },
      { selector: {}, sort: [{ id: 'desc' }] },
    ];
    for (const mango of asked) {
      const expected = ids((await plain.query(query(mango))).documents);
      expect(expected.length).toBeGreaterThan(0);
      const { result, getAlls, transactions } = await watchRequests(() => ours.query(query(mango)));
      expect(ids(result.documents), JSON.stringify(mango)).toEqual(expected);
      expect(Math.max(...getAlls), JSON.stringify(mango)).toBeLessThanOrEqual(PAGE);
      expect(transactions, JSON.stringify(mango)).toBe(1);
    }
    // The whole collection took several pages.
    const { getAlls } = await watchRequests(() => ours.query(query({ selector: {} })));
    expect(getAlls.length).toBeGreaterThanOrEqual(Math.ceil(40 / PAGE));
  });

  it('a write that lands while a paged query reads is in its answer wholly or not at all', async () => {
    const name = newName();
    const ours = await open(name, 'ours');
    const writer = await open(name, 'writer');
    await ours.bulkWrite(Array.from({ length: 30 }, (_, i) => activity(i)), 'fill');
    const reading = ours.query(query({ selector: {} }));
    const writing = writer.bulkWrite(Array.from({ length: 30 }, (_, i) => activity(100 + i)), 'meanwhile');
    const [{ documents }] = await Promise.all([reading, writing]);
    const late = documents.filter((doc: { id: string }) => doc.id >= 'act-100').length;
    expect([0, 30]).toContain(late);
  });

  it('a large read by id asks for a page of ids at a time, and answers in the order asked', async () => {
    const name = newName();
    const ours = await open(name, 'ours');
    await ours.bulkWrite(Array.from({ length: 30 }, (_, i) => activity(i, i === 5)), 'fill');
    const wanted = Array.from({ length: 30 }, (_, i) => `act-${String((i * 7) % 30).padStart(3, '0')}`);
    const { result, transactions, gets } = await watchRequests(() => ours.findDocumentsById(wanted, false));
    expect(ids(result)).toEqual(wanted.filter((id) => id !== 'act-005'));
    expect(transactions).toBe(Math.ceil(30 / PAGE));
    expect(gets).toBe(30);
    expect(ids(await ours.findDocumentsById(wanted, true))).toEqual(wanted);
  });
});
