import { afterEach, describe, expect, it } from 'vitest';
import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Preference } from '../model';
import { createOutpostDatabase, type OutpostDatabase } from './create-database';

let db: OutpostDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

/** RxDB's memory storage, recording how many rows each bulk write of the preferences collection reached it with. */
function recordingMemoryStorage(): { storage: RxStorage<any, any>; writes: number[] } {
  const memory = getRxStorageMemory();
  const writes: number[] = [];
  const storage: RxStorage<any, any> = {
    ...memory,
    async createStorageInstance(params) {
      const instance = await memory.createStorageInstance(params);
      if (params.collectionName !== 'preferences') return instance;
      const write = instance.bulkWrite.bind(instance);
      instance.bulkWrite = (rows, context) => {
        writes.push(rows.length);
        return write(rows, context);
      };
      return instance;
    },
  };
  return { storage, writes };
}

function preference(id: string): Preference {
  return { id, kind: 'setting', value: { name: id }, updatedAt: '0000000001000:0000:d1' };
}

const ids = (count: number, from = 0) => Array.from({ length: count }, (_, i) => `p${String(from + i).padStart(3, '0')}`);

describe('writeChunkSize', () => {
  it('writes a large bulk insert as consecutive writes of at most the chunk size, storing every document once', async () => {
    const { storage, writes } = recordingMemoryStorage();
    db = await createOutpostDatabase({ name: `chunked-${Date.now()}`, storage, writeChunkSize: 4, collections: ['preferences'] });
    const result = await db.preferences.bulkInsert(ids(10).map(preference));
    expect(result.error).toEqual([]);
    expect(writes).toEqual([4, 4, 2]);
    expect((await db.preferences.find().exec()).map((doc) => doc.id)).toEqual(ids(10));
  });

  it('reports the failed rows of every chunk (ids already stored, documents breaking the schema) and stores the rest', async () => {
    const { storage } = recordingMemoryStorage();
    db = await createOutpostDatabase({ name: `chunked-${Date.now()}`, storage, writeChunkSize: 3, collections: ['preferences'] });
    await db.preferences.bulkInsert([preference('p001'), preference('p007')]);
    const docs = ids(9).map(preference);
    docs[5] = { ...docs[5]!, updatedAt: 17 } as unknown as Preference;
    const result = await db.preferences.bulkInsert(docs);
    expect(result.error.map((error) => [error.documentId, error.status])).toEqual([
      ['p001', 409],
      ['p005', 422],
      ['p007', 409],
    ]);
    expect((await db.preferences.find().exec()).map((doc) => doc.id)).toEqual(ids(9).filter((id) => id !== 'p005'));
  });

  it('leaves writes as they are without the option', async () => {
    const { storage, writes } = recordingMemoryStorage();
    db = await createOutpostDatabase({ name: `unchunked-${Date.now()}`, storage, collections: ['preferences'] });
    await db.preferences.bulkInsert(ids(10).map(preference));
    expect(writes).toEqual([10]);
  });
});
