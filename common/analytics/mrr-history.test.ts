import { describe, expect, it } from 'vitest';
import { mrrAt, mrrHistoryOf, startMonth } from './mrr-history';
import { testAccount, testEvent } from './testing/book-fixtures';

const today = '2026-06-01';

describe('MRR history from an account and its revenue events', () => {
  it('starts on the contract start at the MRR before the first event and steps at each event', () => {
    const a = testAccount({ contractStart: '2026-01-15', mrr: 150 });
    const h = mrrHistoryOf(a, [testEvent(a.id, '2026-03-10', 'expansion', 50, 150), testEvent(a.id, '2026-01-15', 'invoice_paid', 100, 100)], today);
    expect(h.steps).toEqual([{ date: '2026-01-15', mrr: 100 }, { date: '2026-03-10', mrr: 150 }]);
    expect(mrrAt(h, '2026-01-14')).toBe(0);
    expect(mrrAt(h, '2026-03-09')).toBe(100);
    expect(mrrAt(h, '2026-03-10')).toBe(150);
  });

  it('reads the opening MRR of a first contract event as mrrAfter − amount', () => {
    const a = testAccount({ contractStart: '2025-06-01', mrr: 80 });
    const h = mrrHistoryOf(a, [testEvent(a.id, '2026-02-01', 'contraction', -20, 80)], today);
    expect(h.steps).toEqual([{ date: '2025-06-01', mrr: 100 }, { date: '2026-02-01', mrr: 80 }]);
  });

  it('ends a churned account at zero, on the churn event or else on its renewal date', () => {
    const churnedWithEvent = testAccount({ status: 'churned', contractStart: '2025-01-01', mrr: 0 });
    expect(mrrHistoryOf(churnedWithEvent, [testEvent(churnedWithEvent.id, '2026-01-01', 'churn', -100, 0)], today).steps).toEqual([
      { date: '2025-01-01', mrr: 100 },
      { date: '2026-01-01', mrr: 0 },
    ]);
    const churnedNoEvent = testAccount({ status: 'churned', contractStart: '2025-01-01', renewalDate: '2026-01-01', mrr: 300 });
    expect(mrrHistoryOf(churnedNoEvent, [testEvent(churnedNoEvent.id, '2025-01-01', 'invoice_paid', 300, 300)], today).steps).toEqual([
      { date: '2025-01-01', mrr: 300 },
      { date: '2026-01-01', mrr: 0 },
    ]);
  });

  it('steps an active account to its edited MRR today when it differs from the last billing event', () => {
    const a = testAccount({ contractStart: '2025-01-01', mrr: 200 });
    expect(mrrHistoryOf(a, [testEvent(a.id, '2026-05-01', 'invoice_paid', 150, 150)], today).steps).toEqual([
      { date: '2025-01-01', mrr: 150 },
      { date: today, mrr: 200 },
    ]);
  });

  it('keeps the last event of a day and a zero-revenue account at zero (it never starts a cohort)', () => {
    const a = testAccount({ contractStart: '2026-01-01', mrr: 0 });
    const h = mrrHistoryOf(a, [testEvent(a.id, '2026-02-01', 'invoice_paid', 0, 0)], today);
    expect(h.steps).toEqual([{ date: '2026-01-01', mrr: 0 }]);
    expect(startMonth(h)).toBeNull();
    const b = testAccount({ contractStart: '2026-01-01', mrr: 120 });
    const sameDay = mrrHistoryOf(b, [testEvent(b.id, '2026-03-01', 'expansion', 20, 120), testEvent(b.id, '2026-03-01', 'invoice_paid', 120, 120)], today);
    expect(sameDay.steps).toEqual([{ date: '2026-01-01', mrr: 100 }, { date: '2026-03-01', mrr: 120 }]);
  });
});
