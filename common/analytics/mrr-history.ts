import type { Account, IsoDate, RevenueEvent } from '../model';
import { monthOf, type IsoMonth } from './calendar';

/** From `date` on (until the next step) the account's MRR is `mrr`. */
export interface MrrStep {
  date: IsoDate;
  mrr: number;
}

/**
 * One account's MRR over time, the input of every revenue metric (retention, waterfall, cohorts). Steps are in date
 * order; before the first step the MRR is 0. Slice fields are copied so a metric can filter without the account.
 */
export interface MrrHistory {
  accountId: string;
  ownerId: string;
  tier: string;
  region: string;
  steps: readonly MrrStep[];
}

const CONTRACT_KINDS = new Set(['renewal', 'expansion', 'contraction', 'churn']);

/**
 * The account's MRR history from its revenue events (definition: docs/METRICS.md "MRR history").
 * - It starts on the contract start (or the first event, if earlier) at the MRR before the first event: a contract
 *   event's `mrrAfter − amount`, an invoice's `mrrAfter`; with no events, the account's MRR (0 when churned).
 * - Every event is a step to its `mrrAfter` (a churn event's is 0).
 * - A churned account still paying after its last event stops at max(last step, renewal date); an active account
 *   whose current MRR differs from the last step (an edit after the last billing event) steps to it on `today`.
 */
export function mrrHistoryOf(account: Account, events: readonly RevenueEvent[], today: IsoDate): MrrHistory {
  const sorted = inDateOrder(events) ? events : [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const steps: MrrStep[] = [];
  const first = sorted[0];
  const start = first && first.date < account.contractStart ? first.date : account.contractStart;
  const opening = first
    ? CONTRACT_KINDS.has(first.kind)
      ? Math.max(0, first.mrrAfter - first.amount)
      : first.mrrAfter
    : account.status === 'active'
      ? account.mrr
      : 0;
  push(steps, start, opening);
  for (const event of sorted) push(steps, event.date, Math.max(0, event.mrrAfter));
  const last = steps[steps.length - 1]!;
  if (account.status === 'churned' && last.mrr > 0) {
    push(steps, account.renewalDate > last.date ? account.renewalDate : last.date, 0);
  } else if (account.status === 'active' && last.mrr !== account.mrr && today >= last.date) {
    push(steps, today, account.mrr);
  }
  return { accountId: account.id, ownerId: account.ownerId, tier: account.tier, region: account.region, steps };
}

function inDateOrder(events: readonly RevenueEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i - 1]!.date > events[i]!.date) return false;
  return true;
}

/** Adds a step, replacing one on the same date (the later event of a day wins) and dropping no-op steps. */
function push(steps: MrrStep[], date: IsoDate, mrr: number): void {
  const last = steps[steps.length - 1];
  if (last && last.date === date) {
    steps.pop();
    const before = steps[steps.length - 1];
    if (before && before.mrr === mrr) return;
  } else if (last && last.mrr === mrr) return;
  steps.push({ date, mrr });
}

/** The MRR at the close of `date` (the last step on or before it; 0 before the first). */
export function mrrAt(history: Pick<MrrHistory, 'steps'>, date: IsoDate): number {
  const { steps } = history;
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid]!.date <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : steps[lo - 1]!.mrr;
}

/** Whether the account paid anything (MRR > 0) on or before `date`. */
export function paidBy(history: Pick<MrrHistory, 'steps'>, date: IsoDate): boolean {
  for (const step of history.steps) {
    if (step.date > date) return false;
    if (step.mrr > 0) return true;
  }
  return false;
}

/** The month of the first step with MRR > 0: the account's cohort. Null for an account that never paid. */
export function startMonth(history: Pick<MrrHistory, 'steps'>): IsoMonth | null {
  for (const step of history.steps) if (step.mrr > 0) return monthOf(step.date);
  return null;
}
