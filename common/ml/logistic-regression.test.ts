import { describe, expect, it } from 'vitest';
import { explainLogistic, logisticLogit, predictLogistic, trainLogisticRegression } from './logistic-regression';
import { rocAuc } from './metrics';
import { generateSyntheticData, SYNTHETIC_WEIGHTS } from './testing/synthetic-data';

const train = generateSyntheticData({ seed: 1, rows: 20_000, missingRate: 0.02 });
const test = generateSyntheticData({ seed: 2, rows: 5_000 });

describe('logistic regression', () => {
  it('trains reproducibly: same data, identical model JSON', () => {
    const a = trainLogisticRegression(train);
    const b = trainLogisticRegression(train);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('recovers the generating weights on the standardised scale', () => {
    const model = trainLogisticRegression(train);
    // Standardised coefficient ≈ true latent weight (features are scaled latent normals); 2% missing shrinks slightly.
    model.coefficients.forEach((beta, j) => expect(Math.abs(beta - SYNTHETIC_WEIGHTS[j]!)).toBeLessThan(0.1));
  });

  it('ranks held-out rows nearly as well as the generating process itself', () => {
    const model = trainLogisticRegression(train);
    const scores = test.rows.map((row) => predictLogistic(model, row));
    const oracle = rocAuc(test.trueProbabilities, test.labels);
    // The true model is the best possible ranking in expectation; a correctly specified fit on 20k rows
    // should be within sampling noise of it (AUC s.e. on 5k rows ≈ 0.006).
    expect(rocAuc(scores, test.labels)).toBeGreaterThan(oracle - 0.01);
  });

  it('explains each prediction exactly: intercept + contributions = logit', () => {
    const model = trainLogisticRegression(train);
    for (const row of [...test.rows.slice(0, 200), Float64Array.of(Number.NaN, 1, 2, 3, 4, 5)]) {
      const explanation = explainLogistic(model, row);
      const sum = explanation.contributions.reduce((s, c) => s + c, explanation.intercept);
      expect(sum).toBeCloseTo(logisticLogit(model, row), 12);
      expect(explanation.probability).toBeCloseTo(predictLogistic(model, row), 12);
    }
    expect(explainLogistic(model, Float64Array.of(Number.NaN, 1, 2, 3, 4, 5)).contributions[0]).toBe(0);
  });

  it('rejects malformed data with a message that says where', () => {
    expect(() =>
      trainLogisticRegression({ featureNames: ['a'], rows: [[1], [2]], labels: [0, 2] }),
    ).toThrow(/label 1 is 2/);
    expect(() =>
      trainLogisticRegression({ featureNames: ['a', 'b'], rows: [[1, 2], [2, -Infinity]], labels: [0, 1] }),
    ).toThrow(/row 1, feature "b" is -Infinity/);
  });
});
