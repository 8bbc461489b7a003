import { afterEach, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Preference } from '../model';
import { createOutpostDatabase, type OutpostDatabase } from './create-database';
import { fillWithDefaultSettings, getRxReplicationMetaInstanceSchema } from 'rxdb';
import { collectionDefinitions } from './collections';
import { trustedBulkInsert, validatingStorage } from './validating-storage';

let db: OutpostDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function open(): Promise<OutpostDatabase> {
  db = await createOutpostDatabase({ name: `validating-${Date.now()}-${Math.random()}`, storage: getRxStorageMemory() });
  return db;
}

function preference(id: string): Preference {
  return { id, kind: 'setting', value: { name: id }, updatedAt: '0000000001000:0000:d1' };
}

describe('validating storage', () => {
  it('refuses a document that breaks the schema with 422, saying where, and stores the valid ones of the batch', async () => {
    const database = await open();
    const good = preference('grid-views');
    const bad = { ...preference('theme'), updatedAt: 17 } as unknown as Preference;
    const result = await database.preferences.bulkInsert([good, bad]);
    expect(result.error).toHaveLength(1);
    const error = result.error[0]!;
    expect(error.status).toBe(422);
    expect(error.documentId).toBe('theme');
    expect(JSON.stringify('validationErrors' in error ? error.validationErrors : [])).toContain('#/updatedAt');
    expect((await database.preferences.find().exec()).map((d) => d.id)).toEqual(['grid-views']);
  });

  it('validates every write, not only the first of each collection', async () => {
    const database = await open();
    await database.preferences.insert(preference('a'));
    await expect(database.preferences.insert({ id: 'b' } as unknown as Preference)).rejects.toThrow();
    expect(await database.preferences.count().exec()).toBe(1);
  });
});

describe('trustedBulkInsert', () => {
  it('stores documents so that live queries and lookups see them, and reports ids already stored', async () => {
    const database = await open();
    const seen: number[] = [];
    const subscription = database.preferences.find().$.subscribe((docs) => seen.push(docs.length));
    const docs = ['a', 'b', 'c'].map(preference);
    expect(await trustedBulkInsert(database.preferences, docs)).toEqual([]);
    expect((await database.preferences.findOne('b').exec())?.toJSON()).toMatchObject({ id: 'b', value: { name: 'b' } });
    await expect.poll(() => seen.at(-1)).toBe(3);
    subscription.unsubscribe();

    const again = await trustedBulkInsert(database.preferences, [docs[0]!]);
    expect(again.map((e) => [e.documentId, e.status])).toEqual([['a', 409]]);
  });
});

describe("a replication's own bookkeeping", () => {
  it('is stored without validation: its meta documents copy a document the collection itself validated', async () => {
    // RxDB's replication keeps, per replicated document, a meta document whose `docData` is the master state, with
    // the collection's schema inside the meta schema: validating it checked every pulled document a second time.
    const schema = fillWithDefaultSettings(collectionDefinitions.preferences.schema as any);
    const instance = await validatingStorage(getRxStorageMemory()).createStorageInstance<any>({
      databaseName: `meta-${Date.now()}-${Math.random()}`,
      collectionName: 'rx-replication-meta-test',
      databaseInstanceToken: 'token',
      multiInstance: false,
      options: {},
      devMode: false,
      schema: getRxReplicationMetaInstanceSchema(schema, false),
    });
    // What the collection's validator refuses (updatedAt must be a string), which the meta copy is never checked for.
    const docData = { ...preference('theme'), updatedAt: 17, _deleted: false, _attachments: {}, _rev: '1-a', _meta: { lwt: 1 } };
    const meta = { id: 'theme|0', isCheckpoint: '0', itemId: 'theme', docData, _deleted: false, _attachments: {}, _rev: '1-a', _meta: { lwt: 1 } };
    const result = await instance.bulkWrite([{ document: meta }], 'replication-down-write-meta');
    expect(result.error).toEqual([]);
    expect((await instance.findDocumentsById(['theme|0'], false)).map((d) => d.itemId)).toEqual(['theme']);
    await instance.close();
  });
});
