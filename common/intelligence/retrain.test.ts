import { describe, expect, it } from 'vitest';
import { demoRenewalExamples } from '../demo/demo-training';
import { exportTreesToOnnx } from '../ml/onnx/export-trees';
import { readOnnxMetadata } from '../ml/onnx/read-metadata';
import { openScoringSession, scoreRows } from '../ml/onnx/run-model';
import { predictProbability } from '../ml/gradient-boosted-trees';
import { FEATURE_NAMES } from './account-features';
import { evaluateProbabilities, selectColumns } from './model-evaluation';
import { decidePromotion } from './model-promotion';
import { NotEnoughOutcomesError, retrainRenewalModels } from './retrain';
import { readCommittedArtifacts } from './testing/model-artifacts.node';
import { DEFAULT_TRAINING_OPTIONS } from './training';

const f = (x: number) => x.toFixed(3);

describe('retraining on a book with another causal story (support-led profile)', () => {
  // One book for the whole file: generating it is the slow part (~2 s per 1,000 accounts).
  const examples = demoRenewalExamples({ ...DEFAULT_TRAINING_OPTIONS, accounts: 8000, seed: 12, profile: 'support-led' });
  const retrain = () =>
    retrainRenewalModels(examples, { featureNames: FEATURE_NAMES, seed: 3, createdAt: '2026-07-01T09:00:00Z', data: 'support-led book, seed 12', leadDays: 30 });

  it('the shipped model ranks it poorly; the retrained, calibrated model scored by the ONNX runtime reaches ROC-AUC ≥ 0.80 and ECE < 0.05 on the later renewals', async () => {
    const { models, holdout } = retrain();
    const { churn } = models;
    // Scored by onnxruntime from the exported bytes, as the app scores: the model's own feature list is in its metadata.
    const bytes = exportTreesToOnnx(churn.model, { modelVersion: churn.card.onnxVersion, version: churn.card.version });
    const info = readOnnxMetadata(bytes);
    expect(info.featureNames).toEqual(churn.card.features);
    expect(info.metadata['version']).toBe(churn.card.version);
    const session = await openScoringSession(bytes, 'retrained churn model');
    const onnx = await scoreRows(session, holdout.rows, info.featureNames.length);
    const candidate = evaluateProbabilities(onnx, holdout.labels.churn);

    const shipped = readCommittedArtifacts().churn.trees;
    const current = evaluateProbabilities(
      holdout.rows.map((row) => predictProbability(shipped, selectColumns(row, holdout.featureNames, shipped.featureNames))),
      holdout.labels.churn,
    );
    console.log(
      `support-led holdout (${candidate.rows} renewals ${churn.card.testWindow.from}..${churn.card.testWindow.to}, churn ${f(candidate.positiveRate)}): ` +
        `shipped ROC-AUC ${f(current.rocAuc)} ECE ${f(current.expectedCalibrationError)}; retrained ROC-AUC ${f(candidate.rocAuc)} ECE ${f(candidate.expectedCalibrationError)} ` +
        `(before calibration ${f(churn.card.beforeCalibration.expectedCalibrationError)}), top-decile lift ${f(candidate.topDecileLift)}`,
    );
    expect(candidate.rocAuc).toBeGreaterThanOrEqual(0.8);
    expect(candidate.expectedCalibrationError).toBeLessThan(0.05);
    expect(current.rocAuc).toBeLessThan(0.7);
    expect(candidate.rocAuc - current.rocAuc).toBeGreaterThan(0.1);
    // Every test renewal is later than every calibration renewal, which is later than every training renewal.
    expect(churn.card.calibrationWindow.from > churn.card.trainingWindow.to).toBe(true);
    expect(churn.card.testWindow.from > churn.card.calibrationWindow.to).toBe(true);
    // The promote rule takes it over the shipped model.
    expect(decidePromotion({ candidate, current, role: 'cs-manager' })).toMatchObject({ promote: true, basis: 'better' });
    await session.release();
  }, 30_000);

  it('a book with too few outcomes says how many it has instead of training', () => {
    expect(() =>
      retrainRenewalModels(examples.slice(0, 120), { featureNames: FEATURE_NAMES, seed: 3, createdAt: '2026-07-01T09:00:00Z', data: 'small', leadDays: 30 }),
    ).toThrow(NotEnoughOutcomesError);
  });
});
