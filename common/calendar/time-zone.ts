import { DateTime, IANAZone } from 'luxon';
import type { AllDayBlock, DayRange, Interval, IsoWeekday, WorkingHours } from './types';

/** Whether `zone` is an IANA time zone this runtime knows (Intl data). */
export function isKnownTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

function minutesOf(hhmm: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new Error(`Working hours must be HH:mm, got "${hhmm}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** A wall-clock time of a local day as an instant; luxon moves a time inside a spring-forward gap to after it. */
function instantAt(day: DateTime, minutes: number): number {
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 }).toMillis();
}

/**
 * The instants of `hours` that fall inside `window`, in order. Each local day is walked in the participant's own
 * zone, so a working day of 09:00-17:00 stays 09:00-17:00 on the wall clock across daylight-saving switches (its
 * length in UTC changes, which is the point).
 */
export function workingIntervals(hours: WorkingHours, window: Interval): Interval[] {
  if (!isKnownTimeZone(hours.timeZone)) throw new Error(`Unknown time zone "${hours.timeZone}"`);
  const out: Interval[] = [];
  let day = DateTime.fromMillis(window.start, { zone: hours.timeZone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromMillis(window.end, { zone: hours.timeZone }).startOf('day');
  while (day <= last) {
    const ranges: DayRange[] = hours.days[day.weekday as IsoWeekday] ?? [];
    for (const range of ranges) {
      const start = Math.max(instantAt(day, minutesOf(range.from)), window.start);
      const end = Math.min(instantAt(day, minutesOf(range.to)), window.end);
      if (end > start) out.push({ start, end });
    }
    day = day.plus({ days: 1 });
  }
  return mergeIntervals(out);
}

/** An all-day block as the instants it covers: local midnight of its first day to local midnight after its last. */
export function allDayInterval(block: AllDayBlock): Interval {
  const start = DateTime.fromISO(block.startDate, { zone: block.timeZone });
  const end = DateTime.fromISO(block.endDate, { zone: block.timeZone });
  if (!start.isValid || !end.isValid) throw new Error(`All-day event with bad dates ${block.startDate}..${block.endDate}`);
  // An all-day event ends on the day after its last day (RFC 5545 DTEND is exclusive); a same-day end means one day.
  const endMs = end > start ? end.toMillis() : start.plus({ days: 1 }).toMillis();
  return { start: start.toMillis(), end: endMs };
}

/** Sorted, non-overlapping, touching spans joined. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const interval of sorted) {
    const last = out[out.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else out.push({ ...interval });
  }
  return out;
}

/** The parts of `a` covered by `b` as well (both sorted and merged). */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!.start, b[j]!.start);
    const end = Math.min(a[i]!.end, b[j]!.end);
    if (end > start) out.push({ start, end });
    if (a[i]!.end < b[j]!.end) i += 1;
    else j += 1;
  }
  return out;
}

/** The parts of `a` not covered by `b` (both sorted and merged). */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const interval of a) {
    let cursor = interval.start;
    while (j < b.length && b[j]!.end <= cursor) j += 1;
    let k = j;
    while (k < b.length && b[k]!.start < interval.end) {
      if (b[k]!.start > cursor) out.push({ start: cursor, end: b[k]!.start });
      cursor = Math.max(cursor, b[k]!.end);
      k += 1;
    }
    if (cursor < interval.end) out.push({ start: cursor, end: interval.end });
  }
  return out;
}

/** A time zone a contact is likely in, from the account's region, when nothing better is known. */
export function regionTimeZone(region: string): string | undefined {
  const byRegion: Record<string, string> = {
    'North America': 'America/New_York',
    EMEA: 'Europe/London',
    Europe: 'Europe/Berlin',
    APAC: 'Asia/Singapore',
    LATAM: 'America/Sao_Paulo',
  };
  return byRegion[region];
}
