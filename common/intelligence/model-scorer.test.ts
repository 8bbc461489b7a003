import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { predictProbability, predictRaw } from '../ml/gradient-boosted-trees';
import { exportTreesToOnnx } from '../ml/onnx/export-trees';
import { trainGradientBoostedTrees } from '../ml/gradient-boosted-trees';
import { createRandom } from '../random/seeded-random';
import { generateSyntheticData } from '../ml/testing/synthetic-data';
import { treeShap } from '../ml/tree-explanations';
import { FEATURE_COUNT, FEATURE_NAMES } from './account-features';
import { explainScore } from './explanations';
import { readCommittedArtifacts } from './testing/model-artifacts.node';
import { openScorer, ScoringError } from './model-scorer';
import { DEFAULT_TRAINING_OPTIONS } from './training';
import { demoRenewalExamples } from '../demo/demo-training';

ort.env.wasm.numThreads = 1;

const artifacts = readCommittedArtifacts();

/** 10,000 realistic rows: feature values drawn from real demo renewals, mixed across accounts, 5% missing. */
function scoringRows(): Float32Array {
  const examples = demoRenewalExamples({ ...DEFAULT_TRAINING_OPTIONS, accounts: 1500 });
  const random = createRandom(11);
  const rows = new Float32Array(10_000 * FEATURE_COUNT);
  for (let i = 0; i < 10_000; i++) {
    for (let j = 0; j < FEATURE_COUNT; j++) {
      const source = examples[Math.floor(random() * examples.length)]!.features[j]!;
      rows[i * FEATURE_COUNT + j] = random() < 0.05 ? Number.NaN : source;
    }
  }
  return rows;
}

describe('the shipped models in onnxruntime-web', () => {
  const rows = scoringRows();

  it('match the TypeScript predictor within 1e-5 on 10,000 rows, and explanations sum to the prediction', async () => {
    const scorer = await openScorer(ort, artifacts, FEATURE_NAMES);
    expect(scorer.version).toBe('churn-2026-06-30-s7 · expansion-2026-06-30-s7');
    const scores = await scorer.score(rows, 10_000, 'path');
    let worst = 0;
    for (let i = 0; i < 10_000; i++) {
      const row = rows.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT);
      worst = Math.max(worst, Math.abs(scores.churn[i]! - predictProbability(artifacts.churn.trees, row)));
      worst = Math.max(worst, Math.abs(scores.expansion[i]! - predictProbability(artifacts.expansion.trees, row)));
    }
    console.log(`largest |onnxruntime − TypeScript| over 2 × 10,000 rows: ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-5);
    await scorer.release();
  });

  it('explains a whole batch along the paths as explainScore does one row at a time, from the runtime contributions', async () => {
    const scorer = await openScorer(ort, artifacts, FEATURE_NAMES);
    const count = 2000;
    const scores = await scorer.score(rows.subarray(0, count * FEATURE_COUNT), count, 'path');
    // The runtime sums float32 leaf credits; explainScore sums float64 ones: equal to well below the 0.1 points shown.
    let worst = 0;
    for (let i = 0; i < count; i++) {
      const row = rows.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT);
      for (const [model, points, probability] of [
        [artifacts.churn.trees, scores.churnPoints, scores.churn[i]!],
        [artifacts.expansion.trees, scores.expansionPoints, scores.expansion[i]!],
      ] as const) {
        const expected = explainScore(model, row, 'path');
        const batch = points.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT);
        batch.forEach((p, j) => (worst = Math.max(worst, Math.abs(p - expected.points[j]!))));
        expect(Math.abs(expected.baseline + batch.reduce((s, p) => s + p, 0) - 100 * probability)).toBeLessThan(1e-3);
      }
    }
    console.log(`largest |batch − explainScore| path points over 2 × ${count} rows: ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-3);
    await scorer.release();
  });

  it('explains with TreeSHAP summing to the log-odds within 1e-6, and points summing to the 0-100 score', () => {
    for (let i = 0; i < 500; i++) {
      const row = rows.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT);
      for (const model of [artifacts.churn.trees, artifacts.expansion.trees]) {
        const { expectedValue, contributions } = treeShap(model, row);
        expect(Math.abs(expectedValue + contributions.reduce((s, c) => s + c, 0) - predictRaw(model, row))).toBeLessThan(1e-6);
        for (const method of ['treeshap', 'path'] as const) {
          const explanation = explainScore(model, row, method);
          const sum = explanation.baseline + explanation.points.reduce((s, p) => s + p, 0);
          expect(Math.abs(sum - 100 * predictProbability(model, row))).toBeLessThan(1e-6);
          expect(Math.abs(explanation.score - 100 * predictProbability(model, row))).toBeLessThan(1e-9);
        }
      }
    }
  });
});

describe('PRED001 / ML001: a broken model never crashes', () => {
  it('rejects a corrupt model file with PRED001', async () => {
    const corrupt = { ...artifacts, churn: { ...artifacts.churn, onnx: artifacts.churn.onnx.slice(0, 1000) } };
    const error = await openScorer(ort, corrupt, FEATURE_NAMES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScoringError);
    expect((error as ScoringError).code).toBe('PRED001');
    expect((error as ScoringError).message).toMatch(/PRED001: The churn model could not be loaded \(1000 bytes\)/);
  });

  it('rejects a missing model file with PRED001', async () => {
    const missing = { ...artifacts, expansion: { ...artifacts.expansion, onnx: new Uint8Array(0) } };
    await expect(openScorer(ort, missing, FEATURE_NAMES)).rejects.toMatchObject({ code: 'PRED001', message: expect.stringMatching(/expansion model file is missing/) });
  });

  it('rejects a model whose explanation trees use other features with PRED001', async () => {
    const other = { ...artifacts.churn.trees, featureNames: ['a', 'b'] };
    await expect(openScorer(ort, { ...artifacts, churn: { ...artifacts.churn, trees: other } }, FEATURE_NAMES)).rejects.toMatchObject({ code: 'PRED001' });
  });

  it('reports ML001 when inference fails (a model built for another feature count)', async () => {
    const data = generateSyntheticData({ seed: 2, rows: 300, missingRate: 0 });
    const foreign = exportTreesToOnnx(trainGradientBoostedTrees(data, { trees: 3 }), { modelVersion: 1 });
    const scorer = await openScorer(ort, { ...artifacts, churn: { ...artifacts.churn, onnx: foreign } }, FEATURE_NAMES);
    const rows = new Float32Array(2 * FEATURE_COUNT);
    await expect(scorer.score(rows, 2, 'path')).rejects.toMatchObject({ code: 'ML001', message: expect.stringMatching(/^ML001: Scoring with the churn model failed/) });
    await scorer.release();
  });
});
