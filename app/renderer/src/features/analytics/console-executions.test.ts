import { afterAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../../common/db/testing/test-database';
import { stampNew } from '../../../../../common/db/stamp-writes';
import type { Execution } from '../../../../../common/playbooks/execution';
import { followExecutions, useConsoleExecutions } from './console-executions';

const execution = (id: string, startedAt: string): Execution =>
  stampNew({
    id, ownerId: 'u-ann', teamId: 'team', accountId: `acc-${id}`, accountName: 'Acme', playbookId: 'save', playbookVersion: 1, playbookName: 'Save plan',
    occurrence: `manual:${id}`, triggerHolds: false, status: 'running', currentStepId: 'call', stepEnteredAt: startedAt, nextWakeAt: '', awaitingTaskId: '',
    pausedFrom: '', log: [], outcome: '', error: null, startedAt, finishedAt: '',
  }) as unknown as Execution;

const next = (before: readonly Execution[] | null) =>
  new Promise<readonly Execution[]>((resolve) => {
    const now = useConsoleExecutions.getState().executions;
    if (now !== null && now !== before) return resolve(now);
    const off = useConsoleExecutions.subscribe((s) => {
      if (s.executions !== null && s.executions !== before) {
        off();
        resolve(s.executions);
      }
    });
  });

describe('the executions the console reads', () => {
  const opened = openTestDatabase('console-executions');
  afterAll(async () => (await opened).close());

  it('are one array for the session, the same on the next visit, and a new one (keeping unchanged objects) after a write', async () => {
    const db = await opened;
    await db.executions.insert(execution('x1', '2026-03-01T09:00:00.000Z'));
    followExecutions(db);
    const first = await next(null);
    expect(first.map((e) => e.id)).toEqual(['x1']);
    // The console opened again: no new read, the same array (its figures kept per book version are found again).
    followExecutions(db);
    expect(useConsoleExecutions.getState().executions).toBe(first);

    await db.executions.insert(execution('x2', '2026-04-01T09:00:00.000Z'));
    const second = await next(first);
    expect(second.map((e) => e.id)).toEqual(['x2', 'x1']);
    expect(second[1]).toBe(first[0]);
  });
});
