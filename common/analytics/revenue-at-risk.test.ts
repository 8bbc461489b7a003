import { describe, expect, it } from 'vitest';
import type { AccountScores } from './book-scores';
import { healthCounts, revenueAtRisk, riskDistribution } from './revenue-at-risk';
import { testAccount } from './testing/book-fixtures';

const score = (churnProbability: number | null, healthBand: AccountScores['healthBand'] = 'green'): AccountScores => ({ churnProbability, expansion: null, healthBand, history: [] });

describe('probability-weighted revenue at risk', () => {
  const a = testAccount({ mrr: 1000 });
  const b = testAccount({ mrr: 500 });
  const zero = testAccount({ mrr: 0 });
  const churned = testAccount({ mrr: 800, status: 'churned' });
  const unscored = testAccount({ mrr: 250 });
  const book = [a, b, zero, churned, unscored];
  const scores = new Map([
    [a.id, score(0.1, 'green')],
    [b.id, score(0.5, 'yellow')],
    [zero.id, score(0.9, 'red')],
    [churned.id, score(0.7, 'red')],
    [unscored.id, score(null, 'none')],
  ]);

  it('weights each active account\'s ARR by its churn probability and keeps the unscored apart', () => {
    // 12,000 × 0.1 + 6,000 × 0.5 + 0 × 0.9 = 4,200; the churned account is out; 3,000 ARR is not scored yet.
    expect(revenueAtRisk(book, scores)).toEqual({ weightedArr: 4200, scoredArr: 18_000, scoredAccounts: 3, unscoredAccounts: 1, unscoredArr: 3000 });
  });

  it('bands the active accounts by churn probability', () => {
    const rows = riskDistribution(book, scores);
    expect(rows.map((r) => [r.id, r.accounts, r.arr])).toEqual([
      ['low', 1, 12_000],
      ['moderate', 0, 0],
      ['elevated', 1, 6000],
      ['high', 0, 0],
      ['severe', 1, 0],
      ['unscored', 1, 3000],
    ]);
  });

  it('counts critical (red) and warning (yellow) active accounts', () => {
    expect(healthCounts(book, scores)).toEqual({ critical: 1, criticalArr: 0, warning: 1, warningArr: 6000 });
  });
});
