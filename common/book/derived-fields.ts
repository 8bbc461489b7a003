import type { Account, IsoDate } from '../model';

const DAY_MS = 86_400_000;

/** Whole UTC days since 1970-01-01 for a `YYYY-MM-DD` date, or `null` when it is not a calendar date. */
export function isoDateToDay(date: IsoDate): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return null;
  return ms / DAY_MS;
}

/** Today's calendar date in UTC, the day boundary the whole book uses. */
export function todayIsoDate(now: Date = new Date()): IsoDate {
  return now.toISOString().slice(0, 10);
}

/** Annual recurring revenue: 12 x MRR (never stored). */
export function annualRecurringRevenue(mrr: number): number {
  return mrr * 12;
}

/** Days from `today` until the renewal date (negative when it has passed), or `null` for a malformed date. */
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
