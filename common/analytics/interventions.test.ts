import { describe, expect, it } from 'vitest';
import type { ExecutionLogEntry, ExecutionState } from '../playbooks/execution';
import { playbookSchema, type Playbook } from '../playbooks/playbook-definition';
import { activeInterventions, executionProgress, stepsLeft, versionKey } from './interventions';
import { testAccount } from './testing/book-fixtures';

// a → b → branch c: then d → e → end, else → end. Fewest work steps from a to an end: a, b, c = 3.
const save: Playbook = playbookSchema.parse({
  id: 'save', version: 2, name: 'Save plan', trigger: { kind: 'manual' }, start: 'a',
  steps: [
    { id: 'a', type: 'notify', notify: { message: 'x' }, next: 'b' },
    { id: 'b', type: 'wait', wait: { days: 7 }, next: 'c' },
    { id: 'c', type: 'branch', branch: { if: { kind: 'rule', field: 'risk', op: 'gte', value: 70 } }, then: 'd', else: 'end' },
    { id: 'd', type: 'log-activity', activity: { subject: 'y' }, next: 'e' },
    { id: 'e', type: 'notify', notify: { message: 'z' }, next: 'end' },
    { id: 'end', type: 'end' },
  ],
});
// Linear: t1 → t2 → t3 → t4 → end (4 work steps).
const onboard: Playbook = playbookSchema.parse({
  id: 'onboard', version: 1, name: 'Onboarding', trigger: { kind: 'manual' }, start: 't1',
  steps: [1, 2, 3, 4].map((k) => ({ id: `t${k}`, type: 'notify', notify: { message: 'n' }, next: k === 4 ? 'end' : `t${k + 1}` })).concat([{ id: 'end', type: 'end' } as never]),
});
const playbooks = new Map([[versionKey('save', 2), save], [versionKey('onboard', 1), onboard]]);

const entry = (stepId: string, status: ExecutionLogEntry['status'], type: ExecutionLogEntry['type'] = 'notify'): ExecutionLogEntry => ({ stepId, type, status, at: '2026-06-01T00:00:00.000Z', detail: '' });
let n = 0;
function execution(accountId: string, playbook: Playbook, status: ExecutionState['status'], currentStepId: string, log: ExecutionLogEntry[], version = playbook.version): ExecutionState {
  n++;
  return {
    id: `x${n}`, accountId, accountName: accountId, playbookId: playbook.id, playbookVersion: version, playbookName: playbook.name, occurrence: `manual:${n}`, triggerHolds: false, status,
    currentStepId, stepEnteredAt: '', nextWakeAt: '', awaitingTaskId: '', pausedFrom: '', log, outcome: '', error: null, startedAt: '2026-06-01T00:00:00.000Z', finishedAt: '',
  };
}

describe('steps left and execution progress', () => {
  it('counts the fewest work steps to an end, the current one included', () => {
    expect(stepsLeft(save, 'a')).toBe(3);
    expect(stepsLeft(save, 'd')).toBe(2);
    expect(stepsLeft(save, 'end')).toBe(0);
    expect(stepsLeft(save, 'gone')).toBeNull();
    expect(stepsLeft(onboard, 't1')).toBe(4);
  });

  it('is done steps over done + steps left; a waiting entry is not done', () => {
    const waiting = execution('a1', save, 'waiting', 'b', [entry('a', 'done'), entry('b', 'waiting', 'wait')]);
    expect(executionProgress(waiting, save)).toEqual({ done: 1, total: 3 });
    // Took the then-branch: a, b, c done, at d: 3 done + d, e left.
    const deep = execution('a1', save, 'running', 'd', [entry('a', 'done'), entry('b', 'timed-out', 'wait'), entry('c', 'done', 'branch')]);
    expect(executionProgress(deep, save)).toEqual({ done: 3, total: 5 });
    // A skipped step counts as behind it; without the version the total is unknown.
    const skipped = execution('a1', onboard, 'paused', 't3', [entry('t1', 'done'), entry('t2', 'skipped')]);
    expect(executionProgress(skipped, onboard)).toEqual({ done: 2, total: 4 });
    expect(executionProgress(skipped, undefined)).toEqual({ done: 2, total: null });
  });
});

describe('active interventions per playbook (by hand)', () => {
  const a1 = testAccount({ id: 'a1', mrr: 1000 }); // ARR 12,000
  const a2 = testAccount({ id: 'a2', mrr: 500 }); // ARR 6,000
  const a3 = testAccount({ id: 'a3', mrr: 0 }); // zero revenue
  const executions = [
    execution('a1', save, 'waiting', 'b', [entry('a', 'done'), entry('b', 'waiting', 'wait')]), // 1 of 3
    execution('a2', save, 'running', 'd', [entry('a', 'done'), entry('b', 'done', 'wait'), entry('c', 'done', 'branch')]), // 3 of 5
    execution('a1', save, 'paused', 'a', [], 1), // version 1 not on this device
    execution('a1', save, 'completed', '', [entry('a', 'done')]), // finished: not active
    execution('a3', onboard, 'running', 't3', [entry('t1', 'done'), entry('t2', 'done')]), // 2 of 4
    execution('a2', onboard, 'cancelled', 't2', [entry('t1', 'done')]), // cancelled: not active
    execution('elsewhere', onboard, 'running', 't1', []), // not in the slice
  ];

  it('counts executions, distinct accounts once, ARR covered and steps done of total', () => {
    expect(activeInterventions([a1, a2, a3], executions, playbooks)).toEqual([
      // a1 twice (v2 waiting, v1 paused) but its ARR once: 12,000 + 6,000; steps (1 + 3) of (3 + 5).
      { playbookId: 'save', playbookName: 'Save plan', executions: 3, waiting: 1, paused: 1, accounts: 2, arr: 18_000, stepsDone: 4, stepsTotal: 8, progress: 0.5, withoutVersion: 1 },
      { playbookId: 'onboard', playbookName: 'Onboarding', executions: 1, waiting: 0, paused: 0, accounts: 1, arr: 0, stepsDone: 2, stepsTotal: 4, progress: 0.5, withoutVersion: 0 },
    ]);
  });

  it('leaves out executions on accounts outside the slice, and is empty with none active', () => {
    expect(activeInterventions([a3], executions, playbooks).map((r) => r.playbookId)).toEqual(['onboard']);
    expect(activeInterventions([a1, a2, a3], executions.filter((e) => e.status === 'completed'), playbooks)).toEqual([]);
  });

  it('has no progress when no version is known', () => {
    const [row] = activeInterventions([a1], [execution('a1', save, 'running', 'a', [], 7)], playbooks);
    expect(row).toMatchObject({ executions: 1, stepsDone: 0, stepsTotal: 0, progress: null, withoutVersion: 1 });
  });
});
