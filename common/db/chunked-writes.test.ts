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

/**
 * RxDB's memory storage, recording how many rows each bulk write of the preferences collection reached it with;
 * `onWrite` runs inside each such write (a test clock advances there).
 */
function recordingMemoryStorage(onWrite: (rows: number) => void = () => {}): { storage: RxStorage<any, any>; writes: (number | string)[] } {
  const memory = getRxStorageMemory();
  const writes: (number | string)[] = [];
  const storage: RxStorage<any, any> = {
    ...memory,
    async createStorageInstance(params) {
      const instance = await memory.createStorageInstance(params);
      if (params.collectionName !== 'preferences') return instance;
      const write = instance.bulkWrite.bind(instance);
      instance.bulkWrite = (rows, context) => {
        writes.push(rows.length);
        onWrite(rows.length);
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

describe('adaptive write chunks', () => {
  const policy = { initial: 8, min: 2, max: 16, targetMs: 40 };

  it('shrinks the chunks when they take longer than the target and grows them when fast, storing every document once', async () => {
    // A clock the storage advances as it writes: 10 ms a row for the first 16 rows, then 1 ms a row.
    let clock = 0;
    let written = 0;
    const { storage, writes } = recordingMemoryStorage((rows) => {
      for (let i = 0; i < rows; i += 1) clock += written++ < 16 ? 10 : 1;
    });
    db = await createOutpostDatabase({
      name: `adaptive-${Date.now()}`,
      storage,
      writeChunkSize: policy,
      writeChunkTiming: { now: () => clock },
      collections: ['preferences'],
    });
    const result = await db.preferences.bulkInsert(ids(80).map(preference));
    expect(result.error).toEqual([]);
    // 8 rows took 80 ms: 4 fit in 40 ms; 4 rows took 40 ms: kept, twice; then 1 ms a row: 1.5x per fast full chunk,
    // up to the maximum of 16.
    expect(writes).toEqual([8, 4, 4, 4, 6, 9, 13, 16, 16]);
    expect((await db.preferences.find().exec()).map((doc) => doc.id)).toEqual(ids(80));
  });

  it('writes what no chunk could split as one write', async () => {
    const { storage, writes } = recordingMemoryStorage();
    db = await createOutpostDatabase({ name: `adaptive-${Date.now()}`, storage, writeChunkSize: policy, collections: ['preferences'] });
    await db.preferences.bulkInsert(ids(2).map(preference));
    await db.preferences.insert(preference('p100'));
    expect(writes).toEqual([2, 1]);
  });

  it('yields to the event loop between chunks: a task queued during one chunk runs before the next chunk', async () => {
    const { storage, writes } = recordingMemoryStorage((rows) => {
      if (writes.length !== 1) return;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        writes.push(`task queued in the first chunk (${rows} rows)`);
      };
      channel.port2.postMessage(null);
    });
    db = await createOutpostDatabase({ name: `yielding-${Date.now()}`, storage, writeChunkSize: 4, collections: ['preferences'] });
    await db.preferences.bulkInsert(ids(10).map(preference));
    expect(writes).toEqual([4, 'task queued in the first chunk (4 rows)', 4, 2]);
  });
});
