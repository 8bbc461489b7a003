import { lastDayOf, monthsBetween, type IsoMonth } from './calendar';
import { startMonth, type MrrHistory } from './mrr-history';

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
  const months = monthsBetween(from, through);
  const ends = months.map(lastDayOf);
  months.forEach((cohort, c) => {
    const members = byCohort.get(cohort);
    if (!members) return;
    const span = months.length - c;
    const paying = new Array<number>(span).fill(0);
    const mrr = new Array<number>(span).fill(0);
    // Each member's steps walked forward once across the month ends from its cohort month on.
    for (const member of members) {
      const steps = member.steps;
      let i = 0;
      let value = 0;
      for (let k = 0; k < span; k++) {
        const end = ends[c + k]!;
        while (i < steps.length && steps[i]!.date <= end) value = steps[i++]!.mrr;
        if (value > 0) paying[k]!++;
        mrr[k]! += value;
      }
    }
    const startingMrr = mrr[0]!;
    rows.push({
      cohort,
      accounts: members.length,
      startingMrr,
      logoRetention: paying.map((n) => n / members.length),
      revenueRetention: mrr.map((v) => (startingMrr > 0 ? v / startingMrr : 0)),
    });
  });
  return rows;
}
