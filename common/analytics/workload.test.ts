import { describe, expect, it } from 'vitest';
import type { AccountScores } from './book-scores';
import { testAccount } from './testing/book-fixtures';
import { csmWorkload, type Touch } from './workload';

describe('CSM workload and coverage', () => {
  const a1 = testAccount({ id: 'a1', ownerId: 'u-ann', ownerName: 'Ann', mrr: 100 });
  const a2 = testAccount({ id: 'a2', ownerId: 'u-ann', ownerName: 'Ann', mrr: 200 });
  const b1 = testAccount({ id: 'b1', ownerId: 'u-bo', ownerName: 'Bo', mrr: 300 });
  const b2 = testAccount({ id: 'b2', ownerId: 'u-bo', ownerName: 'Bo', mrr: 0, status: 'churned' });
  const touches: Touch[] = [
    { accountId: 'a1', type: 'email', occurredAt: '2026-01-05T10:00:00.000Z' },
    { accountId: 'a1', type: 'call', occurredAt: '2026-02-01T10:00:00.000Z' },
    { accountId: 'a1', type: 'support_ticket', occurredAt: '2026-02-02T10:00:00.000Z' },
    { accountId: 'b1', type: 'qbr', occurredAt: '2026-03-31T23:00:00.000Z' },
    { accountId: 'b1', type: 'meeting', occurredAt: '2026-04-01T09:00:00.000Z' },
    { accountId: 'b2', type: 'email', occurredAt: '2026-02-01T09:00:00.000Z' },
  ];
  const scores = new Map<string, AccountScores>([['a1', { churnProbability: 0.8, expansion: null, healthBand: 'red', history: [] }]]);

  it('counts accounts, touches per account, coverage and overdue tasks per CSM (by hand)', () => {
    const tasks = [
      { ownerId: 'u-ann', dueDate: '2026-03-01', status: 'open' as const },
      { ownerId: 'u-ann', dueDate: '2026-05-01', status: 'open' as const },
      { ownerId: 'u-bo', dueDate: '2026-02-01', status: 'done' as const },
    ];
    expect(csmWorkload([a1, a2, b1, b2], touches, scores, '2026-01-01', '2026-03-31', '2026-04-01', tasks)).toEqual([
      { ownerId: 'u-ann', ownerName: 'Ann', accounts: 2, arr: 3600, criticalAccounts: 1, touches: 2, touchesPerAccount: 1, coverage: 0.5, overdueTasks: 1 },
      { ownerId: 'u-bo', ownerName: 'Bo', accounts: 1, arr: 3600, criticalAccounts: 0, touches: 1, touchesPerAccount: 1, coverage: 1, overdueTasks: 0 },
    ]);
  });

  it('says nothing about overdue tasks when there are no tasks to read', () => {
    expect(csmWorkload([a1], touches, scores, '2026-01-01', '2026-03-31', '2026-04-01').map((r) => r.overdueTasks)).toEqual([null]);
  });
});
