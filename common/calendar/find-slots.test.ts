import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { findSlots, type SlotRequest } from './find-slots';
import type { BusyBlock, DayRange, IsoWeekday, Participant, WorkingHours } from './types';

const MINUTE = 60_000;
const ZONES = ['Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Kolkata', 'Australia/Sydney', 'UTC'];

function weekdays(from: string, to: string, timeZone: string): WorkingHours {
  const range = [{ from, to }];
  return { timeZone, days: { 1: range, 2: range, 3: range, 4: range, 5: range } };
}

function at(iso: string, zone: string): number {
  return DateTime.fromISO(iso, { zone }).toMillis();
}

/** The definition of "inside working hours", checked directly on the wall clock of each participant. */
function insideHours(hours: WorkingHours, start: number, end: number): boolean {
  const s = DateTime.fromMillis(start, { zone: hours.timeZone });
  const e = DateTime.fromMillis(end, { zone: hours.timeZone });
  if (!s.hasSame(e, 'day') && !(e.hour === 0 && e.minute === 0 && e.minus({ minutes: 1 }).hasSame(s, 'day'))) return false;
  const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  const sMin = s.hour * 60 + s.minute;
  const eMin = e.hasSame(s, 'day') ? e.hour * 60 + e.minute : 24 * 60;
  return (hours.days[s.weekday as IsoWeekday] ?? []).some((r: DayRange) => toMin(r.from) <= sMin && eMin <= toMin(r.to));
}

function acceptable(request: SlotRequest, start: number): boolean {
  const end = start + request.durationMinutes * MINUTE;
  const buffer = request.bufferMinutes * MINUTE;
  if (start < request.window.start || end > request.window.end) return false;
  if (!request.participants.every((p) => insideHours(p.hours, start, end))) return false;
  return request.busy.every((b) => end + buffer <= b.start || start >= b.end + buffer);
}

/** Brute force: every grid start in the window, in order. */
function earliestByScan(request: SlotRequest): number | undefined {
  const step = (request.stepMinutes ?? 15) * MINUTE;
  for (let t = Math.ceil(request.window.start / step) * step; t < request.window.end; t += step) {
    if (acceptable(request, t)) return t;
  }
  return undefined;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

// Working hours between 06:00 and 22:00 (never inside a DST gap), on random weekdays, in random zones.
const arbHours: fc.Arbitrary<WorkingHours> = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    from: fc.integer({ min: 24, max: 48 }).map((q) => q * 15),
    length: fc.integer({ min: 8, max: 40 }).map((q) => q * 15),
    days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
  })
  .map(({ zone, from, length, days }) => {
    const range = { from: hhmm(from), to: hhmm(Math.min(from + length, 22 * 60)) };
    return { timeZone: zone, days: Object.fromEntries(days.map((d) => [d, [range]])) };
  });

const WINDOW_START = Date.UTC(2026, 2, 25); // windows of up to 6 days: many span the European switch (29 March 2026)
const arbRequest: fc.Arbitrary<SlotRequest> = fc
  .record({
    participants: fc.array(arbHours, { minLength: 1, maxLength: 3 }),
    busy: fc.array(
      fc.record({
        offset: fc.integer({ min: 0, max: 6 * 24 * 4 }),
        length: fc.integer({ min: 1, max: 24 }),
        kind: fc.constantFrom<BusyBlock['kind']>('event', 'focus'),
      }),
      { maxLength: 40 },
    ),
    duration: fc.constantFrom(15, 30, 45, 60, 90),
    buffer: fc.constantFrom(0, 5, 10, 15, 30),
    step: fc.constantFrom(15, 30),
    windowDays: fc.integer({ min: 1, max: 6 }),
  })
  .map(({ participants, busy, duration, buffer, step, windowDays }) => ({
    window: { start: WINDOW_START, end: WINDOW_START + windowDays * 86_400_000 },
    durationMinutes: duration,
    bufferMinutes: buffer,
    stepMinutes: step,
    participants: participants.map((hours, i) => ({ id: `p${i}`, hours })),
    busy: busy.map((b) => ({
      start: WINDOW_START + b.offset * 15 * MINUTE + 7 * MINUTE,
      end: WINDOW_START + (b.offset + b.length) * 15 * MINUTE + 7 * MINUTE,
      kind: b.kind,
    })),
    count: 4,
  }));

describe('findSlots (properties)', () => {
  it('every proposal is free, inside every participant’s working hours, keeps the buffer, and the first is the earliest', () => {
    fc.assert(
      fc.property(arbRequest, (request) => {
        const slots = findSlots(request);
        for (const slot of slots) {
          expect(acceptable(request, slot.start)).toBe(true);
          expect(slot.end - slot.start).toBe(request.durationMinutes * MINUTE);
        }
        expect(slots[0]?.start).toBe(earliestByScan(request));
        for (let i = 1; i < slots.length; i += 1) expect(slots[i]!.start).toBeGreaterThanOrEqual(slots[i - 1]!.end);
      }),
      { numRuns: 150 },
    );
  });
});

describe('findSlots (cases)', () => {
  const csm: Participant = { id: 'csm', hours: weekdays('09:00', '17:00', 'Europe/Berlin') };

  it('skips a busy morning and keeps the buffer after it', () => {
    const window = { start: at('2026-06-01T00:00', 'Europe/Berlin'), end: at('2026-06-02T00:00', 'Europe/Berlin') };
    const busy: BusyBlock[] = [{ start: at('2026-06-01T09:00', 'Europe/Berlin'), end: at('2026-06-01T10:50', 'Europe/Berlin'), kind: 'event' }];
    const [first] = findSlots({ window, durationMinutes: 30, bufferMinutes: 10, participants: [csm], busy });
    expect(DateTime.fromMillis(first!.start, { zone: 'Europe/Berlin' }).toFormat('HH:mm')).toBe('11:00');
  });

  it('respects focus blocks and all-day events', () => {
    const window = { start: at('2026-06-01T00:00', 'Europe/Berlin'), end: at('2026-06-04T00:00', 'Europe/Berlin') };
    const busy: BusyBlock[] = [{ start: at('2026-06-02T09:00', 'Europe/Berlin'), end: at('2026-06-02T12:00', 'Europe/Berlin'), kind: 'focus' }];
    const [first] = findSlots({
      window,
      durationMinutes: 60,
      bufferMinutes: 0,
      participants: [csm],
      busy,
      allDay: [{ startDate: '2026-06-01', endDate: '2026-06-02', timeZone: 'Europe/Berlin' }],
    });
    expect(DateTime.fromMillis(first!.start, { zone: 'Europe/Berlin' }).toISO({ suppressMilliseconds: true })).toBe('2026-06-02T12:00:00+02:00');
  });

  it('finds the overlap of Berlin and New York working days', () => {
    const window = { start: at('2026-06-01T00:00', 'UTC'), end: at('2026-06-02T00:00', 'UTC') };
    const contact: Participant = { id: 'c', hours: weekdays('09:00', '17:00', 'America/New_York') };
    const [first] = findSlots({ window, durationMinutes: 60, bufferMinutes: 0, participants: [csm, contact], busy: [] });
    // 09:00 in New York is 15:00 in Berlin in June; Berlin ends at 17:00.
    expect(new Date(first!.start).toISOString()).toBe('2026-06-01T13:00:00.000Z');
  });

  it('keeps working hours on the wall clock across the European DST switch (29 March 2026)', () => {
    const before = findSlots({ window: { start: at('2026-03-27T00:00', 'UTC'), end: at('2026-03-28T00:00', 'UTC') }, durationMinutes: 30, bufferMinutes: 0, participants: [csm], busy: [] });
    const after = findSlots({ window: { start: at('2026-03-30T00:00', 'UTC'), end: at('2026-03-31T00:00', 'UTC') }, durationMinutes: 30, bufferMinutes: 0, participants: [csm], busy: [] });
    expect(new Date(before[0]!.start).toISOString()).toBe('2026-03-27T08:00:00.000Z'); // CET, UTC+1
    expect(new Date(after[0]!.start).toISOString()).toBe('2026-03-30T07:00:00.000Z'); // CEST, UTC+2
  });

  it('handles the three weeks when the US has switched and Europe has not (March 2026)', () => {
    const ny: Participant = { id: 'ny', hours: weekdays('09:00', '17:00', 'America/New_York') };
    const day = (d: string) => findSlots({ window: { start: at(`${d}T00:00`, 'UTC'), end: at(`${d}T23:59`, 'UTC') }, durationMinutes: 60, bufferMinutes: 0, participants: [csm, ny], busy: [] });
    // 6 March: NY UTC-5, Berlin UTC+1 → overlap 14:00-16:00 UTC. 10 March: NY UTC-4 → 13:00-16:00 UTC.
    expect(new Date(day('2026-03-06')[0]!.start).toISOString()).toBe('2026-03-06T14:00:00.000Z');
    expect(new Date(day('2026-03-10')[0]!.start).toISOString()).toBe('2026-03-10T13:00:00.000Z');
    // 30 March: both on summer time → 13:00-15:00 UTC.
    expect(new Date(day('2026-03-30')[0]!.start).toISOString()).toBe('2026-03-30T13:00:00.000Z');
  });

  it('handles the US fall-back day (1 November 2026) in Los Angeles', () => {
    const la: Participant = { id: 'la', hours: { timeZone: 'America/Los_Angeles', days: { 7: [{ from: '00:30', to: '03:00' }], 1: [{ from: '09:00', to: '10:00' }] } } };
    const slots = findSlots({ window: { start: at('2026-11-01T00:00', 'America/Los_Angeles'), end: at('2026-11-03T00:00', 'America/Los_Angeles') }, durationMinutes: 60, bufferMinutes: 0, participants: [la], busy: [], count: 10 });
    // 00:30-03:00 wall clock on a fall-back day holds 3.5 real hours: 3 one-hour slots fit; then Monday 09:00.
    expect(slots.map((s) => DateTime.fromMillis(s.start, { zone: 'America/Los_Angeles' }).toFormat('ccc HH:mm ZZ'))).toEqual([
      'Sun 00:30 -07:00',
      'Sun 01:30 -07:00',
      'Sun 01:30 -08:00',
      'Mon 09:00 -08:00',
    ]);
  });

  it('refuses an unknown time zone clearly', () => {
    expect(() => findSlots({ window: { start: 0, end: 86_400_000 }, durationMinutes: 30, bufferMinutes: 0, participants: [{ id: 'x', hours: weekdays('09:00', '17:00', 'Mars/Olympus') }], busy: [] })).toThrow(/Unknown time zone "Mars\/Olympus"/);
  });
});
