import type { IsoDate, UsageMonth } from '../model';

export interface DailyUsagePoint {
  date: IsoDate;
  /** `null` where no data was reported for that day. */
  activeUsers: number | null;
}

const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Flattens an account's UsageMonth documents into one daily series sorted by date. Array slots past the end of a
 * calendar month are ignored, malformed months are skipped, and unreported days before the first and after the last
 * reported value are dropped (months before the contract started; the current month is only partly reported).
 */
export function dailyUsageSeries(months: readonly Pick<UsageMonth, 'month' | 'activeUsers'>[]): DailyUsagePoint[] {
  const sorted = [...months].sort((a, b) => a.month.localeCompare(b.month));
  const points: DailyUsagePoint[] = [];
  let previousMonth = '';
  for (const usage of sorted) {
    const match = MONTH_PATTERN.exec(usage.month);
    if (!match || usage.month === previousMonth) continue;
    previousMonth = usage.month;
    const length = daysInMonth(Number(match[1]), Number(match[2]));
    for (let day = 1; day <= length; day += 1) {
      const value = usage.activeUsers[day - 1];
      points.push({ date: `${usage.month}-${String(day).padStart(2, '0')}`, activeUsers: value ?? null });
    }
  }
  const start = points.findIndex((point) => point.activeUsers !== null);
  if (start === -1) return [];
  let end = points.length;
  while (points[end - 1]?.activeUsers === null) end -= 1;
  return points.slice(start, end);
}

/** Index of the first point of the trailing `days`-day window, for a zoom that opens on the most recent data. */
export function trailingWindowStart(series: readonly DailyUsagePoint[], days: number): number {
  return Math.max(0, series.length - days);
}
