import 'fake-indexeddb/auto';
import { createRxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Task } from '../tasks/task';
import { createOutpostDatabase, type OutpostDatabase } from './create-database';
import { taskSchema } from './schemas/task-schema';
import { stampNew } from './stamp-writes';

const open: OutpostDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.remove()));
});

const v0Task = (id: string): Task =>
  stampNew({
    id, ownerId: 'u-ann', teamId: 'team-east', accountId: 'acc-1', accountName: 'Acme', executionId: 'exec-1', stepId: 'call', title: 'Call the champion',
    detail: '', type: 'risk' as const, priority: 'high' as const, dueDate: '2026-06-05', status: 'open' as const, assigneeId: 'u-ann', assigneeName: 'Ann', mailto: '',
    comments: [{ by: 'Ann', at: '2026-06-01T10:00:00.000Z', text: 'Left a voicemail' }], createdAt: '2026-06-01T09:00:00.000Z', completedAt: '',
  });

describe('task migration v0 -> v1', () => {
  it('keeps the tasks written by v0 as they were (no meeting link), and v1 stores a meeting link', async () => {
    const name = `migrate-tasks${process.pid}${Date.now()}`;
    const { meetingId: _meetingId, ...v0Properties } = taskSchema.properties as Record<string, unknown>;
    const old = await createRxDatabase({ name, storage: getRxStorageDexie() });
    await old.addCollections({ tasks: { schema: { ...taskSchema, version: 0, properties: v0Properties } as never } });
    const written = v0Task('t-1');
    await old.collections['tasks']!.insert(written);
    await old.close();

    const db = await createOutpostDatabase({ name, storage: getRxStorageDexie() });
    open.push(db);
    const migrated = (await db.tasks.findOne('t-1').exec())!.toJSON();
    expect(migrated).toMatchObject(written as never);
    expect(migrated.meetingId).toBeUndefined();
    await db.tasks.insert({ ...v0Task('t-2'), meetingId: 'm1' });
    expect((await db.tasks.findOne('t-2').exec())!.meetingId).toBe('m1');
  });
});
