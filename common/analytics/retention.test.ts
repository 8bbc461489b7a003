import { describe, expect, it } from 'vitest';
import { retention } from './retention';
import { history, q1Book } from './testing/book-fixtures';

describe('revenue and logo retention', () => {
  it('computes GRR, NRR and logo retention of the starting cohort', () => {
    const r = retention(q1Book, '2025-12-31', '2026-03-31');
    expect(r.openingMrr).toBe(1250); // 100 + 200 + 300 + 400 + 100 + 150
    expect(r.retainedMrr).toBe(790); // 100 + 200 + 0 + 250 + 90 + 150
    expect(r.closingCohortMrr).toBe(890); // 100 + 300 + 0 + 250 + 90 + 150
    expect(r.grossRevenueRetention).toBeCloseTo(0.632, 10);
    expect(r.netRevenueRetention).toBeCloseTo(0.712, 10);
    expect(r.startingLogos).toBe(6);
    expect(r.retainedLogos).toBe(5);
    expect(r.logoRetention).toBeCloseTo(5 / 6, 10);
  });

  it('caps an upgrade at the opening MRR for GRR but counts it for NRR', () => {
    const r = retention([history('B', ['2025-06-01', 200], ['2026-02-10', 300])], '2025-12-31', '2026-03-31');
    expect(r.grossRevenueRetention).toBe(1);
    expect(r.netRevenueRetention).toBe(1.5);
  });

  it('has no ratio without a starting cohort (an empty or zero-revenue book)', () => {
    const r = retention([history('H', ['2025-03-01', 0]), history('E', ['2026-02-01', 500])], '2025-12-31', '2026-03-31');
    expect(r).toMatchObject({ openingMrr: 0, startingLogos: 0, grossRevenueRetention: null, netRevenueRetention: null, logoRetention: null });
  });
});
