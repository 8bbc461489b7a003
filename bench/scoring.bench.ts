/**
 * On-device scoring figures (Node, same code the renderer runs minus the worker hop): build every feature digest from
 * the raw history (the one-off after an import or a digest-format upgrade); score a whole book for the first time end
 * to end (digests, assessments and alerts read from the local database, features, onnxruntime-web inference for both
 * models, path explanations, assessments written); rescore it on the next day (every assessment rewritten); rescore
 * one account after an edit; training time with the held-out AUC. The book lives in RxDB's memory storage so a 100,000-
 * account book can be set up in minutes; IndexedDB in the browser is slower to read (see the grid figures).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as ort from 'onnxruntime-web';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createOutpostDatabase } from '../common/db/create-database';
import { stampChanges } from '../common/db/stamp-writes';
import { seedDemoBook } from '../common/demo/seed-demo-book';
import { readCommittedArtifacts } from '../common/intelligence/model-artifacts.node';
import { openScorer } from '../common/intelligence/model-scorer';
import { ScoringEngine } from '../common/intelligence/scoring-engine';
import { DEFAULT_TRAINING_OPTIONS, demoRenewalExamples } from '../common/intelligence/training';
import { FEATURE_NAMES } from '../common/intelligence/account-features';
import { predictProbability, trainGradientBoostedTrees } from '../common/ml/gradient-boosted-trees';
import { rocAuc } from '../common/ml/metrics';
import { median, round, type Figure } from './figure';

ort.env.wasm.numThreads = 1;

// Each timed section starts from a collected heap, so one section's garbage (seeding, the digest build) is not
// billed to the next one.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const cpuMs = (since: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};

export async function benchScoring(accounts: number, trainingAccounts: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  // The app validates every write against the schema (validatingStorage); BENCH_SCORING_VALIDATE=1 measures with it.
  const validate = process.env['BENCH_SCORING_VALIDATE'] === '1';
  const db = await createOutpostDatabase({ name: `bench-scoring-${Date.now()}`, storage: getRxStorageMemory(), validate });
  try {
    const seedStart = performance.now();
    await seedDemoBook(db, { accounts, seed: 42, asOf: '2026-06-30', batchSize: 1000 }, () => undefined);
    figures.push({ name: `seed ${accounts} accounts in memory (untimed setup)`, value: round((performance.now() - seedStart) / 1000), unit: 's' });

    const artifacts = readCommittedArtifacts();
    let now = new Date('2026-06-30T12:00:00Z');
    const engine = new ScoringEngine(db, { openScorer: () => openScorer(ort, artifacts), teamId: 'team-demo', now: () => now, batchSize: 5000 });
    // Open the models first: a one-off start-up cost, reported on its own.
    const openStart = performance.now();
    await engine.rescore([]);
    await (engine as unknown as { loadScorer(): Promise<unknown> }).loadScorer();
    figures.push({ name: 'open both ONNX models', value: round(performance.now() - openStart), unit: 'ms' });

    // The one-off after an import or an upgrade of the digest format: every digest from the raw history.
    collectGarbage();
    const digestStart = performance.now();
    const refresh = await engine.refreshDigests(true);
    figures.push({ name: `build feature digests of ${refresh.rebuilt} accounts from raw history (one-off after import/upgrade)`, value: round(performance.now() - digestStart), unit: 'ms' });

    const storage = `RxDB memory storage, validate:${validate}`;
    collectGarbage();
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await engine.scoreAll();
    const total = performance.now() - start;
    const scored = engine.getStatus().total;
    figures.push({ name: `score ${scored} active of ${accounts} accounts end to end, first scoring (read, features, ONNX, explain, write; ${storage})`, value: round(total), unit: 'ms' });
    figures.push({ name: '  the same, CPU time of the process (less sensitive to other load on the machine)', value: round(cpuMs(cpuStart)), unit: 'ms' });
    for (const [phase, ms] of Object.entries(engine.getStatus().phases ?? {})) figures.push({ name: `  of which ${phase}`, value: round(ms), unit: 'ms' });

    // The next day: every assessment gets a new history point, so every one is rewritten.
    now = new Date('2026-07-01T12:00:00Z');
    collectGarbage();
    const dayStart = performance.now();
    const dayCpu = process.cpuUsage();
    await engine.scoreAll();
    figures.push({ name: `rescore the ${scored} active accounts on a new day (every assessment rewritten; ${storage})`, value: round(performance.now() - dayStart), unit: 'ms' });
    figures.push({ name: '  the same, CPU time of the process', value: round(cpuMs(dayCpu)), unit: 'ms' });
    for (const [phase, ms] of Object.entries(engine.getStatus().phases ?? {})) figures.push({ name: `  of which ${phase}`, value: round(ms), unit: 'ms' });

    const ids = (await db.accounts.find({ selector: { status: 'active' }, limit: 21 }).exec()).map((d) => d.id);
    const times: number[] = [];
    for (const id of ids) {
      const doc = (await db.accounts.findOne(id).exec())!;
      await doc.incrementalPatch(stampChanges(doc.fieldStamps, { seatsPurchased: doc.seatsPurchased + 5 }));
      const t = performance.now();
      await engine.rescore([id]);
      times.push(performance.now() - t);
    }
    figures.push({ name: `rescore one account after an edit (median of ${times.length - 1}, first discarded)`, value: round(median(times.slice(1)), 2), unit: 'ms' });
    await engine.dispose();
  } finally {
    await db.remove();
  }

  const genStart = performance.now();
  const examples = demoRenewalExamples({ ...DEFAULT_TRAINING_OPTIONS, accounts: trainingAccounts });
  const genSeconds = (performance.now() - genStart) / 1000;
  const split = Math.floor(examples.length * 0.8);
  const train = examples.slice(0, split);
  const test = examples.slice(split);
  const trainStart = performance.now();
  const model = trainGradientBoostedTrees({ featureNames: FEATURE_NAMES, rows: train.map((e) => e.features), labels: train.map((e) => e.churned) }, { seed: 7 });
  const trainMs = performance.now() - trainStart;
  const auc = rocAuc(test.map((e) => predictProbability(model, e.features)), test.map((e) => e.churned));
  figures.push({ name: `build training set from ${trainingAccounts} demo accounts (${examples.length} renewals)`, value: round(genSeconds), unit: 's' });
  figures.push({ name: `train churn trees on ${train.length} renewals from ${trainingAccounts} accounts (held-out ROC-AUC ${auc.toFixed(3)})`, value: round(trainMs), unit: 'ms' });
  return figures;
}
