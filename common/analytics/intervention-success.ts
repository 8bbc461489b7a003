/**
 * Whether interventions work: success and revenue impact by playbook and by step type. The playbooks and executions
 * collections are built elsewhere; this reads a small input shape their outcomes can be mapped into.
 */

export type InterventionStepOutcome = 'success' | 'failure' | 'pending';

/** One executed playbook step on one account. */
export interface InterventionStep {
  executionId: string;
  playbookId: string;
  stepType: string;
  accountId: string;
  outcome: InterventionStepOutcome;
  /** The account's ARR when the execution started and at the end of the measured window. */
  arrBefore: number;
  arrAfter: number;
  /** Comparable group key (e.g. tier + risk band at the start), matched to accounts that got no intervention. */
  group: string;
}

/** An account in the same period that got no intervention. */
export interface ComparableAccount {
  accountId: string;
  group: string;
  arrBefore: number;
  arrAfter: number;
}

export interface InterventionSuccessRow {
  key: string;
  /** Completed steps (success + failure); pending ones are counted apart. */
  count: number;
  pending: number;
  successes: number;
  /** successes / count; null with none completed. */
  successRate: number | null;
  executions: number;
  /** Σ ARR change of the executions with a comparable group. */
  arrChange: number;
  /** Σ arrBefore × the comparable group's ARR change rate over the same executions. */
  expectedArrChange: number;
  /** arrChange − expectedArrChange: revenue against the comparable group (observational, see caveat). */
  revenueImpact: number;
  /** Executions whose group had no comparable account: left out of the impact. */
  withoutComparable: number;
}

export const INTERVENTION_IMPACT_CAVEAT =
  'Revenue impact compares accounts that got the playbook with accounts of the same tier and risk band that got none over the same period. ' +
  'It is an observational comparison, not a controlled experiment: CSMs choose whom to intervene on, so the difference is not proof that the playbook caused it.';

export interface InterventionSuccess {
  byPlaybook: InterventionSuccessRow[];
  byStepType: InterventionSuccessRow[];
}

/** Success % and revenue impact against the comparable group, by playbook and by step type. docs/METRICS.md. */
export function interventionSuccess(steps: readonly InterventionStep[], comparable: readonly ComparableAccount[]): InterventionSuccess {
  const rates = new Map<string, { before: number; change: number }>();
  for (const account of comparable) {
    const rate = rates.get(account.group) ?? { before: 0, change: 0 };
    rate.before += account.arrBefore;
    rate.change += account.arrAfter - account.arrBefore;
    rates.set(account.group, rate);
  }
  const groupRate = (group: string): number | null => {
    const rate = rates.get(group);
    return rate && rate.before > 0 ? rate.change / rate.before : null;
  };
  return {
    byPlaybook: rollup(steps, (s) => s.playbookId, groupRate),
    byStepType: rollup(steps, (s) => s.stepType, groupRate),
  };
}

function rollup(steps: readonly InterventionStep[], keyOf: (s: InterventionStep) => string, groupRate: (group: string) => number | null): InterventionSuccessRow[] {
  const rows = new Map<string, InterventionSuccessRow & { seen: Set<string> }>();
  for (const step of steps) {
    const key = keyOf(step);
    let row = rows.get(key);
    if (!row) {
      row = { key, count: 0, pending: 0, successes: 0, successRate: null, executions: 0, arrChange: 0, expectedArrChange: 0, revenueImpact: 0, withoutComparable: 0, seen: new Set() };
      rows.set(key, row);
    }
    if (step.outcome === 'pending') row.pending++;
    else {
      row.count++;
      if (step.outcome === 'success') row.successes++;
    }
    // Revenue is counted once per execution in a bucket, however many of its steps fall in it.
    if (row.seen.has(step.executionId) || step.outcome === 'pending') continue;
    row.seen.add(step.executionId);
    row.executions++;
    const rate = groupRate(step.group);
    if (rate === null) {
      row.withoutComparable++;
      continue;
    }
    row.arrChange += step.arrAfter - step.arrBefore;
    row.expectedArrChange += step.arrBefore * rate;
  }
  return [...rows.values()]
    .map(({ seen: _seen, ...row }) => ({ ...row, successRate: row.count ? row.successes / row.count : null, revenueImpact: row.arrChange - row.expectedArrChange }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
