import { afterEach, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Preference } from '../model';
import { createOutpostDatabase, type OutpostDatabase } from './create-database';
import { trustedBulkInsert } from './validating-storage';

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
