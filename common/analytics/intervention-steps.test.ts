import { describe, expect, it } from 'vitest';
import type { RiskAssessment } from '../model';
import type { ExecutionLogEntry, ExecutionState } from '../playbooks/execution';
import type { AccountScores } from './book-scores';
import { interventionInputsFrom, riskBandOn } from './intervention-steps';
import { interventionSuccess } from './intervention-success';
import { history, testAccount } from './testing/book-fixtures';

const entry = (stepId: string, type: ExecutionLogEntry['type'], status: ExecutionLogEntry['status']): ExecutionLogEntry => ({ stepId, type, status, at: '', detail: '' });
let n = 0;
function run(accountId: string, fields: Partial<ExecutionState>): ExecutionState {
  n++;
  return {
    id: `x${n}`, accountId, accountName: accountId, playbookId: 'save', playbookVersion: 1, playbookName: 'Save plan', occurrence: `manual:${n}`, triggerHolds: false, status: 'completed',
    currentStepId: '', stepEnteredAt: '', nextWakeAt: '', awaitingTaskId: '', pausedFrom: '', outcome: 'saved', error: null, startedAt: '2026-02-01T09:00:00.000Z', finishedAt: '2026-03-01T09:00:00.000Z',
    log: [entry('call', 'create-task', 'done'), entry('mail', 'email', 'done'), entry('end', 'end', 'done')],
    ...fields,
  };
}
const risky = (risk: number): AccountScores => ({ churnProbability: risk / 100, expansion: null, healthBand: 'red', history: [{ date: '2025-12-01', health: 30, risk, expansion: null }] } as unknown as Pick<RiskAssessment, 'churnProbability' | 'expansion' | 'healthBand' | 'history'>);

describe('intervention inputs from playbook executions (Q1 2026 by hand)', () => {
  const range = { start: '2026-01-01', end: '2026-03-31' };
  // a: saved, 1,000 → 1,000 MRR. b: churned, 500 → 0. c: still running (pending). d: cancelled (left out).
  // e, f: no intervention, same group SMB|high: 1,000 → 800 and 1,000 → 1,000 MRR (−10 %). g: Enterprise, no run.
  const [a, b, c, d, e, f, g] = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => testAccount({ id, tier: id === 'g' ? 'Enterprise' : 'SMB' }));
  const accounts = [a!, b!, c!, d!, e!, f!, g!];
  const histories = [
    history('a', ['2025-06-01', 1000]),
    history('b', ['2025-06-01', 500], ['2026-03-10', 0]),
    history('c', ['2025-06-01', 200]),
    history('d', ['2025-06-01', 300]),
    history('e', ['2025-06-01', 1000], ['2026-02-15', 800]),
    history('f', ['2025-06-01', 1000]),
    history('g', ['2025-06-01', 4000]),
  ];
  const scores = new Map(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => [id, risky(70)]));
  const executions = [
    run('a', {}),
    run('b', { outcome: 'churned', log: [entry('call', 'create-task', 'done'), entry('wait', 'wait', 'timed-out'), entry('skip', 'notify', 'skipped')] }),
    run('c', { status: 'waiting', outcome: '', finishedAt: '', log: [entry('call', 'create-task', 'done'), entry('mail', 'email', 'waiting')] }),
    run('d', { status: 'cancelled', outcome: '' }),
    run('a', { startedAt: '2025-11-01T00:00:00.000Z', finishedAt: '2025-11-20T00:00:00.000Z' }), // before the range
  ];

  it('maps each carried-out step to its execution outcome, ARR and group; accounts without a run are the comparable group', () => {
    const { steps, comparable } = interventionInputsFrom({ accounts, histories, scores, executions, range });
    expect(steps.map((s) => [s.accountId, s.stepType, s.outcome, s.arrBefore, s.arrAfter, s.group])).toEqual([
      ['a', 'create-task', 'success', 12_000, 12_000, 'SMB|high'],
      ['a', 'email', 'success', 12_000, 12_000, 'SMB|high'],
      ['b', 'create-task', 'failure', 6_000, 0, 'SMB|high'],
      ['b', 'wait', 'failure', 6_000, 0, 'SMB|high'],
      ['c', 'create-task', 'pending', 2_400, 2_400, 'SMB|high'],
    ]);
    // d had a (cancelled) run overlapping the range: neither intervened nor comparable.
    expect(comparable).toEqual([
      { accountId: 'e', group: 'SMB|high', arrBefore: 12_000, arrAfter: 9_600 },
      { accountId: 'f', group: 'SMB|high', arrBefore: 12_000, arrAfter: 12_000 },
      { accountId: 'g', group: 'Enterprise|unscored', arrBefore: 48_000, arrAfter: 48_000 },
    ]);
  });

  it('feeds intervention success: the comparable group lost 10 %, so a kept 1,200 and b lost 5,400 against it', () => {
    const { steps, comparable } = interventionInputsFrom({ accounts, histories, scores, executions, range });
    const { byPlaybook } = interventionSuccess(steps, comparable);
    // Expected: a −1,200, b −600 → −1,800; actual 0 + (−6,000) = −6,000; impact −4,200.
    expect(byPlaybook).toEqual([{ key: 'Save plan', count: 4, pending: 1, successes: 2, successRate: 0.5, executions: 2, arrChange: -6000, expectedArrChange: -1800, revenueImpact: -4200, withoutComparable: 0 }]);
  });

  it('reads the risk band from the last score on or before the day', () => {
    const s = { ...risky(10), history: [{ date: '2026-01-01', health: 80, risk: 10, expansion: null }, { date: '2026-02-01', health: 20, risk: 85, expansion: null }] } as AccountScores;
    expect(riskBandOn(s, '2025-12-31')).toBe('unscored');
    expect(riskBandOn(s, '2026-01-15')).toBe('low');
    expect(riskBandOn(s, '2026-02-01')).toBe('severe');
  });
});
