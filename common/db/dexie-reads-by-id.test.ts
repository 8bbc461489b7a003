import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { fillWithDefaultSettings, type RxJsonSchema, type RxStorage, type RxStorageInstance } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { collectionDefinitions } from './collections';
import { openTabInstance } from './testing/tab-storage-instance';

/**
 * Large reads by id (RxDB's replication reads every id of a pulled page before writing it) in a multi-instance book:
 * the same answer as IndexedDB's, without a request per id the store cannot hold.
 */
const opened: RxStorageInstance<any, any, any>[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((instance) => instance.close()));
});

const schema = fillWithDefaultSettings(collectionDefinitions.preferences.schema as RxJsonSchema<any>);
let databases = 0;
const newName = () => `reads-by-id-${process.pid}-${Date.now()}-${databases++}`;

const open = (databaseName: string, tab: string, storage?: RxStorage<any, any>) =>
  openTabInstance(opened, { databaseName, tab, collectionName: 'preferences', schema, ...(storage ? { storage } : {}) });

const ids = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);
const row = (id: string, deleted = false) => ({
  document: { id, kind: 'setting', value: { name: id }, updatedAt: '0000000001000:0000:d1', _deleted: deleted, _attachments: {}, _rev: '1-a', _meta: { lwt: 1 } },
});
const idsOf = (docs: { id: string }[]) => docs.map((doc) => doc.id).sort();

/** Counts IndexedDB `get` requests made while `read` runs (the platform's, not our code). */
async function countGets<T>(read: () => Promise<T>): Promise<{ result: T; gets: number }> {
  const proto = IDBObjectStore.prototype;
  const get = proto.get;
  let gets = 0;
  proto.get = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['get']>) {
    gets += 1;
    return get.apply(this, args);
  };
  try {
    return { result: await read(), gets };
  } finally {
    proto.get = get;
  }
}

describe('large reads by id', () => {
  it('answer as IndexedDB does: stored documents, tombstones only when asked for, nothing for unknown ids', async () => {
    const name = newName();
    const ours = await open(name, 'ours');
    const stored = ids(150, 'p');
    await ours.bulkWrite([...stored.map((id, i) => row(id, i % 10 === 0))], 'fill');
    const plain = await open(name, 'plain', getRxStorageDexie());
    const wanted = [...stored, ...ids(60, 'absent-')];
    for (const withDeleted of [true, false]) {
      expect(idsOf(await ours.findDocumentsById(wanted, withDeleted))).toEqual(idsOf(await plain.findDocumentsById(wanted, withDeleted)));
    }
    expect(await ours.findDocumentsById(wanted, false)).toHaveLength(135);
  });

  it('ask IndexedDB for no id the store cannot hold', async () => {
    const ours = await open(newName(), 'ours');
    await ours.bulkWrite(ids(5, 'p').map((id) => row(id)), 'fill');
    const { result, gets } = await countGets(() => ours.findDocumentsById([...ids(5, 'p'), ...ids(200, 'absent-')], true));
    expect(idsOf(result)).toEqual(ids(5, 'p'));
    expect(gets).toBe(5);
  });

  it("see this tab's writes and another tab's, made before and after the store's keys were read", async () => {
    const name = newName();
    const tab = await open(name, 'tab');
    const other = await open(name, 'other');
    await other.bulkWrite(ids(120, 'w').map((id) => row(id)), 'other tab, before any large read');
    expect(await tab.findDocumentsById(ids(120, 'x'), true)).toEqual([]);
    expect(idsOf(await tab.findDocumentsById(ids(120, 'w'), true))).toEqual(ids(120, 'w'));

    await tab.bulkWrite(ids(120, 'x').map((id) => row(id)), 'own');
    expect(idsOf(await tab.findDocumentsById(ids(120, 'x'), true))).toEqual(ids(120, 'x'));

    const reported: string[] = [];
    tab.changeStream().subscribe((bulk) => reported.push(...bulk.events.map((event) => event.documentId).filter((id) => id.startsWith('y'))));
    await other.bulkWrite(ids(120, 'y').map((id) => row(id)), 'other tab');
    await expect.poll(() => reported.length).toBe(120);
    expect(idsOf(await tab.findDocumentsById(ids(120, 'y'), true))).toEqual(ids(120, 'y'));
  });
});
