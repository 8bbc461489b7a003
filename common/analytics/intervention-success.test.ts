import { describe, expect, it } from 'vitest';
import { interventionSuccess, type InterventionStep } from './intervention-success';

describe('intervention success against a comparable group', () => {
  const step = (executionId: string, playbookId: string, stepType: string, outcome: InterventionStep['outcome'], arrBefore: number, arrAfter: number, group: string): InterventionStep => ({
    executionId, playbookId, stepType, accountId: `acc-${executionId}`, outcome, arrBefore, arrAfter, group,
  });
  // SMB|high accounts without an intervention lost 20 % of ARR (−400 / 2,000); Ent|high ones kept it all.
  const comparable = [
    { accountId: 'c1', group: 'SMB|high', arrBefore: 1000, arrAfter: 900 },
    { accountId: 'c2', group: 'SMB|high', arrBefore: 1000, arrAfter: 700 },
    { accountId: 'c3', group: 'Ent|high', arrBefore: 2000, arrAfter: 2000 },
  ];
  const steps = [
    step('e1', 'P1', 'email', 'success', 1000, 1000, 'SMB|high'),
    step('e1', 'P1', 'call', 'success', 1000, 1000, 'SMB|high'),
    step('e2', 'P1', 'email', 'failure', 500, 0, 'SMB|high'),
    step('e3', 'P2', 'qbr', 'success', 2000, 2400, 'Ent|high'),
    step('e4', 'P2', 'email', 'pending', 1000, 1000, 'SMB|high'),
    step('e5', 'P2', 'call', 'success', 300, 300, 'MM|low'),
  ];

  it('rolls up by playbook: count, success %, revenue impact once per execution (by hand)', () => {
    const { byPlaybook } = interventionSuccess(steps, comparable);
    expect(byPlaybook).toEqual([
      // e1 kept 1,000 where −200 was expected; e2 lost 500 where −100 was expected: −500 − (−300) = −200.
      { key: 'P1', count: 3, pending: 0, successes: 2, successRate: 2 / 3, executions: 2, arrChange: -500, expectedArrChange: -300, revenueImpact: -200, withoutComparable: 0 },
      // e3 +400 against 0 expected; e5 has no comparable group; e4 is still running.
      { key: 'P2', count: 2, pending: 1, successes: 2, successRate: 1, executions: 2, arrChange: 400, expectedArrChange: 0, revenueImpact: 400, withoutComparable: 1 },
    ]);
  });

  it('rolls up by step type', () => {
    const { byStepType } = interventionSuccess(steps, comparable);
    expect(byStepType.map((r) => [r.key, r.count, r.pending, r.successRate, r.revenueImpact, r.withoutComparable])).toEqual([
      ['call', 2, 0, 1, 200, 1],
      ['email', 2, 1, 0.5, -200, 0],
      ['qbr', 1, 0, 1, 400, 0],
    ]);
  });

  it('is empty without interventions', () => {
    expect(interventionSuccess([], comparable)).toEqual({ byPlaybook: [], byStepType: [] });
  });
});
