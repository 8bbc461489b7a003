import { describe, expect, it } from 'vitest';
import { keepScoresView, sameScores } from './assessment-scores';
import type { RiskAssessment } from './risk-assessment';

const base = {
  id: 'a1', accountId: 'a1', scoredAt: '2026-03-01T00:00:00.000Z', health: 70, healthBand: 'green', measures: [], churnProbability: 0.2, risk: 20,
  expansion: 40, riskFactors: [], expansionFactors: [], modelVersion: 'm1', predictedAt: null, history: [{ date: '2026-03-01', health: 70, risk: 20, expansion: 40 }],
} as unknown as RiskAssessment;

describe('the scores of an assessment', () => {
  it('are the same when only factors, measures, model version or stamps differ', () => {
    const factors = { ...base, riskFactors: [{ feature: 'logins', value: 3, points: 12, text: 'Logins fell' }], scoredAt: '2026-03-02T00:00:00.000Z', modelVersion: 'm2', measures: [{ id: 'usage', score: 40 }], history: [{ ...base.history[0]! }] };
    expect(sameScores(base, factors)).toBe(true);
  });

  it('differ when a score, the band, the churn probability, the data state or the history differs', () => {
    for (const change of [{ health: 71 }, { healthBand: 'yellow' }, { churnProbability: 0.21 }, { risk: 21 }, { expansion: null }, { dataState: 'not-enough-recent-data' }, { history: [] }, { history: [{ ...base.history[0]!, risk: 30 }] }]) {
      expect(sameScores(base, { ...base, ...change } as RiskAssessment)).toBe(false);
    }
  });

  it('keep the previous view unless an account came, went or has other scores', () => {
    const previous = new Map([['a1', base]]);
    expect(keepScoresView(previous, new Map([['a1', { ...base, riskFactors: [] }]]))).toBe(previous);
    const changed = new Map([['a1', { ...base, risk: 50 }]]);
    expect(keepScoresView(previous, changed)).toBe(changed);
    const other = new Map([['a2', { ...base, id: 'a2', accountId: 'a2' }]]);
    expect(keepScoresView(previous, other)).toBe(other);
    const more = new Map([['a1', base], ['a2', base]]);
    expect(keepScoresView(previous, more)).toBe(more);
  });
});
