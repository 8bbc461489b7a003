import type { IsoDate } from '../model';

const DAY_MS = 86_400_000;

function utcDay(date: IsoDate): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** Today's calendar date where the user is, as `YYYY-MM-DD`. */
export function localToday(now: Date = new Date()): IsoDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whole calendar days from `today` until `renewalDate`; negative once the renewal date has passed. */
export function daysToRenewal(renewalDate: IsoDate, today: IsoDate): number {
  return Math.round((utcDay(renewalDate) - utcDay(today)) / DAY_MS);
}

/** "in 12 days", "tomorrow", "today", "1 day overdue", "30 days overdue". */
export function formatDaysToRenewal(days: number): string {
  if (Number.isNaN(days)) return 'unknown';
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days > 1) return `in ${days} days`;
  const overdue = -days;
  return `${overdue} ${overdue === 1 ? 'day' : 'days'} overdue`;
}
