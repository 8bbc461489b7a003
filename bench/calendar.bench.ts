import { DateTime } from 'luxon';
import { busyIn, indexBusyEvents } from '../common/calendar/busy-times';
import { proposeCadenceMeetings } from '../common/calendar/cadence';
import { findSlots } from '../common/calendar/find-slots';
import type { RemoteEvent } from '../common/calendar/provider';
import { regionTimeZone } from '../common/calendar/time-zone';
import type { Participant, WorkingHours } from '../common/calendar/types';
import { generateDemoBook } from '../common/demo/generate-demo-book';
import { DEFAULT_DEMO_SEED } from '../common/demo/seed-demo-book';
import type { Account } from '../common/model';
import { Random } from '../common/random/seeded-random';
import type { Figure } from './figure';
import { spread } from './spread';

const AS_OF = '2026-06-01';
const CSM_ZONE = 'Europe/Berlin';

function week(zone: string, from: string, to: string): WorkingHours {
  const range = [{ from, to }];
  return { timeZone: zone, days: { 1: range, 2: range, 3: range, 4: range, 5: range } };
}

/** A busy CSM calendar: `count` events over the next year, mostly in working hours, some focus blocks and all-day ones. */
function calendarEvents(count: number): RemoteEvent[] {
  const rng = new Random(42);
  const start = DateTime.fromISO(AS_OF, { zone: CSM_ZONE });
  return Array.from({ length: count }, (_, i) => {
    const day = start.plus({ days: rng.int(0, 364) });
    const allDay = rng.next() < 0.02;
    const begin = day.set({ hour: rng.int(7, 18), minute: [0, 15, 30, 45][rng.int(0, 3)]! });
    const end = begin.plus({ minutes: [30, 45, 60, 90][rng.int(0, 3)]! });
    return {
      id: `e${i}`,
      etag: '',
      status: 'confirmed',
      title: `Event ${i}`,
      description: '',
      allDay,
      start: allDay ? day.toISODate()! : begin.toUTC().toISO()!,
      end: allDay ? day.plus({ days: 1 }).toISODate()! : end.toUTC().toISO()!,
      transparent: false,
      focus: rng.next() < 0.1,
      attendees: [],
      updated: '',
    } satisfies RemoteEvent;
  });
}

/**
 * Propose slots for the next QBR of every demo account (quarterly from its contract start) against a calendar of
 * `events` events: CSM in Berlin 09-17, contacts 08-18 in their region's zone, 15-minute buffer, one week either side of
 * the due day, each booked proposal counting as busy for the next account (as booking the whole book would).
 * Pure computation in memory: no storage involved.
 */
export function benchCalendar(accounts = 250, events = 2_000, runs = 7): Figure[] {
  const book: Account[] = [...generateDemoBook({ seed: DEFAULT_DEMO_SEED, accounts, asOf: AS_OF })].map((b) => b.account);
  const cached = calendarEvents(events);
  const rule = [{ id: 'qbr', kind: 'every-months' as const, meetingType: 'qbr' as const, intervalMonths: 3, tiers: ['Enterprise', 'Mid-Market', 'SMB'] as const }];
  const csm: Participant = { id: 'csm', hours: week(CSM_ZONE, '09:00', '17:00') };

  function once(): { ms: number; booked: number; due: number } {
    const t0 = performance.now();
    const due = proposeCadenceMeetings(
      book.map((a) => ({ id: a.id, tier: a.tier, contractStart: a.contractStart, renewalDate: a.renewalDate, healthHistory: [] })),
      rule,
      { from: AS_OF, to: DateTime.fromISO(AS_OF).plus({ months: 3 }).minus({ days: 1 }).toISODate()! },
    );
    const byId = new Map(book.map((a) => [a.id, a]));
    const index = indexBusyEvents(cached, CSM_ZONE);
    const meetings: { start: string; end: string; status: 'booked' }[] = [];
    let booked = 0;
    for (const proposal of due) {
      const account = byId.get(proposal.accountId)!;
      const dueAt = Date.parse(`${proposal.dueOn}T00:00:00Z`);
      const window = { start: Math.max(dueAt - 7 * 86_400_000, Date.parse(`${AS_OF}T00:00:00Z`)), end: dueAt + 8 * 86_400_000 };
      const { busy, allDay } = busyIn(index, meetings, window);
      const zone = regionTimeZone(account.region);
      const participants = zone ? [csm, { id: 'contacts', hours: week(zone, '08:00', '18:00') }] : [csm];
      let slots = findSlots({ window, durationMinutes: 60, bufferMinutes: 15, participants, busy, allDay, count: 3 });
      if (slots.length === 0) slots = findSlots({ window, durationMinutes: 60, bufferMinutes: 15, participants: [csm], busy, allDay, count: 3 });
      const first = slots[0];
      if (first) {
        meetings.push({ start: new Date(first.start).toISOString(), end: new Date(first.end).toISOString(), status: 'booked' });
        booked += 1;
      }
    }
    return { ms: performance.now() - t0, booked, due: due.length };
  }

  /**
   * Reference, measured in the same runs (interleaved, so machine load hits both alike): the least any approach does,
   * reading the 2,000 events' times and sorting them once per account.
   */
  function reference(): number {
    const t0 = performance.now();
    for (let i = 0; i < accounts; i += 1) cached.map((e) => Date.parse(e.start)).sort((a, b) => a - b);
    return performance.now() - t0;
  }

  once(); // warm-up (JIT, luxon's zone caches)
  reference();
  const results: { ms: number; booked: number; due: number }[] = [];
  const references: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    results.push(once());
    references.push(reference());
  }
  const ratios = results.map((r, i) => r.ms / references[i]!);
  return [
    ...spread(`calendar: propose QBR slots for ${accounts} demo accounts against ${events} events (in memory)`, results.map((r) => r.ms), 'ms'),
    ...spread(`calendar: reference, parse and sort the ${events} events once per account`, references, 'ms'),
    ...spread('calendar: slot proposals / reference', ratios, 'x', 2),
    { name: `calendar: QBRs due in the next quarter given a free slot within a week of the due day (of ${results[0]!.due})`, value: results[0]!.booked, unit: 'QBRs' },
  ];
}
