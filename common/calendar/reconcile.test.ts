import { describe, expect, it } from 'vitest';
import type { MeetingSchedule } from '../model';
import type { RemoteEvent } from './provider';
import { meetingFromCalendar, reconcileMeeting } from './reconcile';

const local: MeetingSchedule = {
  meetingType: 'qbr',
  start: '2026-06-02T09:00:00.000Z',
  end: '2026-06-02T10:00:00.000Z',
  timeZone: 'Europe/Berlin',
  attendees: [{ name: 'Jo', email: 'jo@acme.example' }],
  status: 'booked',
  editedAt: '2026-05-30T10:00:00.000Z',
  calendar: { provider: 'google', eventId: 'e1', etag: '"1"', state: 'pending' },
};
const remote: RemoteEvent = {
  id: 'e1', etag: '"2"', status: 'confirmed', title: 'QBR', description: '', allDay: false,
  start: '2026-06-02T15:00:00.000Z', end: '2026-06-02T16:00:00.000Z', transparent: false, focus: false,
  attendees: [{ name: 'Sam', email: 'sam@acme.example' }], updated: '2026-05-30T10:00:00.000Z',
};

describe('a meeting changed on both sides', () => {
  it('keeps the later change as a whole: Outpost’s when it is later', () => {
    const result = reconcileMeeting({ ...local, editedAt: '2026-05-30T10:00:01.000Z' }, remote);
    expect(result.winner).toBe('outpost');
    expect(result.schedule.start).toBe(local.start);
    expect(result.schedule.attendees).toEqual(local.attendees);
  });

  it('the calendar’s when it is later or at the same instant, times and attendees together', () => {
    const result = reconcileMeeting(local, remote);
    expect(result.winner).toBe('calendar');
    expect(result.schedule).toMatchObject({ start: remote.start, end: remote.end, attendees: remote.attendees, editedAt: remote.updated });
    expect(result.note).toMatch(/your Outpost change .* was not applied/);
  });

  it('a cancellation in the calendar cancels the meeting', () => {
    expect(meetingFromCalendar(local, { ...remote, status: 'cancelled' }).status).toBe('cancelled');
  });
});
