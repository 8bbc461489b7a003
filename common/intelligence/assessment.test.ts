import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEATURE_COUNT } from './account-features';
import { nextAssessment } from './assessment';
import { topFactors } from './explanations';
import { healthScore } from './scorecard';

describe('nextAssessment', () => {
  it('stores the factors topFactors picks: largest first, ties in feature order, small ones left out', () => {
    // Few distinct sizes, so ties are common; NaN feature values as well.
    const points = fc.array(fc.constantFrom(0, 0.2, 0.5, -0.5, 3, -3, 7.25, -12, Number.NaN), { minLength: FEATURE_COUNT, maxLength: FEATURE_COUNT });
    const row = fc.array(fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constant(Number.NaN)), { minLength: FEATURE_COUNT, maxLength: FEATURE_COUNT });
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
});
