import { describe, expect, it } from 'vitest';
import { exportTreesToOnnx } from '../ml/onnx/export-trees';
import { readModelFile } from './testing/model-artifacts.node';
import { DEFAULT_TRAINING_OPTIONS } from './training';
import { trainRenewalModels } from '../demo/demo-training';

describe('training (npm run train)', () => {
  it('is reproducible: the same options give byte-identical models and cards', () => {
    const options = { ...DEFAULT_TRAINING_OPTIONS, accounts: 800 };
    const a = trainRenewalModels(options);
    const b = trainRenewalModels(options);
    expect(JSON.stringify(b.churn.model)).toBe(JSON.stringify(a.churn.model));
    expect(b.expansion.card).toEqual(a.expansion.card);
    expect(exportTreesToOnnx(b.churn.model, { modelVersion: 1 })).toEqual(exportTreesToOnnx(a.churn.model, { modelVersion: 1 }));
  });

  it('reaches a held-out churn ROC-AUC above 0.75 on later renewals, and the committed models are what it builds', () => {
    const models = trainRenewalModels(DEFAULT_TRAINING_OPTIONS);
    const { metrics, testWindow } = models.churn.card;
    console.log(
      `held-out churn ROC-AUC ${metrics.rocAuc.toFixed(3)} (simulator's own probabilities ${metrics.simulatorRocAuc?.toFixed(3)}), ` +
        `expansion ${models.expansion.card.metrics.rocAuc.toFixed(3)}, on ${testWindow.rows} renewals ${testWindow.from}..${testWindow.to}`,
    );
    // Floor: a coin is 0.5; the simulator's true churn probabilities reach ~0.88 on these rows (its draws are noisy),
    // and a plain logistic regression on the same features ~0.80. 0.75 leaves room for seed-to-seed variation yet
    // fails on a broken feature pipeline, a label leak turned off, or a mis-split.
    expect(metrics.rocAuc).toBeGreaterThan(0.75);
    expect(metrics.rocAuc).toBeLessThanOrEqual((metrics.simulatorRocAuc ?? 1) + 0.02);
    expect(models.expansion.card.metrics.rocAuc).toBeGreaterThan(0.7);
    // Time split: every test renewal is on or after the last training renewal.
    expect(testWindow.from >= models.churn.card.trainingWindow.to).toBe(true);
    for (const name of ['churn', 'expansion'] as const) {
      const { model, card } = models[name];
      expect(JSON.parse(readModelFile(`${name}.card.json`).toString('utf8'))).toEqual(JSON.parse(JSON.stringify(card)));
      expect(new Uint8Array(readModelFile(`${name}.onnx`))).toEqual(new Uint8Array(exportTreesToOnnx(model, { modelVersion: card.onnxVersion })));
    }
  }, 60_000);
});
