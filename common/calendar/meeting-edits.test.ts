import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutpostDatabase } from '../db/create-database';
import { openTestDatabase } from '../db/testing/test-database';
import type { Activity } from '../model';
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
  await db.activities.insert({ ...activity, schedule: { ...activity.schedule!, calendar: { provider: 'google', eventId: 'e1', etag: '"1"', state: 'synced' } } });
});
afterEach(async () => {
  await db.close();
});
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
    await expect(logMeetingOutcome(await doc(), '  ', '')).rejects.toThrow(/Say what came of the meeting/);
    await logMeetingOutcome(await doc(), 'Agreed on the expansion pilot', 'Send the pilot proposal by Friday');
    expect((await doc()).toJSON()).toMatchObject({ result: 'Held', schedule: { status: 'held', outcome: 'Agreed on the expansion pilot', nextSteps: 'Send the pilot proposal by Friday', calendar: { state: 'synced' } } });
  });
});
