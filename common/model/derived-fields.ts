import type { Account, IsoDate } from './index.ts';

const DAY_MS = 86_400_000;

/** Whole UTC days since 1970-01-01 for a `YYYY-MM-DD` date, or `null` when it is not a calendar date. */
export function isoDateToDay(date: IsoDate): number | null {
  // Memoised: the grid and the scoring engine ask for the same few thousand dates for every account of a book.
  let day = knownDays.get(date);
  if (day === undefined) {
    day = parseIsoDay(date);
    if (knownDays.size >= 20_000) knownDays.clear();
    knownDays.set(date, day);
  }
  return day;
}

const knownDays = new Map<string, number | null>();

function parseIsoDay(date: IsoDate): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return null;
  return ms / DAY_MS;
}

/**
 * Today's calendar date where the person is (their local day, as `YYYY-MM-DD`): a CSM thinks "renews tomorrow" in
 * their own calendar, so the grid, the dashboard and the account workbench all count days from this one date.
 */
export function todayIsoDate(now: Date = new Date()): IsoDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Annual recurring revenue: 12 x MRR (never stored). */
export function annualRecurringRevenue(mrr: number): number {
  return mrr * 12;
}

/**
 * Whole calendar days from `today` (see `todayIsoDate`) until the renewal date, negative once it has passed, or `null`
 * when either is not a calendar date. Both are dates, not instants, so time zones and daylight saving play no part.
 * The one definition for the grid, the dashboard and the workbench.
 */
export function daysToRenewal(renewalDate: IsoDate, today: IsoDate): number | null {
  const renewal = isoDateToDay(renewalDate);
  const now = isoDateToDay(today);
  if (renewal === null || now === null) return null;
  return renewal - now;
}

/** Active seats as a percentage of purchased seats (may exceed 100), or `null` when no seats were purchased. */
export function seatUtilizationPercent(account: Pick<Account, 'seatsActive' | 'seatsPurchased'>): number | null {
  if (!(account.seatsPurchased > 0)) return null;
  return (account.seatsActive / account.seatsPurchased) * 100;
}
