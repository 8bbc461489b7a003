import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, dayBefore, firstDayOf } from './calendar';
import { closingFromMovements, mrrWaterfall } from './mrr-waterfall';
import { mrrAt } from './mrr-history';
import { history, q1Book } from './testing/book-fixtures';

describe('MRR waterfall', () => {
  it('splits each month into new, reactivation, expansion, contraction and churn (Q1 2026 by hand)', () => {
    const { months, total } = mrrWaterfall(q1Book, '2026-01', '2026-03');
    expect(months.map(({ month, ...m }) => [month, m])).toEqual([
      // D −150 contraction, F +80 expansion, I churns on Jan 31: −150.
      ['2026-01', { opening: 1250, new: 0, reactivation: 0, expansion: 80, contraction: 150, churn: 150, closing: 1030 }],
      // B +100, E new 500, G back after churning in 2025: reactivation 50.
      ['2026-02', { opening: 1030, new: 500, reactivation: 50, expansion: 100, contraction: 0, churn: 0, closing: 1680 }],
      // C churns −300, F down −90, I returns: reactivation 150.
      ['2026-03', { opening: 1680, new: 0, reactivation: 150, expansion: 0, contraction: 90, churn: 300, closing: 1440 }],
    ]);
    expect(total).toEqual({ opening: 1250, new: 500, reactivation: 200, expansion: 180, contraction: 240, churn: 450, closing: 1440 });
    expect(closingFromMovements(total)).toBe(1440);
  });

  it('nets an upgrade and a downgrade inside one month', () => {
    const { total } = mrrWaterfall([history('F', ['2025-06-01', 100], ['2026-01-05', 180], ['2026-01-25', 120])], '2026-01', '2026-01');
    expect(total).toMatchObject({ expansion: 20, contraction: 0 });
  });

  it("'s movements always sum from opening to closing MRR (property)", () => {
    const day = fc.integer({ min: 0, max: 3 * 365 }).map((d) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    const steps = fc.array(fc.tuple(day, fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50_000 }))), { maxLength: 8 });
    const book = fc.array(steps, { maxLength: 25 }).map((accounts) =>
      accounts.map((s, i) => history(`a${i}`, ...[...s].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)))),
    );
    const range = fc.tuple(fc.integer({ min: 0, max: 35 }), fc.integer({ min: 0, max: 12 })).map(([from, len]) => [addMonths('2024-01', from), addMonths('2024-01', from + len)] as const);
    fc.assert(
      fc.property(book, range, (histories, [from, to]) => {
        const { months, total } = mrrWaterfall(histories, from, to);
        expect(closingFromMovements(total)).toBe(total.closing);
        for (const m of months) expect(closingFromMovements(m)).toBe(m.closing);
        for (let i = 1; i < months.length; i++) expect(months[i]!.opening).toBe(months[i - 1]!.closing);
        expect(total.opening).toBe(histories.reduce((sum, h) => sum + mrrAt(h, dayBefore(firstDayOf(from))), 0));
      }),
      { numRuns: 300 },
    );
  });
});
