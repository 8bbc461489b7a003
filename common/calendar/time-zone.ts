import { DateTime, IANAZone } from 'luxon';
import type { AllDayBlock, DayRange, Interval, IsoWeekday, WorkingHours } from './types';

/** Whether `zone` is an IANA time zone this runtime knows (Intl data). */
const knownZones = new Set<string>();
export function isKnownTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  const known = IANAZone.isValidZone(zone);
  if (known) knownZones.add(zone);
  return known;
}

function minutesOf(hhmm: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new Error(`Working hours must be HH:mm, got "${hhmm}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * The instant of a wall-clock time on a local day in `zone` (luxon moves a time inside a spring-forward gap to after
 * it). Memoised: luxon reads zone offsets through Intl, which costs tens of microseconds a call, and proposing slots
 * for a whole book asks for the same few zones and days thousands of times. Written by hand because no library
 * memoises this; the cache is bounded and simply dropped when full.
 */
const instantCache = new Map<string, number>();
const INSTANT_CACHE_LIMIT = 100_000;
function instantAt(zone: string, isoDate: string, minutes: number): number {
  const key = `${zone}|${isoDate}|${minutes}`;
  let instant = instantCache.get(key);
  if (instant === undefined) {
    const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
    instant = DateTime.fromObject({ year: y, month: m, day: d, hour: Math.floor(minutes / 60), minute: minutes % 60 }, { zone }).toMillis();
    if (instantCache.size >= INSTANT_CACHE_LIMIT) instantCache.clear();
    instantCache.set(key, instant);
  }
  return instant;
}

/**
 * The instants of `hours` that fall inside `window`, in order. Each local day is walked in the participant's own
 * zone, so a working day of 09:00-17:00 stays 09:00-17:00 on the wall clock across daylight-saving switches (its
 * length in UTC changes, which is the point).
 */
export function workingIntervals(hours: WorkingHours, window: Interval): Interval[] {
  if (!isKnownTimeZone(hours.timeZone)) throw new Error(`Unknown time zone "${hours.timeZone}"`);
  const out: Interval[] = [];
  // Local calendar days are walked as UTC dates (pure arithmetic): every zone is within ±14 h of UTC, so the UTC
  // dates from the day before the window to the day after it cover every local day that can meet the window.
  const firstDay = Math.floor(window.start / 86_400_000) * 86_400_000 - 86_400_000;
  const lastDay = Math.floor(window.end / 86_400_000) * 86_400_000 + 86_400_000;
  for (let day = firstDay; day <= lastDay; day += 86_400_000) {
    const date = new Date(day);
    const weekday = (((date.getUTCDay() + 6) % 7) + 1) as IsoWeekday;
    const ranges: DayRange[] = hours.days[weekday] ?? [];
    if (ranges.length === 0) continue;
    const isoDate = date.toISOString().slice(0, 10);
    for (const range of ranges) {
      const start = Math.max(instantAt(hours.timeZone, isoDate, minutesOf(range.from)), window.start);
      const end = Math.min(instantAt(hours.timeZone, isoDate, minutesOf(range.to)), window.end);
      if (end > start) out.push({ start, end });
    }
  }
  return mergeIntervals(out);
}

/** An all-day block as the instants it covers: local midnight of its first day to local midnight after its last. */
export function allDayInterval(block: AllDayBlock): Interval {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(block.startDate) || !/^\d{4}-\d{2}-\d{2}$/.test(block.endDate)) {
    throw new Error(`All-day event with bad dates ${block.startDate}..${block.endDate}`);
  }
  const start = instantAt(block.timeZone, block.startDate, 0);
  // An all-day event ends on the day after its last day (RFC 5545 DTEND is exclusive); a same-day end means one day.
  const next = new Date(Date.parse(`${block.startDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const end = instantAt(block.timeZone, block.endDate > block.startDate ? block.endDate : next, 0);
  return { start, end };
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
