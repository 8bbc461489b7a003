import { describe, expect, it } from 'vitest';
import { cohortRetention } from './cohorts';
import { history } from './testing/book-fixtures';

describe('cohort retention by start month', () => {
  it('follows each start month through the months after it (by hand)', () => {
    const book = [
      history('X1', ['2026-01-10', 100], ['2026-03-05', 0]),
      history('X2', ['2026-01-20', 200], ['2026-02-15', 300]),
      // Churns in February and comes back in March: counted again once it pays.
      history('W', ['2026-01-05', 100], ['2026-02-10', 0], ['2026-03-20', 100]),
      history('Y1', ['2026-02-01', 50]),
      history('Z', ['2026-01-01', 0]),
      history('Old', ['2025-06-01', 500]),
    ];
    expect(cohortRetention(book, '2026-01', '2026-03')).toEqual([
      { cohort: '2026-01', accounts: 3, startingMrr: 400, logoRetention: [1, 2 / 3, 2 / 3], revenueRetention: [1, 1, 1] },
      { cohort: '2026-02', accounts: 1, startingMrr: 50, logoRetention: [1, 1], revenueRetention: [1, 1] },
    ]);
  });

  it('gives a cohort whose accounts churned within the start month zero revenue retention, not a division by zero', () => {
    expect(cohortRetention([history('Q', ['2026-01-03', 100], ['2026-01-20', 0])], '2026-01', '2026-02')).toEqual([
      { cohort: '2026-01', accounts: 1, startingMrr: 0, logoRetention: [0, 0], revenueRetention: [0, 0] },
    ]);
  });
});
