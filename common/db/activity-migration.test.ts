import 'fake-indexeddb/auto';
import { createRxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Activity } from '../model';
import { createOutpostDatabase, type OutpostDatabase } from './create-database';
import { activitySchema } from './schemas/activity-schema';
import { stampNew } from './stamp-writes';
import { openTestDatabase } from './testing/test-database';

const open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

function activity(overrides: Partial<Activity> = {}): Activity {
  return stampNew({
    id: 'act-1',
    ownerId: 'u-ann',
    teamId: 'team-east',
    externalId: '',
    accountId: 'acc-1',
    type: 'call' as const,
    occurredAt: '2026-02-01T10:00:00.000Z',
    subject: 'Kick-off call',
    body: 'Talked about onboarding',
    actorName: 'Ann Lee',
    result: 'Connected',
    ...overrides,
  });
}

describe('activity migration v0 -> v1 (meeting schedule)', () => {
  it('carries activities written by v0 over unchanged', async () => {
    const name = `actmigrate${process.pid}${Date.now()}`;
    const { schedule: _schedule, ...v0Properties } = activitySchema.properties as Record<string, unknown>;
    const v0Schema = { ...activitySchema, version: 0, properties: v0Properties };
    const old = await createRxDatabase({ name, storage: getRxStorageDexie() });
    await old.addCollections({ activities: { schema: v0Schema as never } });
    const v0Doc = activity();
    await old.collections['activities']!.insert(v0Doc);
    await old.close();

    const db: OutpostDatabase = await createOutpostDatabase({ name, storage: getRxStorageDexie() });
    open.push(db);
    const migrated = (await db.activities.findOne('act-1').exec())?.toJSON();
    expect(migrated).toMatchObject(v0Doc);
    expect(migrated?.schedule).toBeUndefined();
  });

  it('stores a meeting with a schedule and refuses a malformed schedule', async () => {
    const db = await openTestDatabase('actschedule');
    open.push(db);
    const schedule = {
      meetingType: 'qbr' as const,
      start: '2026-06-02T13:00:00.000Z',
      end: '2026-06-02T14:00:00.000Z',
      timeZone: 'Europe/Berlin',
      attendees: [{ name: 'Jo', email: 'jo@acme.example', contactId: 'c-1' }],
      status: 'booked' as const,
      editedAt: '2026-05-30T09:00:00.000Z',
      calendar: { provider: 'google' as const, eventId: '', etag: '', state: 'pending' as const },
    };
    await db.activities.insert(activity({ id: 'm-1', type: 'qbr', schedule }));
    expect((await db.activities.findOne('m-1').exec())?.toJSON().schedule).toEqual(schedule);
    await expect(db.activities.insert(activity({ id: 'm-2', type: 'qbr', schedule: { ...schedule, status: 'maybe' as never } }))).rejects.toThrow();
    await expect(db.activities.insert(activity({ id: 'm-3', type: 'qbr', schedule: { ...schedule, start: 'tomorrow' } }))).rejects.toThrow();
    expect(await db.activities.count().exec()).toBe(1);
  });
});
