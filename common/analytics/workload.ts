import type { Account, ActivityType, IsoDate, IsoDateTime } from '../model';
import { annualRecurringRevenue } from '../model/derived-fields';
import type { ScoresByAccount } from './book-scores';

/** Activity types that count as a CSM touching the account (tickets and NPS answers come from the customer). */
export const TOUCH_TYPES: ReadonlySet<ActivityType> = new Set(['email', 'call', 'meeting', 'qbr']);

export interface Touch {
  accountId: string;
  type: ActivityType;
  occurredAt: IsoDateTime;
}

/** An open call to action (the tasks collection, when it lands); only what workload needs. */
export interface OpenTask {
  ownerId: string;
  dueDate: IsoDate;
  status: 'open' | 'done' | 'cancelled';
}

export interface CsmWorkload {
  ownerId: string;
  ownerName: string;
  accounts: number;
  arr: number;
  criticalAccounts: number;
  touches: number;
  /** touches / accounts. */
  touchesPerAccount: number;
  /** Share of the CSM's active accounts touched at least once in the period. */
  coverage: number;
  /** Open tasks due before `today`; null when no tasks were given (the tasks collection is not there yet). */
  overdueTasks: number | null;
}

/** Accounts, ARR, touches per account, coverage and overdue tasks per CSM over [start, end]. docs/METRICS.md. */
export function csmWorkload(
  accounts: readonly Account[],
  touches: readonly Touch[],
  scores: ScoresByAccount,
  start: IsoDate,
  end: IsoDate,
  today: IsoDate,
  tasks: readonly OpenTask[] | null = null,
): CsmWorkload[] {
  return workloadRows(accounts, countTouches(touches, start, end), scores, today, tasks);
}

/**
 * Adds the CSM touches among `touches[from..to)` dated in [start, end] to `counts` (per account) and returns it: the
 * book's touches can be counted a chunk at a time into one map, then `workloadRows` reads it.
 */
export function countTouches(
  touches: readonly Touch[],
  start: IsoDate,
  end: IsoDate,
  counts: Map<string, number> = new Map(),
  from = 0,
  to = touches.length,
): Map<string, number> {
  const last = `${end}\uffff`;
  const stop = Math.min(to, touches.length);
  for (let i = from; i < stop; i++) {
    const touch = touches[i]!;
    if (!TOUCH_TYPES.has(touch.type) || touch.occurredAt < start || touch.occurredAt > last) continue;
    counts.set(touch.accountId, (counts.get(touch.accountId) ?? 0) + 1);
  }
  return counts;
}

/** The workload rows per CSM from the touches counted per account (`countTouches`) over the same period. */
export function workloadRows(
  accounts: readonly Account[],
  touchesByAccount: ReadonlyMap<string, number>,
  scores: ScoresByAccount,
  today: IsoDate,
  tasks: readonly OpenTask[] | null = null,
): CsmWorkload[] {
  const overdue = new Map<string, number>();
  for (const task of tasks ?? []) if (task.status === 'open' && task.dueDate < today) overdue.set(task.ownerId, (overdue.get(task.ownerId) ?? 0) + 1);
  const rows = new Map<string, CsmWorkload & { touched: number }>();
  for (const account of accounts) {
    if (account.status !== 'active') continue;
    let row = rows.get(account.ownerId);
    if (!row) {
      row = { ownerId: account.ownerId, ownerName: account.ownerName, accounts: 0, arr: 0, criticalAccounts: 0, touches: 0, touchesPerAccount: 0, coverage: 0, overdueTasks: tasks ? (overdue.get(account.ownerId) ?? 0) : null, touched: 0 };
      rows.set(account.ownerId, row);
    }
    row.accounts++;
    row.arr += annualRecurringRevenue(account.mrr);
    if (scores.get(account.id)?.healthBand === 'red') row.criticalAccounts++;
    const n = touchesByAccount.get(account.id) ?? 0;
    row.touches += n;
    if (n > 0) row.touched++;
  }
  return [...rows.values()]
    .map(({ touched, ...row }) => ({ ...row, touchesPerAccount: row.accounts ? row.touches / row.accounts : 0, coverage: row.accounts ? touched / row.accounts : 0 }))
    .sort((a, b) => b.accounts - a.accounts || a.ownerName.localeCompare(b.ownerName));
}
