import type { IsoDate, RevenueEvent } from '../model';

/** Revenue events, newest first (by date, then by the order they were recorded in). */
export function revenueEventsNewestFirst<T extends Pick<RevenueEvent, 'date'>>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => b.date.localeCompare(a.date));
}

function monthsBefore(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(year, month - 1 - months, 1));
  const lastDay = new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, 0)).getUTCDate();
  shifted.setUTCDate(Math.min(day, lastDay));
  return shifted.toISOString().slice(0, 10);
}

export interface MrrGrowth {
  from: number;
  to: number;
  /** Fractional change, e.g. 0.05 for +5%; null when the starting MRR was 0. */
  rate: number | null;
}

/**
 * MRR growth over the last `months` months: the MRR in force at the start of the window is the `mrrAfter` of the
 * latest revenue event on or before that day. Not derivable (null) when no event predates the window.
 */
export function mrrGrowth(
  events: readonly Pick<RevenueEvent, 'date' | 'mrrAfter'>[],
  currentMrr: number,
  today: IsoDate,
  months = 12,
): MrrGrowth | null {
  const windowStart = monthsBefore(today, months);
  let baseline: Pick<RevenueEvent, 'date' | 'mrrAfter'> | undefined;
  for (const event of events) {
    if (event.date <= windowStart && (!baseline || event.date >= baseline.date)) baseline = event;
  }
  if (!baseline) return null;
  const from = baseline.mrrAfter;
  return { from, to: currentMrr, rate: from === 0 ? null : (currentMrr - from) / from };
}
