/**
 * Trains the renewal-risk models on the deterministic demo book and reports held-out metrics; with --out DIR
 * also writes both models as ONNX plus their JSON.
 *   npx tsx scripts/train.ts [--accounts 5000] [--seed 7] [--as-of 2026-06-30] [--out DIR]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoAccountTruth, generateDemoBook } from '../common/demo/generate-demo-book';
import type { Dataset } from '../common/ml/dataset';
import { predictProbability, trainGradientBoostedTrees } from '../common/ml/gradient-boosted-trees';
import { predictLogistic, trainLogisticRegression } from '../common/ml/logistic-regression';
import { averagePrecision, expectedCalibrationError, rocAuc } from '../common/ml/metrics';
import { exportLogisticToOnnx } from '../common/ml/onnx/export-logistic';
import { exportTreesToOnnx } from '../common/ml/onnx/export-trees';
import { RENEWAL_FEATURES, renewalExample } from '../common/ml/renewal-features';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

async function main(): Promise<void> {
  const accounts = Number(option('accounts', '5000'));
  const seed = Number(option('seed', '7'));
  const asOf = option('as-of', '2026-06-30');
  const out = option('out', '');

  const started = performance.now();
  const rows: Float64Array[] = [];
  const labels: number[] = [];
  // The simulator's own churn probability for each renewal: the ceiling any model can reach on ranking.
  const oracle: number[] = [];
  let index = 0;
  for (const bundle of generateDemoBook({ seed, accounts, asOf })) {
    const example = renewalExample(bundle);
    const truth = demoAccountTruth({ seed, accounts, asOf }, index++).renewal;
    if (!example || truth?.date !== example.renewalDate) continue;
    rows.push(example.features);
    labels.push(example.churned);
    oracle.push(truth.probabilities.churn);
  }
  console.log(`${rows.length} renewals from ${accounts} accounts, churn rate ${(mean(labels) * 100).toFixed(1)}% (${ms(started)})`);
  if (rows.length < 50) throw new Error(`Too few renewals to train on (${rows.length}); raise --accounts`);

  // Accounts are generated independently, so a positional split is a random split.
  const split = Math.floor(rows.length * 0.8);
  const train: Dataset = { featureNames: RENEWAL_FEATURES, rows: rows.slice(0, split), labels: labels.slice(0, split) };
  const test = { rows: rows.slice(split), labels: labels.slice(split) };
  report('simulator truth', '0 ms', oracle.slice(split), test.labels);

  let t = performance.now();
  const logistic = trainLogisticRegression(train);
  report('logistic', ms(t), test.rows.map((row) => predictLogistic(logistic, row)), test.labels);
  t = performance.now();
  const trees = trainGradientBoostedTrees(train, { seed });
  report('trees', ms(t), test.rows.map((row) => predictProbability(trees, row)), test.labels);

  if (out) {
    mkdirSync(out, { recursive: true });
    const version = Date.parse(`${asOf}T00:00:00Z`) / 1000;
    writeFileSync(join(out, 'renewal-logistic.onnx'), exportLogisticToOnnx(logistic, { modelVersion: version }));
    writeFileSync(join(out, 'renewal-trees.onnx'), exportTreesToOnnx(trees, { modelVersion: version }));
    writeFileSync(join(out, 'renewal-logistic.json'), JSON.stringify(logistic));
    writeFileSync(join(out, 'renewal-trees.json'), JSON.stringify(trees));
    console.log(`wrote models to ${out}`);
  }
}

function report(name: string, time: string, scores: number[], labels: number[]): void {
  const auc = rocAuc(scores, labels).toFixed(3);
  const ap = averagePrecision(scores, labels).toFixed(3);
  const ece = expectedCalibrationError(scores, labels).toFixed(3);
  console.log(`${name}: trained in ${time}; held-out ROC-AUC ${auc}, PR-AUC ${ap}, ECE ${ece}`);
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

function ms(since: number): string {
  return `${Math.round(performance.now() - since)} ms`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
