import { describe, expect, it } from 'vitest';
import type { AccountScores } from './book-scores';
import { forecastVsActual, modelCall, renewalForecast } from './renewal-forecast';
import { testAccount, testEvent } from './testing/book-fixtures';

const scored = (p: number | null, history: AccountScores['history'] = []): AccountScores => ({ churnProbability: p, expansion: null, healthBand: 'green', history });

describe('renewal forecast', () => {
  const ann = { ownerId: 'u-ann', ownerName: 'Ann' };
  const bo = { ownerId: 'u-bo', ownerName: 'Bo' };
  const a = testAccount({ ...ann, name: 'A', renewalDate: '2026-07-15', mrr: 1000, forecastCall: 'commit' });
  const b = testAccount({ ...ann, name: 'B', renewalDate: '2026-08-01', mrr: 500, forecastCall: 'at_risk' });
  const c = testAccount({ ...bo, name: 'C', renewalDate: '2026-09-30', mrr: 2000 });
  const d = testAccount({ ...bo, name: 'D', renewalDate: '2026-10-01', mrr: 3000 });
  const e = testAccount({ ...bo, name: 'E', renewalDate: '2026-07-01', mrr: 100, forecastCall: 'best_case' });
  const f = testAccount({ ...ann, name: 'F', renewalDate: '2026-08-01', mrr: 900, status: 'churned' });
  const scores = new Map([
    [a.id, scored(0.1)],
    [b.id, scored(0.3)],
    [c.id, scored(0.6)],
    [d.id, scored(0.2)],
  ]);

  it('maps a churn probability to the model\'s call', () => {
    expect([0, 0.249, 0.25, 0.499, 0.5, 1].map(modelCall)).toEqual(['commit', 'commit', 'best_case', 'best_case', 'at_risk', 'at_risk']);
  });

  it('lists the quarter\'s renewals with both calls and rolls them up by CSM and team (by hand)', () => {
    const forecast = renewalForecast([a, b, c, d, e, f], scores, '2026-07-01', '2026-09-30');
    expect(forecast.rows.map((r) => [r.name, r.arr, r.expectedArr, r.modelCall, r.csmCall])).toEqual([
      ['E', 1200, null, null, 'best_case'],
      ['A', 12_000, 10_800, 'commit', 'commit'],
      ['B', 6000, 4200, 'best_case', 'at_risk'],
      ['C', 24_000, 9600, 'at_risk', null],
    ]);
    expect(forecast.byCsm).toEqual([
      { ownerId: 'u-bo', ownerName: 'Bo', renewals: 2, arr: 25_200, expectedArr: 9600, model: { commit: 0, bestCase: 0, atRisk: 24_000, none: 1200 }, csm: { commit: 0, bestCase: 1200, atRisk: 0, none: 24_000 } },
      { ownerId: 'u-ann', ownerName: 'Ann', renewals: 2, arr: 18_000, expectedArr: 15_000, model: { commit: 12_000, bestCase: 18_000, atRisk: 0, none: 0 }, csm: { commit: 12_000, bestCase: 12_000, atRisk: 6000, none: 0 } },
    ]);
    expect(forecast.team).toMatchObject({ renewals: 4, arr: 43_200, expectedArr: 24_600, model: { commit: 12_000, bestCase: 18_000, atRisk: 24_000, none: 1200 }, csm: { commit: 12_000, bestCase: 13_200, atRisk: 6000, none: 24_000 } });
  });

  it('compares last quarter\'s model forecast, as scored on its first day, with what happened', () => {
    const point = (date: string, risk: number) => ({ date, health: null, risk, expansion: null });
    const events = new Map([
      ['A', [testEvent('A', '2026-05-10', 'renewal', 0, 1000)]],
      ['B', [testEvent('B', '2026-06-01', 'churn', -500, 0), testEvent('B', '2026-05-01', 'invoice_paid', 500, 500)]],
      ['C', [testEvent('C', '2026-04-15', 'expansion', 100, 600)]],
      ['D', [testEvent('D', '2026-07-02', 'expansion', 100, 600)]],
    ]);
    const history = new Map([
      ['A', scored(0.9, [point('2026-03-15', 20), point('2026-04-01', 10), point('2026-05-01', 90)])],
      ['B', scored(0.9, [point('2026-03-01', 40)])],
      ['C', scored(0.1, [])],
    ]);
    const result = forecastVsActual(events, history, '2026-04-01', '2026-06-30');
    expect(result.rows.map((r) => [r.accountId, r.arrBefore, r.actualArr, r.forecastProbability, r.forecastArr])).toEqual([
      ['C', 6000, 7200, null, null],
      ['A', 12_000, 12_000, 0.1, 10_800],
      ['B', 6000, 0, 0.4, 3600],
    ]);
    expect(result).toMatchObject({ forecastArr: 14_400, actualArrForecasted: 12_000, unforecast: 1, unforecastActualArr: 7200 });
    expect(result.error).toBeCloseTo(-2400 / 14_400, 10);
  });
});
