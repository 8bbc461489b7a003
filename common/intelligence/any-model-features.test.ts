import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { demoRenewalExamples } from '../demo/demo-training';
import { predictProbability, trainGradientBoostedTrees } from '../ml/gradient-boosted-trees';
import { exportTreesToOnnx } from '../ml/onnx/export-trees';
import { readOnnxMetadata } from '../ml/onnx/read-metadata';
import { FEATURE_COUNT, FEATURE_NAMES } from './account-features';
import { selectColumns } from './model-evaluation';
import { openScorer } from './model-scorer';
import { readCommittedArtifacts } from './testing/model-artifacts.node';
import { DEFAULT_TRAINING_OPTIONS } from './training';

ort.env.wasm.numThreads = 1;

describe('the app accepts any model whose features it can compute', () => {
  const examples = demoRenewalExamples({ ...DEFAULT_TRAINING_OPTIONS, accounts: 600, seed: 4, profile: 'support-led' });
  // A team model on a few of the app's features, in its own order.
  const names = ['severe_tickets_90d', 'failed_payments_180d', 'usage_trend', 'tickets_90d'];
  const trees = trainGradientBoostedTrees(
    { featureNames: names, rows: examples.map((e) => selectColumns(e.features, FEATURE_NAMES, names)), labels: examples.map((e) => e.churned) },
    { trees: 20, seed: 1 },
  );
  const onnx = exportTreesToOnnx(trees, { modelVersion: 1_780_000_000, version: 'team-churn-test' });
  const shipped = readCommittedArtifacts();

  it('scores with a model on a subset of the features in another order, by name, and explains only those features', async () => {
    expect(readOnnxMetadata(onnx)).toMatchObject({ featureNames: names, metadata: { version: 'team-churn-test' } });
    const scorer = await openScorer(ort, { ...shipped, churn: { onnx, trees, version: 'team-churn-test' } }, FEATURE_NAMES);
    const count = 50;
    const rows = new Float32Array(count * FEATURE_COUNT);
    examples.slice(0, count).forEach((e, i) => rows.set(e.features, i * FEATURE_COUNT));
    const scores = await scorer.score(rows, count, 'path');
    const exact = await scorer.score(rows, count, 'treeshap');
    for (let i = 0; i < count; i++) {
      const appRow = rows.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT);
      expect(scores.churn[i]).toBeCloseTo(predictProbability(trees, selectColumns(appRow, FEATURE_NAMES, names)), 5);
      for (const points of [scores.churnPoints, exact.churnPoints]) {
        FEATURE_NAMES.forEach((name, j) => {
          if (!names.includes(name)) expect(points[i * FEATURE_COUNT + j]).toBe(0);
        });
      }
    }
    // The shipped expansion model still reads all fourteen.
    expect(scores.expansionPoints.some((p, k) => k % FEATURE_COUNT === FEATURE_NAMES.indexOf('log_mrr') && p !== 0)).toBe(true);
    expect(scorer.version).toBe(`team-churn-test · ${shipped.expansion.version}`);
    await scorer.release();
  });

  it('refuses a model that needs a feature the app cannot compute, naming it (PRED001)', async () => {
    const foreign = { ...trees, featureNames: ['severe_tickets_90d', 'seat_contraction_180d', 'usage_trend', 'tickets_90d'] };
    await expect(openScorer(ort, { ...shipped, churn: { onnx, trees: foreign, version: 'x' } }, FEATURE_NAMES)).rejects.toMatchObject({
      code: 'PRED001',
      message: expect.stringMatching(/cannot compute: seat_contraction_180d/),
    });
  });
});
