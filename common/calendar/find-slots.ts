import { allDayInterval, intersectIntervals, mergeIntervals, subtractIntervals, workingIntervals } from './time-zone';
import type { AllDayBlock, BusyBlock, Interval, Participant } from './types';

export interface SlotRequest {
  /** Where to look: proposals start at or after `window.start` and end by `window.end`. */
  window: Interval;
  durationMinutes: number;
  /** Free time kept between a proposal and any busy time (events and focus blocks alike). */
  bufferMinutes: number;
  /** Proposals start on this grid (minutes since the epoch, so :00/:15/:30/:45 in every zone Outpost meets). */
  stepMinutes?: number;
  /** The CSM first, then the contacts whose time zone is known: a proposal lies inside every one's working hours. */
  participants: readonly Participant[];
  busy: readonly BusyBlock[];
  /** Busy all-day events (out of office, conferences): the whole local day is taken. */
  allDay?: readonly AllDayBlock[];
  /** How many proposals at most (each the earliest free start after the previous proposal ends). */
  count?: number;
}

const MINUTE = 60_000;

/** The time a request can never use: busy blocks widened by the buffer on both sides, and all-day blocks. */
export function blockedTime(request: Pick<SlotRequest, 'busy' | 'allDay' | 'bufferMinutes' | 'window'>): Interval[] {
  const buffer = request.bufferMinutes * MINUTE;
  const blocks: Interval[] = request.busy.map((b) => ({ start: b.start - buffer, end: b.end + buffer }));
  // All-day blocks far from the window cannot matter (a local day is within ±14 h of its UTC date).
  const first = new Date(request.window.start - 2 * 86_400_000).toISOString().slice(0, 10);
  const last = new Date(request.window.end + 2 * 86_400_000).toISOString().slice(0, 10);
  for (const day of request.allDay ?? []) if (day.endDate >= first && day.startDate <= last) blocks.push(allDayInterval(day));
  return mergeIntervals(blocks);
}

/** The time inside every participant's working hours within the window. */
export function sharedWorkingTime(participants: readonly Participant[], window: Interval): Interval[] {
  if (participants.length === 0) throw new Error('A slot needs at least one participant (the CSM)');
  let shared: Interval[] = [window];
  for (const participant of participants) shared = intersectIntervals(shared, workingIntervals(participant.hours, window));
  return shared;
}

/**
 * The earliest free slots for a meeting: each starts on the step grid, lies wholly inside every participant's working
 * hours (each in their own zone), keeps the buffer from every busy block, avoids all-day blocks, and ends inside the
 * window. The first proposal is the earliest start with those properties; each next one the earliest after the
 * previous proposal ends.
 */
export function findSlots(request: SlotRequest): Interval[] {
  const duration = request.durationMinutes * MINUTE;
  const step = (request.stepMinutes ?? 15) * MINUTE;
  const count = request.count ?? 5;
  if (!(duration > 0) || !(step > 0)) throw new Error('Duration and step must be positive');
  const free = subtractIntervals(sharedWorkingTime(request.participants, request.window), blockedTime(request));
  return slotsIn(free, duration, step, count);
}

/** Walks sorted free spans and takes grid-aligned starts that fit; exported for callers that reuse one free list. */
export function slotsIn(free: readonly Interval[], duration: number, step: number, count: number): Interval[] {
  const out: Interval[] = [];
  let earliest = -Infinity;
  for (const span of free) {
    if (out.length >= count) break;
    let start = Math.ceil(Math.max(span.start, earliest) / step) * step;
    while (start + duration <= span.end && out.length < count) {
      out.push({ start, end: start + duration });
      earliest = start + duration;
      start = Math.ceil(earliest / step) * step;
    }
  }
  return out;
}
