import type { IsoDate, IsoDateTime } from '../model';

/** The demo simulation counts whole UTC days since 1970-01-01; these convert to and from the model's strings. */
const DAY_MS = 86_400_000;

export function parseIsoDate(date: IsoDate): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new Error(`Demo book: asOf must be a calendar date YYYY-MM-DD, got "${date}"`);
  }
  return ms / DAY_MS;
}

export function dayToIsoDate(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** An instant on `day`, `minuteOfDay` minutes after midnight UTC. */
export function dayToIsoDateTime(day: number, minuteOfDay: number): IsoDateTime {
  return new Date(day * DAY_MS + minuteOfDay * 60_000).toISOString();
}

export function dayToMs(day: number): number {
  return day * DAY_MS;
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(day: number): number {
  return (day + 4) % 7;
}

export function todayUtc(): IsoDate {
  return new Date().toISOString().slice(0, 10);
}

/** The same calendar day `years` later (29 Feb becomes 28 Feb). */
export function addYears(day: number, years: number): number {
  const date = new Date(day * DAY_MS);
  const y = date.getUTCFullYear() + years;
  const m = date.getUTCMonth();
  const d = Math.min(date.getUTCDate(), daysInMonth(y, m));
  return Date.UTC(y, m, d) / DAY_MS;
}

/** Day `dayOfMonth` (clamped to the month's length) of the month `months` after the month of `day`. */
export function addMonthsOnDay(day: number, months: number, dayOfMonth: number): number {
  const date = new Date(day * DAY_MS);
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const y = Math.floor(total / 12);
  const m = total % 12;
  return Date.UTC(y, m, Math.min(dayOfMonth, daysInMonth(y, m))) / DAY_MS;
}

export function dayOfMonth(day: number): number {
  return new Date(day * DAY_MS).getUTCDate();
}

export function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

export interface CalendarMonth {
  /** `YYYY-MM`. */
  key: string;
  firstDay: number;
  length: number;
}

/** The `count` calendar months ending with the month that contains `lastDay`, oldest first. */
export function monthsEndingAt(lastDay: number, count: number): CalendarMonth[] {
  const last = new Date(lastDay * DAY_MS);
  const months: CalendarMonth[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    const total = last.getUTCFullYear() * 12 + last.getUTCMonth() - back;
    const y = Math.floor(total / 12);
    const m = total % 12;
    months.push({
      key: `${y}-${String(m + 1).padStart(2, '0')}`,
      firstDay: Date.UTC(y, m, 1) / DAY_MS,
      length: daysInMonth(y, m),
    });
  }
  return months;
}
