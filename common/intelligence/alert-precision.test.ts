import { describe, expect, it } from 'vitest';
import type { Alert } from '../model';
import { alertPrecision } from './alert-precision';

const alert = (rule: Alert['rule'], accountId: string, raisedAt: string, feedback?: 'wrong'): Alert =>
  ({ id: `${rule}:${accountId}`, rule, accountId, raisedAt, status: feedback ? 'dismissed' : 'open', ...(feedback ? { feedback } : {}) }) as Alert;

describe('alert precision per rule', () => {
  it('counts "this alert was wrong" against its rule, and confirms or refutes alerts by the next outcome', () => {
    const alerts = [
      alert('risk-above', 'a', '2026-01-10T00:00:00Z'),
      alert('risk-above', 'b', '2026-01-10T00:00:00Z', 'wrong'),
      alert('risk-above', 'c', '2026-03-01T00:00:00Z'),
      alert('risk-above', 'd', '2026-03-01T00:00:00Z'),
      alert('health-drop', 'a', '2026-02-01T00:00:00Z', 'wrong'),
    ];
    const revenue = [
      { accountId: 'a', kind: 'churn' as const, date: '2026-04-01' },
      { accountId: 'b', kind: 'renewal' as const, date: '2026-04-01' },
      // Before the alert: says nothing about it.
      { accountId: 'c', kind: 'churn' as const, date: '2026-02-01' },
      { accountId: 'd', kind: 'payment_failed' as const, date: '2026-04-01' },
    ];
    expect(alertPrecision(alerts, revenue)).toEqual([
      { rule: 'health-drop', alerts: 1, markedWrong: 1, feedbackPrecision: 0, withOutcome: 1, outcomePrecision: 1 },
      { rule: 'risk-above', alerts: 4, markedWrong: 1, feedbackPrecision: 0.75, withOutcome: 2, outcomePrecision: 0.5 },
    ]);
  });

  it('has no precision without alerts or outcomes (NaN, not 0 or 1)', () => {
    const [only] = alertPrecision([alert('renewal-red', 'x', '2026-01-01T00:00:00Z')], []);
    expect(only!.outcomePrecision).toBeNaN();
    expect(alertPrecision([], [])).toEqual([]);
  });
});
