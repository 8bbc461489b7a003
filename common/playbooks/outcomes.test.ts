import { describe, expect, it } from 'vitest';
import { outcomeFromRevenue } from './outcomes';

const done = { status: 'completed' as const, outcome: '' as const, startedAt: '2026-06-01T09:00:00.000Z' };

describe('outcome from the account’s later revenue', () => {
  it('takes the first renewal, expansion or churn after the start, within a year', () => {
    expect(outcomeFromRevenue(done, [{ kind: 'invoice_paid', date: '2026-06-10' }, { kind: 'churn', date: '2026-11-01' }, { kind: 'renewal', date: '2026-09-01' }])).toBe('renewed');
    expect(outcomeFromRevenue(done, [{ kind: 'expansion', date: '2026-07-01' }])).toBe('expanded');
    expect(outcomeFromRevenue(done, [{ kind: 'churn', date: '2026-12-01' }])).toBe('churned');
  });
  it('waits while there is none, ignores what came before or a year after, and never replaces a person’s outcome', () => {
    expect(outcomeFromRevenue(done, [{ kind: 'renewal', date: '2026-05-01' }, { kind: 'renewal', date: '2027-07-01' }])).toBeNull();
    expect(outcomeFromRevenue({ ...done, outcome: 'saved' }, [{ kind: 'churn', date: '2026-07-01' }])).toBeNull();
    expect(outcomeFromRevenue({ ...done, status: 'waiting' }, [{ kind: 'churn', date: '2026-07-01' }])).toBeNull();
  });
});
