import { addMonths, lastDayOf, monthsBetween, type IsoMonth } from './calendar';
import { mrrAt, startMonth, type MrrHistory } from './mrr-history';

export interface CohortRow {
  /** The month the accounts first paid. */
  cohort: IsoMonth;
  accounts: number;
  /** MRR at the close of the cohort month. */
  startingMrr: number;
  /** Index k = k months after the cohort month (0 = the cohort month itself), up to `through`. */
  logoRetention: number[];
  revenueRetention: number[];
}

/**
 * Cohort retention by start month: accounts grouped by the month they first paid (from `from` to `through`), and for
 * each later month the share still paying at its close (logos) and their MRR against the cohort month's close
 * (revenue, expansion counted). An account that churned and came back counts again once it pays. docs/METRICS.md.
 */
export function cohortRetention(histories: readonly MrrHistory[], from: IsoMonth, through: IsoMonth): CohortRow[] {
  const byCohort = new Map<IsoMonth, MrrHistory[]>();
  for (const history of histories) {
    const cohort = startMonth(history);
    if (cohort === null || cohort < from || cohort > through) continue;
    const list = byCohort.get(cohort);
    if (list) list.push(history);
    else byCohort.set(cohort, [history]);
  }
  const rows: CohortRow[] = [];
  for (const cohort of monthsBetween(from, through)) {
    const members = byCohort.get(cohort);
    if (!members) continue;
    const startEnd = lastDayOf(cohort);
    const startingMrr = members.reduce((sum, h) => sum + mrrAt(h, startEnd), 0);
    const logoRetention: number[] = [];
    const revenueRetention: number[] = [];
    for (let k = 0; addMonths(cohort, k) <= through; k++) {
      const end = lastDayOf(addMonths(cohort, k));
      let paying = 0;
      let mrr = 0;
      for (const member of members) {
        const value = mrrAt(member, end);
        if (value > 0) paying++;
        mrr += value;
      }
      logoRetention.push(paying / members.length);
      revenueRetention.push(startingMrr > 0 ? mrr / startingMrr : 0);
    }
    rows.push({ cohort, accounts: members.length, startingMrr, logoRetention, revenueRetention });
  }
  return rows;
}
