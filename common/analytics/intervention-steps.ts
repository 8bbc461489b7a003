import type { Account, IsoDate } from '../model';
import { annualRecurringRevenue } from '../model/derived-fields';
import { ACTIVE_STATUSES, type ExecutionState } from '../playbooks/execution';
import type { Outcome } from '../playbooks/playbook-definition';
import type { AccountScores, ScoresByAccount } from './book-scores';
import { dayBefore } from './calendar';
import { mrrAt, type MrrHistory } from './mrr-history';
import { RISK_BANDS } from './revenue-at-risk';
import type { ComparableAccount, InterventionStep, InterventionStepOutcome } from './intervention-success';

/**
 * From playbook executions to the inputs of `interventionSuccess` (docs/METRICS.md, "Intervention success"):
 * - an execution counts when it started in the range; a cancelled one is left out (a person stopped it, nothing was
 *   measured); every step it carried out (done or timed out; not skipped, not the end) is one step of its type;
 * - the step's outcome is its execution's: saved, renewed or expanded = success; churned, no effect or a failed run
 *   (PLAY001) = failure; still running, or completed with its revenue outcome not known yet = pending;
 * - ARR before = 12 × MRR at the close of the day before it started, after = at the close of the range's end;
 * - the comparable group: the accounts with no execution overlapping the range, with the same tier and risk band
 *   (churn probability at the start, from the score history), their ARR from the day before the range to its end.
 */
export interface InterventionInputsArgs {
  accounts: readonly Account[];
  /** Position for position with `accounts`. */
  histories: readonly MrrHistory[];
  scores: ScoresByAccount;
  executions: readonly ExecutionState[];
  range: { start: IsoDate; end: IsoDate };
}

const SUCCESS: ReadonlySet<Outcome> = new Set(['saved', 'renewed', 'expanded']);

function outcomeOf(execution: ExecutionState): InterventionStepOutcome | null {
  if (execution.status === 'cancelled') return null;
  if (execution.status === 'failed') return 'failure';
  if (ACTIVE_STATUSES.has(execution.status) || execution.outcome === '') return 'pending';
  return SUCCESS.has(execution.outcome) ? 'success' : 'failure';
}

/** The account's risk band on `date` (its last risk point on or before it), or 'unscored'. */
export function riskBandOn(scores: AccountScores | undefined, date: IsoDate): string {
  let risk: number | null = null;
  for (const point of scores?.history ?? []) {
    if (point.date > date) break;
    if (point.risk !== null) risk = point.risk;
  }
  if (risk === null) return 'unscored';
  const p = risk / 100;
  return RISK_BANDS.find((band) => p < band.to)!.id;
}

export function interventionInputsFrom(args: InterventionInputsArgs): { steps: InterventionStep[]; comparable: ComparableAccount[] } {
  const index = new Map(args.accounts.map((a, i) => [a.id, i]));
  const touched = new Set<string>();
  const steps = executionSteps(args, index, touched);
  return { steps, comparable: comparableAccounts(args, touched) };
}

/**
 * The steps carried out by `executions[from..to)` on the accounts of `index` (id → position in `args.accounts`), added
 * to `steps`; the accounts with an execution overlapping the range are added to `touched`. A book's executions can be
 * read a chunk at a time; `comparableAccounts` needs all of them read first.
 */
export function executionSteps(
  args: InterventionInputsArgs,
  index: ReadonlyMap<string, number>,
  touched: Set<string>,
  steps: InterventionStep[] = [],
  from = 0,
  to = args.executions.length,
): InterventionStep[] {
  const { accounts, histories, scores, executions, range } = args;
  const stop = Math.min(to, executions.length);
  for (let e = from; e < stop; e++) {
    const execution = executions[e]!;
    const i = index.get(execution.accountId);
    if (i === undefined) continue;
    const started = execution.startedAt.slice(0, 10);
    const finished = execution.finishedAt ? execution.finishedAt.slice(0, 10) : null;
    if (started <= range.end && (finished === null || finished >= range.start)) touched.add(execution.accountId);
    if (started < range.start || started > range.end) continue;
    const outcome = outcomeOf(execution);
    if (outcome === null) continue;
    const account = accounts[i]!;
    const history = histories[i]!;
    const arrBefore = annualRecurringRevenue(mrrAt(history, dayBefore(started)));
    const arrAfter = annualRecurringRevenue(mrrAt(history, range.end));
    const group = `${account.tier}|${riskBandOn(scores.get(account.id), dayBefore(started))}`;
    for (const entry of execution.log) {
      if (entry.type === 'end' || (entry.status !== 'done' && entry.status !== 'timed-out')) continue;
      steps.push({ executionId: execution.id, playbookId: execution.playbookName || execution.playbookId, stepType: entry.type, accountId: account.id, outcome, arrBefore, arrAfter, group });
    }
  }
  return steps;
}

/** The comparable group among `args.accounts[from..to)`: those not `touched` by an execution, added to `comparable`. */
export function comparableAccounts(
  args: InterventionInputsArgs,
  touched: ReadonlySet<string>,
  comparable: ComparableAccount[] = [],
  from = 0,
  to = args.accounts.length,
): ComparableAccount[] {
  const { accounts, histories, scores, range } = args;
  const before = dayBefore(range.start);
  const stop = Math.min(to, accounts.length);
  for (let i = from; i < stop; i++) {
    const account = accounts[i]!;
    if (touched.has(account.id)) continue;
    const history = histories[i]!;
    comparable.push({
      accountId: account.id,
      group: `${account.tier}|${riskBandOn(scores.get(account.id), before)}`,
      arrBefore: annualRecurringRevenue(mrrAt(history, before)),
      arrAfter: annualRecurringRevenue(mrrAt(history, range.end)),
    });
  }
  return comparable;
}
