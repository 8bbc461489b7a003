import type { IsoDate } from '../model';
import { mrrAt, type MrrHistory } from './mrr-history';

/**
 * Revenue and logo retention from `start` to `end` over the accounts paying at the close of `start` (the starting
 * cohort; accounts new in the period are left out). Point to point: an upgrade and a later downgrade inside the period
 * net out, and an account that churned and came back by `end` counts as retained. Definitions: docs/METRICS.md.
 */
export interface Retention {
  start: IsoDate;
  end: IsoDate;
  /** Σ MRR at start over the starting cohort. */
  openingMrr: number;
  /** Σ min(MRR at end, MRR at start): what was kept, expansion not counted. */
  retainedMrr: number;
  /** Σ MRR at end over the starting cohort, expansion counted. */
  closingCohortMrr: number;
  startingLogos: number;
  retainedLogos: number;
  /** retainedMrr / openingMrr; null without a starting cohort. */
  grossRevenueRetention: number | null;
  /** closingCohortMrr / openingMrr. */
  netRevenueRetention: number | null;
  /** retainedLogos / startingLogos. */
  logoRetention: number | null;
}

export function retention(histories: readonly MrrHistory[], start: IsoDate, end: IsoDate): Retention {
  let openingMrr = 0;
  let retainedMrr = 0;
  let closingCohortMrr = 0;
  let startingLogos = 0;
  let retainedLogos = 0;
  for (const history of histories) {
    const open = mrrAt(history, start);
    if (open <= 0) continue;
    const close = mrrAt(history, end);
    openingMrr += open;
    retainedMrr += Math.min(open, close);
    closingCohortMrr += close;
    startingLogos++;
    if (close > 0) retainedLogos++;
  }
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  return {
    start,
    end,
    openingMrr,
    retainedMrr,
    closingCohortMrr,
    startingLogos,
    retainedLogos,
    grossRevenueRetention: ratio(retainedMrr, openingMrr),
    netRevenueRetention: ratio(closingCohortMrr, openingMrr),
    logoRetention: ratio(retainedLogos, startingLogos),
  };
}
