import { describe, expect, it } from 'vitest';
import { seedDemoBook } from '../demo/seed-demo-book';
import { openTestDatabase } from './testing/test-database';
import { lastWrite, type Checkpoint } from './last-write';

/** The newest write among every stored document of the activities, deleted ones included, read the long way. */
async function newestStored(db: Awaited<ReturnType<typeof openTestDatabase>>, ids: string[]): Promise<Checkpoint> {
  const stored = await db.activities.storageInstance.findDocumentsById(ids, true);
  return stored.map((d) => ({ lwt: d._meta.lwt, id: d.id })).sort((x, y) => x.lwt - y.lwt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)).pop()!;
}

describe('lastWrite', () => {
  it('names the newest write or deletion of a collection, and null for an empty one', async () => {
    const db = await openTestDatabase('lastwrite');
    try {
      expect(await lastWrite(db.activities)).toBeNull();
      await seedDemoBook(db, { accounts: 3, seed: 4, asOf: '2026-06-30' }, () => undefined);
      const ids = (await db.activities.find().exec()).map((doc) => doc.id).sort();
      expect(ids.length).toBeGreaterThan(3);
      expect(await lastWrite(db.activities)).toEqual(await newestStored(db, ids));

      // An older id written later comes after every id of the earlier writes.
      const first = (await db.activities.findOne(ids[0]!).exec())!;
      await first.incrementalPatch({ subject: 'edited' });
      expect(await lastWrite(db.activities)).toEqual(await newestStored(db, ids));
      expect((await lastWrite(db.activities))?.id).toBe(ids[0]);

      await (await db.activities.findOne(ids[1]!).exec())!.remove();
      expect((await lastWrite(db.activities))?.id).toBe(ids[1]);
      expect(await lastWrite(db.activities)).toEqual(await newestStored(db, ids));
    } finally {
      await db.remove();
    }
  });
});
