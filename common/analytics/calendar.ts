import type { IsoDate } from '../model';

/** A calendar month, `YYYY-MM`. */
export type IsoMonth = string;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function monthOf(date: IsoDate): IsoMonth {
  return date.slice(0, 7);
}

/** `2026-02` + 1 → `2026-03`; negative steps go back. */
export function addMonths(month: IsoMonth, step: number): IsoMonth {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + step;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}

/** Months from `from` to `to` inclusive (empty when `to` is before `from`). */
export function monthsBetween(from: IsoMonth, to: IsoMonth): IsoMonth[] {
  const months: IsoMonth[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

export function firstDayOf(month: IsoMonth): IsoDate {
  return `${month}-01`;
}

export function lastDayOf(month: IsoMonth): IsoDate {
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  return `${month}-${pad(days)}`;
}

/** The day before a date (`2026-03-01` → `2026-02-28`). */
export function dayBefore(date: IsoDate): IsoDate {
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** A calendar quarter: its first and last day and a label ("Q3 2026"). */
export interface Quarter {
  label: string;
  start: IsoDate;
  end: IsoDate;
}

export function quarterOf(date: IsoDate): Quarter {
  const year = Number(date.slice(0, 4));
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  const first = `${year}-${pad(q * 3 + 1)}`;
  return { label: `Q${q + 1} ${year}`, start: firstDayOf(first), end: lastDayOf(addMonths(first, 2)) };
}

/** The quarter before the one `date` is in. */
export function previousQuarter(date: IsoDate): Quarter {
  return quarterOf(dayBefore(quarterOf(date).start));
}
