import type { MeetingSchedule } from '../model/meeting-schedule';
import type { RemoteEvent } from './provider';
import type { AllDayBlock, BusyBlock, Interval } from './types';

type MeetingTimes = Pick<MeetingSchedule, 'start' | 'end' | 'status'> & { eventId?: string | undefined };

/** Cached events read once for slot finding: timed busy blocks sorted by start, and all-day blocks. */
export interface BusyIndex {
  timed: (BusyBlock & { id: string })[];
  allDay: (AllDayBlock & { id: string })[];
  /** The longest timed block, so a window's lookup can start a binary search that far back. */
  longest: number;
}

/**
 * Reads the cached external events once: cancelled and free ("transparent") events do not count, focus blocks do,
 * all-day events block their whole days in the CSM's zone.
 */
export function indexBusyEvents(events: readonly RemoteEvent[], timeZone: string): BusyIndex {
  const timed: BusyIndex['timed'] = [];
  const allDay: BusyIndex['allDay'] = [];
  let longest = 0;
  for (const event of events) {
    if (event.status === 'cancelled' || event.transparent) continue;
    if (event.allDay) {
      allDay.push({ id: event.id, startDate: event.start, endDate: event.end, timeZone });
      continue;
    }
    const start = Date.parse(event.start);
    const end = Date.parse(event.end);
    if (!(end > start)) continue;
    longest = Math.max(longest, end - start);
    timed.push({ id: event.id, start, end, kind: event.focus ? 'focus' : 'event' });
  }
  timed.sort((a, b) => a.start - b.start);
  return { timed, allDay, longest };
}

/**
 * The CSM's busy time inside `window`: the indexed events plus Outpost's own meetings (a meeting Outpost booked is
 * counted once even when its calendar copy is cached).
 */
export function busyIn(index: BusyIndex, meetings: readonly MeetingTimes[], window: Interval): { busy: BusyBlock[]; allDay: AllDayBlock[] } {
  const booked = new Set<string>();
  for (const m of meetings) if (m.eventId) booked.add(m.eventId);
  const busy: BusyBlock[] = [];
  // First event that can still reach into the window: binary search on start ≥ window.start − longest.
  let lo = 0;
  let hi = index.timed.length;
  const from = window.start - index.longest;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.timed[mid]!.start < from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < index.timed.length && index.timed[i]!.start < window.end; i += 1) {
    const block = index.timed[i]!;
    if (block.end > window.start && (booked.size === 0 || !booked.has(block.id))) busy.push({ start: block.start, end: block.end, kind: block.kind });
  }
  for (const meeting of meetings) {
    if (meeting.status === 'cancelled') continue;
    const start = Date.parse(meeting.start);
    const end = Date.parse(meeting.end);
    if (end <= window.start || start >= window.end) continue;
    busy.push({ start, end, kind: 'event' });
  }
  const allDay = index.allDay.filter((d) => booked.size === 0 || !booked.has(d.id)).map(({ startDate, endDate, timeZone }) => ({ startDate, endDate, timeZone }));
  return { busy, allDay };
}

/** indexBusyEvents + busyIn in one call, for a single proposal. */
export function busyTimes(events: readonly RemoteEvent[], meetings: readonly MeetingTimes[], timeZone: string, window: Interval): { busy: BusyBlock[]; allDay: AllDayBlock[] } {
  return busyIn(indexBusyEvents(events, timeZone), meetings, window);
}
