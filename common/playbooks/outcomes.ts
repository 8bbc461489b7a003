import type { RevenueEvent } from '../model';
import type { ExecutionState } from './execution';
import type { Outcome } from './playbook-definition';

const BY_KIND: Partial<Record<RevenueEvent['kind'], Outcome>> = { churn: 'churned', expansion: 'expanded', renewal: 'renewed' };

/** How long after an execution started a renewal outcome still counts as its result. */
export const OUTCOME_WINDOW_DAYS = 365;

/**
 * The outcome of a finished execution that ended "from revenue": the account's first renewal, expansion or churn on
 * or after the day it started (within a year), or null while there is none yet. A person's outcome is never replaced.
 */
export function outcomeFromRevenue(execution: Pick<ExecutionState, 'status' | 'outcome' | 'startedAt'>, events: readonly Pick<RevenueEvent, 'kind' | 'date'>[]): Outcome | null {
  if (execution.status !== 'completed' || execution.outcome !== '') return null;
  const from = execution.startedAt.slice(0, 10);
  const until = new Date(Date.parse(execution.startedAt) + OUTCOME_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
  let first: Pick<RevenueEvent, 'kind' | 'date'> | null = null;
  for (const event of events) {
    if (!BY_KIND[event.kind] || event.date < from || event.date > until) continue;
    if (!first || event.date < first.date) first = event;
  }
  return first ? BY_KIND[first.kind]! : null;
}
