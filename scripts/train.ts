/**
 * Trains the churn and expansion models on the deterministic demo book (time split: the latest 20% of renewals are
 * held out), prints held-out metrics and writes models/<name>.onnx, the tree JSON the app explains with, and a model
 * card per model. The same options give the same bytes.
 *   npm run train -- [--accounts 5000] [--seed 7] [--as-of 2026-06-30] [--out models]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TRAINING_OPTIONS } from '../common/intelligence/training';
import { trainRenewalModels } from '../common/demo/demo-training';
import { exportTreesToOnnx } from '../common/ml/onnx/export-trees';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

function main(): void {
  const options = {
    ...DEFAULT_TRAINING_OPTIONS,
    accounts: Number(option('accounts', String(DEFAULT_TRAINING_OPTIONS.accounts))),
    seed: Number(option('seed', String(DEFAULT_TRAINING_OPTIONS.seed))),
    asOf: option('as-of', DEFAULT_TRAINING_OPTIONS.asOf),
  };
  const out = option('out', 'models');
  const started = performance.now();
  const models = trainRenewalModels(options);
  mkdirSync(out, { recursive: true });
  for (const { model, card } of Object.values(models)) {
    const m = card.metrics;
    const f = (x: number) => x.toFixed(3);
    console.log(
      `${card.name}: train ${card.trainingWindow.rows} renewals ${card.trainingWindow.from}..${card.trainingWindow.to}, ` +
        `test ${card.testWindow.rows} ${card.testWindow.from}..${card.testWindow.to} (positives ${(m.positiveRate * 100).toFixed(1)}%)`,
    );
    console.log(
      `  held-out ROC-AUC ${f(m.rocAuc)} (simulator ${f(m.simulatorRocAuc ?? Number.NaN)}), PR-AUC ${f(m.prAuc)}, ECE ${f(m.expectedCalibrationError)}, ` +
        `at ${m.threshold}: precision ${f(m.precision)}, recall ${f(m.recall)}`,
    );
    writeFileSync(join(out, `${card.name}.onnx`), exportTreesToOnnx(model, { modelVersion: card.onnxVersion }));
    writeFileSync(join(out, `${card.name}.trees.json`), JSON.stringify(model));
    writeFileSync(join(out, `${card.name}.card.json`), `${JSON.stringify(card, null, 2)}\n`);
  }
  console.log(`wrote ${Object.keys(models).map((n) => `${out}/${n}.onnx`).join(', ')} and model cards in ${Math.round(performance.now() - started)} ms`);
}

main();
