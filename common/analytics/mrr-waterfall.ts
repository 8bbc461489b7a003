import { dayBefore, firstDayOf, lastDayOf, monthsBetween, type IsoMonth } from './calendar';
import type { MrrHistory } from './mrr-history';

/** MRR movements of one period; opening + new + reactivation + expansion − contraction − churn = closing. */
export interface MrrMovements {
  opening: number;
  /** Accounts paying for the first time. */
  new: number;
  /** Accounts that had paid before, stopped, and pay again (churn then return). */
  reactivation: number;
  expansion: number;
  /** Positive amounts; they are subtracted. */
  contraction: number;
  churn: number;
  closing: number;
}

export interface MonthMovements extends MrrMovements {
  month: IsoMonth;
}

export interface MrrWaterfall {
  months: MonthMovements[];
  /** The months summed: opening of the first month, closing of the last. */
  total: MrrMovements;
}

const empty = (): MrrMovements => ({ opening: 0, new: 0, reactivation: 0, expansion: 0, contraction: 0, churn: 0, closing: 0 });

/**
 * The MRR waterfall month by month from `from` to `to` (inclusive). Each account's movement in a month compares its
 * MRR at the close of the month before with the close of the month, so an upgrade in March and a downgrade in May
 * show as March expansion and May contraction; changes inside one month net out. Definitions: docs/METRICS.md.
 */
export function mrrWaterfall(histories: readonly MrrHistory[], from: IsoMonth, to: IsoMonth): MrrWaterfall {
  const months = monthsBetween(from, to).map((month) => ({ month, ...empty() }));
  if (months.length === 0) return { months, total: empty() };
  // Month boundaries once; each history is then walked forward once (its steps and the month ends are both sorted).
  const ends = months.map((row) => lastDayOf(row.month));
  const openAt = dayBefore(firstDayOf(months[0]!.month));
  for (const history of histories) {
    const steps = history.steps;
    let i = 0;
    let mrr = 0;
    let everPaid = false;
    while (i < steps.length && steps[i]!.date <= openAt) {
      mrr = steps[i++]!.mrr;
      if (mrr > 0) everPaid = true;
    }
    let before = mrr;
    for (let m = 0; m < months.length; m++) {
      const row = months[m]!;
      // Whether the account had paid by the close of the month before (churn then return is a reactivation).
      const paidBefore = everPaid;
      const end = ends[m]!;
      while (i < steps.length && steps[i]!.date <= end) {
        mrr = steps[i++]!.mrr;
        if (mrr > 0) everPaid = true;
      }
      const after = mrr;
      row.opening += before;
      row.closing += after;
      if (after > before) {
        if (before > 0) row.expansion += after - before;
        else if (paidBefore) row.reactivation += after;
        else row.new += after;
      } else if (after < before) {
        if (after > 0) row.contraction += before - after;
        else row.churn += before;
      }
      before = after;
    }
  }
  const total = empty();
  for (const row of months) {
    total.new += row.new;
    total.reactivation += row.reactivation;
    total.expansion += row.expansion;
    total.contraction += row.contraction;
    total.churn += row.churn;
  }
  total.opening = months[0]?.opening ?? 0;
  total.closing = months[months.length - 1]?.closing ?? 0;
  return { months, total };
}

/** opening + new + reactivation + expansion − contraction − churn: equals `closing` for every waterfall. */
export function closingFromMovements(m: MrrMovements): number {
  return m.opening + m.new + m.reactivation + m.expansion - m.contraction - m.churn;
}
