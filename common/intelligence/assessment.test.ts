import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEATURE_COUNT } from './account-features';
import { nextAssessment } from './assessment';
import { APP_FEATURE_COUNT, APP_FEATURE_NAMES } from './catalogue-features';
import { topFactors } from './explanations';
import { healthScore } from './scorecard';

describe('nextAssessment', () => {
  it.each([
    ['the core row', FEATURE_COUNT],
    ['the app row with the catalogue columns', APP_FEATURE_COUNT],
  ])('stores the factors topFactors picks from %s: largest first, ties in feature order, small ones left out', (_, width) => {
    // Few distinct sizes, so ties are common; NaN feature values as well.
    const points = fc.array(fc.constantFrom(0, 0.2, 0.5, -0.5, 3, -3, 7.25, -12, Number.NaN), { minLength: width, maxLength: width });
    const row = fc.array(fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constant(Number.NaN)), { minLength: width, maxLength: width });
    fc.assert(
      fc.property(points, points, row, (churnPoints, expansionPoints, values) => {
        const features = Float64Array.from(values);
        const next = nextAssessment({
          account: { id: 'a', ownerId: 'me', teamId: 't' },
          row: features,
          health: healthScore(features),
          now: new Date('2026-06-30T12:00:00Z'),
          model: { churn: 0.3, expansion: 0.6, churnPoints: Float32Array.from(churnPoints), expansionPoints: Float32Array.from(expansionPoints), version: 'v' },
        });
        const reference = (p: number[]) =>
          topFactors({ score: 0, baseline: 0, points: Float64Array.from(Float32Array.from(p)), method: 'path' }, features, 5).map((f) => ({
            feature: f.feature,
            value: f.value,
            points: Math.round(f.points * 10) / 10,
            text: f.text,
          }));
        expect(next.riskFactors).toEqual(reference(churnPoints));
        expect(next.expansionFactors).toEqual(reference(expansionPoints));
      }),
      { numRuns: 500 },
    );
  });

  it("names the team's catalogue columns among the factors of a whole app row; a missing one with value null, said as unknown", () => {
    const row = new Float64Array(APP_FEATURE_COUNT).fill(Number.NaN);
    const reports = APP_FEATURE_NAMES.indexOf('usage_reports_month');
    const api = APP_FEATURE_NAMES.indexOf('usage_api_trend');
    row[api] = -0.5;
    const churnPoints = new Float32Array(APP_FEATURE_COUNT);
    churnPoints[reports] = 20; // trees route a missing value: it can carry points, and is still missing
    churnPoints[api] = 12;
    churnPoints[FEATURE_COUNT - 1] = 3;
    const next = nextAssessment({
      account: { id: 'a', ownerId: 'me', teamId: 't' },
      row,
      health: healthScore(row),
      now: new Date('2026-06-30T12:00:00Z'),
      model: { churn: 0.6, expansion: 0.1, churnPoints, expansionPoints: new Float32Array(APP_FEATURE_COUNT), version: 'v' },
    });
    expect(next.riskFactors).toEqual([
      { feature: 'usage_reports_month', value: null, points: 20, text: 'Events of "reports" last month unknown (no data)' },
      { feature: 'usage_api_trend', value: -0.5, points: 12, text: '−50% change in "api" events vs. 3 months before' },
      { feature: 'sponsor_present', value: null, points: 3, text: 'no executive sponsor' },
    ]);
    expect(next.expansionFactors).toEqual([]);
  });

  it('keeps a history of change points: a point on each day the scores changed, today replaced on a rescore, at most 366', () => {
    const features = new Float64Array(FEATURE_COUNT).fill(Number.NaN);
    const score = (day: string, previous: ReturnType<typeof nextAssessment> | null, churn: number) =>
      nextAssessment({
        account: { id: 'a', ownerId: 'me', teamId: 't' },
        row: features,
        health: healthScore(features),
        now: new Date(`${day}T12:00:00Z`),
        previous: previous as never,
        model: { churn, expansion: 0.5, churnPoints: new Float32Array(FEATURE_COUNT), expansionPoints: new Float32Array(FEATURE_COUNT), version: 'v' },
      });
    let assessment = score('2026-01-01', null, 0.1);
    // A different risk every day: a point every day.
    for (let day = 1; day < 400; day++) assessment = score(new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10), assessment, (day % 100) / 100);
    expect(assessment.history).toHaveLength(366);
    expect(assessment.history.at(-1)).toEqual({ date: '2027-02-04', health: null, risk: 99, expansion: 50 });
    expect(assessment.history[0]!.date).toBe('2026-02-04');
    const again = score('2027-02-04', assessment, 0.9);
    expect(again.history).toHaveLength(366);
    expect(again.history.at(-1)).toEqual({ date: '2027-02-04', health: null, risk: 90, expansion: 50 });
    // The same scores on the next days: no point (the last one holds), the very same stored array.
    const later = score('2027-02-07', score('2027-02-05', again, 0.9), 0.9);
    expect(later.history).toBe(again.history);
    // Back to the previous point's scores on the same day: today's point goes, the previous one holds again (the
    // oldest point went when today's came).
    const changed = score('2027-02-08', later, 0.5);
    expect(changed.history.at(-1)).toEqual({ date: '2027-02-08', health: null, risk: 50, expansion: 50 });
    expect(score('2027-02-08', changed, 0.9).history).toEqual(again.history.slice(1));
    // A point from a later day (another device's clock ahead) stays after today's, in date order.
    const ahead = { ...again, history: [...again.history.slice(0, -1), { date: '2027-02-06', health: 50, risk: 1, expansion: 1 }] };
    expect(score('2027-02-05', ahead, 0.2).history.slice(-2).map((p) => p.date)).toEqual(['2027-02-05', '2027-02-06']);
  });
});
