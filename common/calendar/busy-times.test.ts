import { describe, expect, it } from 'vitest';
import { busyTimes } from './busy-times';
import { type CadenceAccount, DEFAULT_CADENCES } from './cadence';
import { overdueTouches } from './overdue';
import type { RemoteEvent } from './provider';

const base: RemoteEvent = { id: 'e', etag: '', status: 'confirmed', title: 'x', description: '', allDay: false, start: '2026-06-01T08:00:00.000Z', end: '2026-06-01T09:00:00.000Z', transparent: false, focus: false, attendees: [], updated: '' };
const window = { start: Date.parse('2026-06-01T00:00:00Z'), end: Date.parse('2026-06-08T00:00:00Z') };

describe('busy times', () => {
  it('counts opaque events, focus blocks, all-day events and Outpost meetings once; ignores free, cancelled and out-of-window ones', () => {
    const events: RemoteEvent[] = [
      base,
      { ...base, id: 'free', transparent: true },
      { ...base, id: 'gone', status: 'cancelled' },
      { ...base, id: 'focus', focus: true, start: '2026-06-02T08:00:00.000Z', end: '2026-06-02T10:00:00.000Z' },
      { ...base, id: 'ooo', allDay: true, start: '2026-06-03', end: '2026-06-04' },
      { ...base, id: 'later', start: '2026-07-01T08:00:00.000Z', end: '2026-07-01T09:00:00.000Z' },
      { ...base, id: 'mine', start: '2026-06-04T13:00:00.000Z', end: '2026-06-04T14:00:00.000Z' },
    ];
    const meetings = [{ start: '2026-06-04T13:00:00.000Z', end: '2026-06-04T14:00:00.000Z', status: 'booked' as const, eventId: 'mine' }];
    const { busy, allDay } = busyTimes(events, meetings, 'Europe/Berlin', window);
    expect(busy.map((b) => [new Date(b.start).toISOString(), b.kind])).toEqual([
      ['2026-06-01T08:00:00.000Z', 'event'],
      ['2026-06-02T08:00:00.000Z', 'focus'],
      ['2026-06-04T13:00:00.000Z', 'event'],
    ]);
    expect(allDay).toEqual([{ startDate: '2026-06-03', endDate: '2026-06-04', timeZone: 'Europe/Berlin' }]);
  });
});

describe('accounts overdue for a touch', () => {
  const account = (id: string, contractStart: string): CadenceAccount => ({ id, tier: 'Enterprise', contractStart, renewalDate: '2027-12-01', healthHistory: [{ on: '2024-01-01', band: 'green' }] });
  it('lists accounts whose cadence meeting passed without a meeting, most overdue first', () => {
    const overdue = overdueTouches([account('a', '2025-03-10'), account('b', '2025-04-20'), account('c', '2025-04-25')], DEFAULT_CADENCES, [{ accountId: 'c', meetingType: 'qbr', on: '2026-04-28' }], '2026-05-15');
    expect(overdue.map((o) => [o.accountId, o.dueOn, o.daysOverdue])).toEqual([
      ['a', '2026-03-10', 66],
      ['b', '2026-04-20', 25],
    ]);
  });
});
