import type { Account } from '../model';
import { annualRecurringRevenue } from '../model/derived-fields';
import { ACTIVE_STATUSES, type ExecutionState } from '../playbooks/execution';
import { successors, type Playbook } from '../playbooks/playbook-definition';

/**
 * The executive dashboard's "active interventions with progress": the playbook executions still going (running,
 * waiting, paused) per playbook, with how far they are, how many accounts and how much ARR they cover.
 * Definitions: docs/METRICS.md ("Active interventions").
 */

/** Log statuses that mean a step is behind the execution (a step's `waiting` entry does not). */
const FINISHED_STEP = new Set(['done', 'skipped', 'timed-out']);

export interface ExecutionProgress {
  /** Steps behind the execution: log entries done, skipped or timed out (an `end` step is not a step of work). */
  done: number;
  /** done + the fewest steps from the current one to an end (current step included); null without its playbook version. */
  total: number | null;
}

/** Fewest work steps from `from` to an `end` step, `from` included; null when `from` is not in the playbook or no end is reachable. */
export function stepsLeft(playbook: Playbook, from: string): number | null {
  const byId = new Map(playbook.steps.map((s) => [s.id, s]));
  if (!byId.has(from)) return null;
  const distance = new Map<string, number>([[from, 0]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    const step = byId.get(id);
    if (!step) continue;
    if (step.type === 'end') return distance.get(id)!;
    for (const next of successors(step)) {
      if (distance.has(next)) continue;
      distance.set(next, distance.get(id)! + 1);
      queue.push(next);
    }
  }
  return null;
}

/** How far one execution is: steps done of the steps it will at least have taken when it ends. */
export function executionProgress(execution: Pick<ExecutionState, 'log' | 'currentStepId'>, playbook: Playbook | undefined): ExecutionProgress {
  let done = 0;
  for (const entry of execution.log) if (entry.type !== 'end' && FINISHED_STEP.has(entry.status)) done++;
  const left = playbook ? stepsLeft(playbook, execution.currentStepId) : null;
  return { done, total: left === null ? null : done + left };
}

export interface ActiveInterventionRow {
  playbookId: string;
  playbookName: string;
  /** Active executions (running, waiting, paused) of any version. */
  executions: number;
  waiting: number;
  paused: number;
  /** Distinct accounts they run on. */
  accounts: number;
  /** Σ ARR of those accounts (each counted once), from the book. */
  arr: number;
  /** Σ steps done and Σ total steps over the executions whose playbook version is known. */
  stepsDone: number;
  stepsTotal: number;
  /** stepsDone / stepsTotal; null when no execution's version is known or none has steps. */
  progress: number | null;
  /** Executions whose playbook version is not on this device (not synced yet): left out of the progress. */
  withoutVersion: number;
}

/** The key a playbook version is looked up by: `<playbookId>@<version>`, as its stored document's id. */
export const versionKey = (playbookId: string, version: number) => `${playbookId}@${version}`;

/**
 * Active interventions per playbook over the accounts given (the dashboard's slice): executions on other accounts
 * are left out. Sorted by ARR covered, then name.
 */
export function activeInterventions(
  accounts: readonly Account[],
  executions: readonly ExecutionState[],
  playbooks: ReadonlyMap<string, Playbook>,
): ActiveInterventionRow[] {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const rows = new Map<string, ActiveInterventionRow & { ids: Set<string> }>();
  for (const execution of executions) {
    if (!ACTIVE_STATUSES.has(execution.status)) continue;
    const account = byId.get(execution.accountId);
    if (!account) continue;
    let row = rows.get(execution.playbookId);
    if (!row) {
      row = { playbookId: execution.playbookId, playbookName: execution.playbookName, executions: 0, waiting: 0, paused: 0, accounts: 0, arr: 0, stepsDone: 0, stepsTotal: 0, progress: null, withoutVersion: 0, ids: new Set() };
      rows.set(execution.playbookId, row);
    }
    row.executions++;
    if (execution.status === 'waiting') row.waiting++;
    if (execution.status === 'paused') row.paused++;
    if (!row.ids.has(account.id)) {
      row.ids.add(account.id);
      row.accounts++;
      row.arr += annualRecurringRevenue(account.mrr);
    }
    const progress = executionProgress(execution, playbooks.get(versionKey(execution.playbookId, execution.playbookVersion)));
    if (progress.total === null) row.withoutVersion++;
    else {
      row.stepsDone += progress.done;
      row.stepsTotal += progress.total;
    }
  }
  return [...rows.values()]
    .map(({ ids: _ids, ...row }) => ({ ...row, progress: row.stepsTotal > 0 ? row.stepsDone / row.stepsTotal : null }))
    .sort((a, b) => b.arr - a.arr || a.playbookName.localeCompare(b.playbookName));
}
