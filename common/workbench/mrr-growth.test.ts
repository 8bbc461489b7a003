import { describe, expect, it } from 'vitest';
import { mrrGrowth, revenueEventsNewestFirst } from './mrr-growth';

describe('mrrGrowth', () => {
  const events = [
    { date: '2025-06-01', mrrAfter: 40000 },
    { date: '2025-10-01', mrrAfter: 42000 },
    { date: '2025-12-01', mrrAfter: 43000 },
    { date: '2026-06-01', mrrAfter: 45000 },
  ];

  it('compares current MRR with the MRR in force twelve months ago', () => {
    const growth = mrrGrowth(events, 45150, '2026-11-22');
    expect(growth).toEqual({ from: 42000, to: 45150, rate: 0.075 });
  });

  it('includes an event dated exactly on the window start', () => {
    expect(mrrGrowth(events, 43000, '2026-12-01')?.from).toBe(43000);
  });

  it('is not derivable when no event predates the window', () => {
    expect(mrrGrowth(events, 45000, '2026-01-01')).toBeNull();
    expect(mrrGrowth([], 45000, '2026-11-22')).toBeNull();
  });

  it('reports no rate when growing from zero', () => {
    expect(mrrGrowth([{ date: '2025-01-01', mrrAfter: 0 }], 100, '2026-11-22')).toEqual({ from: 0, to: 100, rate: null });
  });

  it('clamps the window start to the end of a shorter month', () => {
    expect(mrrGrowth([{ date: '2025-02-28', mrrAfter: 10 }], 20, '2026-02-28')?.rate).toBe(1);
    expect(mrrGrowth([{ date: '2025-02-28', mrrAfter: 10 }], 20, '2025-03-31', 1)?.rate).toBe(1);
    expect(mrrGrowth([{ date: '2025-03-01', mrrAfter: 10 }], 20, '2025-03-31', 1)).toBeNull();
  });
});

describe('revenueEventsNewestFirst', () => {
  it('sorts by date descending without mutating the input', () => {
    const input = [{ date: '2026-01-01' }, { date: '2026-03-01' }, { date: '2025-12-31' }];
    expect(revenueEventsNewestFirst(input).map((e) => e.date)).toEqual(['2026-03-01', '2026-01-01', '2025-12-31']);
    expect(input[0]?.date).toBe('2026-01-01');
  });
});
