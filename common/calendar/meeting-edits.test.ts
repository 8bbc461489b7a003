import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutpostDatabase } from '../db/create-database';
import { openTestDatabase } from '../db/testing/test-database';
import type { Activity } from '../model';
import { handAccount } from '../intelligence/testing/hand-built';
import { meetingActivity } from './book-meeting';
import { cancelMeeting, logMeetingOutcome, moveMeeting } from './meeting-edits';

let db: OutpostDatabase;
beforeEach(async () => {
  db = await openTestDatabase('meetingedits');
  const activity = meetingActivity({
    id: 'm1',
    account: { id: 'acc-1', name: 'Acme', ownerId: 'u', teamId: 't' },
    meetingType: 'qbr',
    slot: { start: Date.parse('2026-06-02T13:00:00Z'), end: Date.parse('2026-06-02T14:00:00Z') },
    timeZone: 'UTC',
    attendees: [],
    agenda: 'a',
    actorName: 'Ann',
    provider: 'google',
    now: new Date('2026-05-01T00:00:00Z'),
  });
  await db.accounts.insert(handAccount({ id: 'acc-1', name: 'Acme', ownerId: 'u', teamId: 't' }));
  await db.activities.insert({ ...activity, schedule: { ...activity.schedule!, calendar: { provider: 'google', eventId: 'e1', etag: '"1"', state: 'synced' } } });
});
afterEach(async () => {
  await db.close();
});
const assignee = { id: 'u-bob', name: 'Bob' };
const doc = async () => (await db.activities.findOne('m1').exec())!;

describe('changing a booked meeting', () => {
  it('a move is queued for the calendar and moves the timeline entry', async () => {
    await moveMeeting(await doc(), { start: Date.parse('2026-06-03T09:00:00Z'), end: Date.parse('2026-06-03T10:00:00Z') }, new Date('2026-05-02T00:00:00Z'));
    const moved = (await doc()).toJSON() as Activity;
    expect(moved).toMatchObject({ occurredAt: '2026-06-03T09:00:00.000Z', schedule: { start: '2026-06-03T09:00:00.000Z', editedAt: '2026-05-02T00:00:00.000Z', calendar: { state: 'pending', eventId: 'e1' } } });
  });

  it('a cancellation is queued for the calendar', async () => {
    await cancelMeeting(await doc());
    expect((await doc()).toJSON().schedule).toMatchObject({ status: 'cancelled', calendar: { state: 'pending' } });
  });

  it('the outcome and next steps are logged on the meeting; an empty outcome is refused', async () => {
    await expect(logMeetingOutcome(db, await doc(), { outcome: '  ', nextSteps: [] }, { assignee })).rejects.toThrow(/Say what came of the meeting/);
    await logMeetingOutcome(db, await doc(), { outcome: 'Agreed on the expansion pilot', nextSteps: [{ title: 'Send the pilot proposal', dueDate: '2026-06-05', createTask: false }] }, { assignee });
    expect((await doc()).toJSON()).toMatchObject({ result: 'Held', schedule: { status: 'held', outcome: 'Agreed on the expansion pilot', nextSteps: '- Send the pilot proposal (due 2026-06-05)', calendar: { state: 'synced' } } });
    expect(await db.tasks.count().exec()).toBe(0);
  });

  it('next steps marked as tasks become open tasks on the account, linked to the meeting, once however often it is logged', async () => {
    const input = { outcome: 'Pilot agreed', nextSteps: [{ title: 'Send the pilot proposal', dueDate: '2026-06-05', createTask: true }, { title: 'Loop in finance', dueDate: '', createTask: false }] };
    expect(await logMeetingOutcome(db, await doc(), input, { assignee, now: new Date('2026-06-02T15:00:00Z') })).toEqual({ tasksCreated: 1 });
    expect(await logMeetingOutcome(db, await doc(), input, { assignee })).toEqual({ tasksCreated: 0 });
    const tasks = (await db.tasks.find().exec()).map((t) => t.toJSON());
    expect(tasks).toEqual([
      expect.objectContaining({ id: 'm1:next-1', title: 'Send the pilot proposal', dueDate: '2026-06-05', status: 'open', accountId: 'acc-1', accountName: 'Acme', meetingId: 'm1', ownerId: 'u', teamId: 't', assigneeId: 'u-bob' }),
    ]);
    expect(tasks[0]!.fieldStamps['meetingId']).toBeTruthy();
  });

  it('a bad next step stores nothing: neither tasks nor the outcome', async () => {
    const input = { outcome: 'Pilot agreed', nextSteps: [{ title: 'Send the proposal', dueDate: '2026-06-05', createTask: true }, { title: 'Call finance', dueDate: 'soon', createTask: true }] };
    await expect(logMeetingOutcome(db, await doc(), input, { assignee })).rejects.toThrow(/Next step 2 \("Call finance"\): give the task a due date/);
    expect(await db.tasks.count().exec()).toBe(0);
    expect((await doc()).toJSON().schedule).toMatchObject({ status: 'booked' });
    expect((await doc()).toJSON().schedule?.outcome).toBeUndefined();
  });
});
