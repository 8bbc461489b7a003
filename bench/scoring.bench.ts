/**
 * On-device scoring figures (Node, the code the renderer runs, with the models in a worker thread as they are in a Web
 * Worker there): build every feature digest from
 * the raw history (the one-off after an import or a digest-format upgrade); score a whole book for the first time end
 * to end (digests, assessments and alerts read from the local database, features, onnxruntime-web inference for both
 * models, path explanations, assessments written); rescore it on the next day (the changed assessments written); rescore
 * one account after an edit; training time with the held-out AUC. The book lives in RxDB's memory storage so a 100,000-
 * account book can be set up in minutes; IndexedDB in the browser is slower to read (see the grid figures).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createOutpostDatabase } from '../common/db/create-database';
import { stampChanges } from '../common/db/stamp-writes';
import { seedDemoBook } from '../common/demo/seed-demo-book';
import { readCommittedArtifacts } from '../common/intelligence/testing/model-artifacts.node';
import { ScoringEngine } from '../common/intelligence/scoring-engine';
import { DEFAULT_TRAINING_OPTIONS } from '../common/intelligence/training';
import { demoRenewalExamples } from '../common/demo/demo-training';
import { FEATURE_NAMES } from '../common/intelligence/account-features';
import { predictProbability, trainGradientBoostedTrees } from '../common/ml/gradient-boosted-trees';
import { rocAuc } from '../common/ml/metrics';
import { median, round, type Figure } from './figure';
import { openNodeWorkerScorer } from './node-worker-scorer';

// Each timed section starts from a collected and swept heap, so one section's garbage (seeding, the digest build) is
// not billed to the next one. The sweep is done in the collection itself: by default V8 sweeps the multi-GB heap of
// the in-memory book on background threads after a full collection, and a timed section starting then runs 3-4×
// slower until that debt is paid (each scavenge waits on it) — a cost of the bench's setup, not of scoring.
// The first scavenge after a full collection of that heap is a one-off of over a second, so it is done here too.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;
const collectGarbage = () => {
  setFlagsFromString('--no-concurrent-sweeping');
  gc();
  setFlagsFromString('--concurrent-sweeping');
  gc({ type: 'minor' });
};
const cpuMs = (since: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};

/** BENCH_SCORING_CPUPROFILE=<file>: a V8 CPU profile of the first scoring (open it in Chrome DevTools). */
async function startCpuProfile(file: string | undefined): Promise<(() => Promise<void>) | undefined> {
  if (!file) return undefined;
  const session = new Session();
  session.connect();
  // A .heapprofile file name samples allocations instead (where the garbage comes from).
  const heap = file.endsWith('.heapprofile');
  if (heap) await session.post('HeapProfiler.startSampling', { samplingInterval: 4096 });
  else {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  return async () => {
    const { profile } = heap ? await session.post('HeapProfiler.stopSampling') : await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

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
    const engine = new ScoringEngine(db, { openScorer: () => openNodeWorkerScorer(artifacts), teamId: 'team-demo', now: () => now, batchSize: 5000 });
    // As in the app, the models run in a worker (a worker thread here, a Web Worker there), so inference and
    // explanations of one batch overlap storing the previous one. Opening them is a one-off, reported on its own.
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
    // Garbage collection on this thread during the run. The in-memory book makes the heap ~10 GB at 100,000 accounts,
    // and each young-generation collection then takes ~30 ms, most of it outside copying survivors (--trace-gc-nvp):
    // a cost of that heap's size. `npm run bench` runs Node with --max-semi-space-size=128 so there are fewer of them.
    // The app's renderer keeps the book in IndexedDB, not in its heap.
    let gcMs = 0;
    let gcCount = 0;
    const gcObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        gcMs += entry.duration;
        gcCount += 1;
      }
    });
    gcObserver.observe({ entryTypes: ['gc'] });
    const profile = await startCpuProfile(process.env['BENCH_SCORING_CPUPROFILE']);
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await engine.scoreAll();
    const total = performance.now() - start;
    await profile?.();
    const scored = engine.getStatus().total;
    figures.push({ name: `score ${scored} active of ${accounts} accounts end to end, first scoring (read, features, ONNX, explain, write; ${storage})`, value: round(total), unit: 'ms' });
    figures.push({ name: '  the same, CPU time of the process (less sensitive to other load on the machine)', value: round(cpuMs(cpuStart)), unit: 'ms' });
    for (const [phase, ms] of Object.entries(engine.getStatus().phases ?? {})) figures.push({ name: `  of which ${phase}`, value: round(ms), unit: 'ms' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    gcObserver.disconnect();
    const semiSpace = process.execArgv.find((a) => a.startsWith('--max-semi-space-size')) ?? 'default semi-space';
    figures.push({ name: `  garbage collection on the scoring thread during it (${gcCount} collections, ${semiSpace})`, value: round(gcMs), unit: 'ms' });

    // The next day: only the assessments whose content changed are written (the demo book's data stops at asOf, so
    // most accounts' windows lose a day of data and their scores really change).
    now = new Date('2026-07-01T12:00:00Z');
    collectGarbage();
    const dayStart = performance.now();
    const dayCpu = process.cpuUsage();
    await engine.scoreAll();
    figures.push({ name: `rescore the ${scored} active accounts on a new day (${engine.getStatus().written ?? '?'} assessments changed and written; ${storage})`, value: round(performance.now() - dayStart), unit: 'ms' });
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
