import { describe, expect, it } from 'vitest';
import { predictProbability, predictRaw, trainGradientBoostedTrees } from '../gradient-boosted-trees';
import { saabasContributions } from '../tree-explanations';
import { predictLogistic, trainLogisticRegression } from '../logistic-regression';
import { createRandom } from '../../random/seeded-random';
import { generateSyntheticData } from '../testing/synthetic-data';
import { exportLogisticToOnnx } from './export-logistic';
import { exportTreesToOnnx } from './export-trees';
import { readOnnxMetadata } from './read-metadata';
import { openScoringSession, scoreRows } from './run-model';
import * as ort from 'onnxruntime-web';

ort.env.wasm.numThreads = 1;

const train = generateSyntheticData({ seed: 1, rows: 10_000, missingRate: 0.05 });
// 10,000 scoring rows; 5% of values missing, so most rows with NaN somewhere.
const scoring = generateSyntheticData({ seed: 5, rows: 10_000, missingRate: 0.05 });
const F = train.featureNames.length;

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('ONNX export', () => {
  it('logistic regression runs in onnxruntime-web and matches the TypeScript predictor', async () => {
    const model = trainLogisticRegression(train);
    const bytes = exportLogisticToOnnx(model, { modelVersion: 3 });
    const session = await openScoringSession(bytes);
    expect(session.inputNames).toEqual(['features']);
    expect(session.outputNames).toEqual(['probability']);
    const onnx = await scoreRows(session, scoring.rows, F);
    expect(onnx.length).toBe(10_000);
    expect(maxDifference(onnx, scoring.rows.map((row) => predictLogistic(model, row)))).toBeLessThan(1e-5);
    await session.release();
  });

  it('gradient-boosted trees run in onnxruntime-web and match, including NaN routing', async () => {
    const model = trainGradientBoostedTrees(train, { trees: 60, seed: 9 });
    const bytes = exportTreesToOnnx(model, { modelVersion: 4 });
    const session = await openScoringSession(bytes);
    const onnx = await scoreRows(session, scoring.rows, F);
    const expected = scoring.rows.map((row) => predictProbability(model, row));
    expect(maxDifference(onnx, expected)).toBeLessThan(1e-5);
    await session.release();

    // The recorded NaN direction is what the runtime follows: flipping it moves NaN rows, not complete ones.
    const flipped = {
      ...model,
      trees: model.trees.map((tree) => ({ nodes: tree.nodes.map((n) => ({ ...n, missingGoesLeft: !n.missingGoesLeft })) })),
    };
    const flippedSession = await openScoringSession(exportTreesToOnnx(flipped, { modelVersion: 4 }));
    const flippedOnnx = await scoreRows(flippedSession, scoring.rows, F);
    const hasNaN = scoring.rows.map((row) => Array.from(row).some(Number.isNaN));
    expect(hasNaN.filter(Boolean).length).toBeGreaterThan(2_000);
    const complete = (values: ArrayLike<number>) => Array.from(values).filter((_, i) => !hasNaN[i]);
    const withNaN = (values: ArrayLike<number>) => Array.from(values).filter((_, i) => hasNaN[i]);
    expect(maxDifference(complete(flippedOnnx), complete(expected))).toBeLessThan(1e-5);
    expect(maxDifference(withNaN(flippedOnnx), withNaN(expected))).toBeGreaterThan(0.01);
    await flippedSession.release();
  });

  it('gradient-boosted trees also output the path contributions of every row, in the same pass', async () => {
    const model = trainGradientBoostedTrees(train, { trees: 60, seed: 9 });
    const bytes = exportTreesToOnnx(model, { modelVersion: 4 });
    const session = await openScoringSession(bytes);
    expect(session.outputNames).toEqual(['probability', 'contributions']);
    const data = Float32Array.from(scoring.rows.flatMap((row) => Array.from(row)));
    const results = await session.run({ features: new ort.Tensor('float32', data, [scoring.rows.length, F]) });
    const contributions = results['contributions']!;
    expect(contributions.dims).toEqual([10_000, F]);
    const expectedValue = Number(readOnnxMetadata(bytes).metadata['contributions_expected_value']);
    let worst = 0;
    let worstSum = 0;
    scoring.rows.forEach((row, i) => {
      const reference = saabasContributions(model, row);
      expect(Math.abs(reference.expectedValue - expectedValue)).toBeLessThan(1e-9);
      const onnx = (contributions.data as Float32Array).subarray(i * F, (i + 1) * F);
      worst = Math.max(worst, maxDifference(onnx, reference.contributions));
      worstSum = Math.max(worstSum, Math.abs(expectedValue + onnx.reduce((s, c) => s + c, 0) - predictRaw(model, row)));
    });
    // float32 leaf credits summed by the runtime against float64 ones: the rounding of float32, nothing more.
    expect(worst).toBeLessThan(1e-5);
    expect(worstSum).toBeLessThan(1e-5);
    await session.release();
  });

  it('stores feature names and model version in metadata_props', () => {
    const model = trainLogisticRegression(train);
    const info = readOnnxMetadata(exportLogisticToOnnx(model, { modelVersion: 12 }));
    expect(info.modelVersion).toBe(12);
    expect(info.featureNames).toEqual(train.featureNames);
    expect(info.metadata['model_version']).toBe('12');
  });

  it('rejects corrupt or truncated model bytes with a catchable error', async () => {
    const random = createRandom(3);
    const garbage = Uint8Array.from({ length: 2_000 }, () => Math.floor(random() * 256));
    await expect(openScoringSession(garbage, 'garbage')).rejects.toThrow(/Could not load garbage/);
    const bytes = exportTreesToOnnx(trainGradientBoostedTrees(train, { trees: 5 }), { modelVersion: 1 });
    await expect(openScoringSession(bytes.slice(0, Math.floor(bytes.length / 2)), 'truncated')).rejects.toThrow(
      /Could not load truncated/,
    );
    // The runtime is still usable afterwards.
    const session = await openScoringSession(bytes);
    expect((await scoreRows(session, scoring.rows.slice(0, 3), F)).length).toBe(3);
  });
});
