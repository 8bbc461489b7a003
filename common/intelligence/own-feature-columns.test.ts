import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutpostDatabase } from '../db/create-database';
import { openTestDatabase } from '../db/testing/test-database';
import { exportTreesToOnnx } from '../ml/onnx/export-trees';
import { readOnnxMetadata } from '../ml/onnx/read-metadata';
import type { RiskAssessment } from '../model';
import { scoringCutoff } from './account-features';
import { APP_FEATURE_NAMES, appFeatures, bookCatalogue, featureLayout } from './catalogue-features';
import { catalogueDigestOf, catalogueFromDigest } from './catalogue-digest';
import { describeFeature } from './explanations';
import { type ModelArtifacts, openScorer } from './model-scorer';
import { readBookHistories } from './retrain-job';
import { connectScorer } from './scorer-worker';
import { ScoringEngine } from './scoring-engine';
import { catalogueBookCsv } from './testing/catalogue-book';
import { inProcessPort } from './testing/in-process-port';
import { importTeamBook, retrainImportedBook } from './testing/imported-book';
import { readCommittedArtifacts } from './testing/model-artifacts.node';

ort.env.wasm.numThreads = 1;
const shipped = readCommittedArtifacts();
const IMPORTED = new Date('2026-06-15T12:00:00Z');
const OWN = 'dashboards_shared';
let db: OutpostDatabase;

beforeAll(async () => {
  db = await openTestDatabase('own-feature-columns');
  // "Dashboards Shared" is none of the six product features: the team's own, and what drives its churn.
  const csv = catalogueBookCsv(360, 9, 'own');
  const { plan } = await importTeamBook(db, csv, IMPORTED);
  expect(plan.features.map((f) => [f.name, f.storedAs])).toEqual(expect.arrayContaining([['Dashboards Shared', OWN]]));
}, 120_000);
afterAll(async () => {
  await db.close();
});

describe("the team's own features as model columns", () => {
  it("a book whose churn follows its own feature → retrain → the model, its ONNX metadata, the engine and an account's reasons name it", async () => {
    const histories = await readBookHistories(db);
    expect(bookCatalogue(histories).ownFeatures).toEqual([OWN]);
    const result = retrainImportedBook(histories, shipped);
    const { trees, card } = result.files.models.churn;
    expect(card.features).toEqual(expect.arrayContaining([`usage_${OWN}_month`, `usage_${OWN}_trend`, 'usage_api_month']));
    expect(card.importance[0]!.feature).toMatch(new RegExp(`^usage_${OWN}_`));
    expect(card.metrics.rocAuc).toBeGreaterThan(0.75);
    const onnx = exportTreesToOnnx(trees, { modelVersion: card.onnxVersion, version: card.version });
    const info = readOnnxMetadata(onnx);
    expect(info.featureNames).toEqual(card.features);
    expect(info.featureNames).toContain(`usage_${OWN}_month`);
    expect(info.metadata['version']).toBe(card.version);

    const expansion = result.files.models.expansion;
    const artifacts: ModelArtifacts = {
      churn: { onnx, trees, version: card.version },
      expansion: { onnx: exportTreesToOnnx(expansion.trees, { modelVersion: expansion.card.onnxVersion, version: expansion.card.version }), trees: expansion.trees, version: expansion.card.version },
    };
    // The scorer takes the model (not PRED001) and says which own features the rows must hold.
    const direct = await openScorer(ort, artifacts);
    expect(direct.ownKeys).toEqual([OWN]);

    // The engine, on digests as the app scores, computes the own feature's columns and scores the book with the model.
    const now = new Date('2025-01-25T12:00:00Z');
    const engine = new ScoringEngine(db, { openScorer: () => openScorer(ort, artifacts), teamId: 'team-east', now: () => now, batchSize: 64 });
    try {
      await engine.scoreAll();
    } finally {
      await engine.dispose();
    }
    expect(engine.getStatus().state).toBe('ready');
    const stored = (await db.riskassessments.find().exec()).map((d) => d.toJSON() as RiskAssessment).filter((a) => a.risk !== null);
    expect(stored.length).toBeGreaterThan(20);
    // The same risks as the scorer on the raw history's rows in the model's layout.
    const byId = new Map(histories.map((h) => [h.account.id, h]));
    const cutoff = scoringCutoff(now);
    const rows = stored.flatMap((a) => [...appFeatures(byId.get(a.accountId)!, cutoff, byId.get(a.accountId)!.account.seatsPurchased, [OWN])]);
    const raw = await direct.score(Float32Array.from(rows), stored.length, 'path');
    expect(stored.map((a) => a.risk)).toEqual([...raw.churn].map((p) => Math.round(p * 100)));
    
    await direct.release();
    // The accounts at risk: the team's own feature is among their reasons, in words, and for most of them the first.
    const atRisk = stored.filter((a) => a.risk! >= 50);
    expect(atRisk.length).toBeGreaterThan(5);
    let first = 0;
    let named = 0;
    for (const a of atRisk) {
      const own = a.riskFactors.filter((f) => f.feature.startsWith(`usage_${OWN}_`));
      if (own.length > 0) named++;
      for (const f of own) {
        // A value, or (an account whose month did not report it) missing, said so: never shown as 0.
        if (f.value === null) expect(f.text).toMatch(/"dashboards_shared" .* unknown \(no data\)$/);
        else expect(f.text).toMatch(f.feature.endsWith('_month') ? /^\d+ events? of "dashboards_shared" last month$/ : /^[−+]\d+% change in "dashboards_shared" events vs\. 3 months before$/);
      }
      if (a.riskFactors[0]!.feature.startsWith(`usage_${OWN}_`)) first++;
    }
    expect(named / atRisk.length).toBeGreaterThan(0.75);
    expect(first / atRisk.length).toBeGreaterThan(0.5);

    // Through the worker protocol (as the app opens models): the own keys come back with the version, and the
    // scores are the same.
    const workerScorer = await connectScorer(inProcessPort(), {
      type: 'open',
      wasm: { bytes: new ArrayBuffer(0) },
      threads: 1,
      artifacts: {
        churn: { onnx: artifacts.churn.onnx.slice().buffer, trees, version: card.version },
        expansion: { onnx: artifacts.expansion.onnx.slice().buffer, trees: expansion.trees, version: expansion.card.version },
      },
    });
    expect(workerScorer.ownKeys).toEqual([OWN]);
    const viaWorker = await workerScorer.score(Float32Array.from(rows), stored.length, 'path');
    expect([...viaWorker.churn].map((p) => Math.round(p * 100))).toEqual(stored.map((a) => a.risk));
    await workerScorer.release();
  }, 180_000);

  it('the own columns: the digest path equals the raw path, their words, and the shipped models keep the fixed row', async () => {
    const histories = (await readBookHistories(db)).slice(0, 40);
    const layout = featureLayout([OWN]);
    const at = layout.catalogueSpecs.findIndex((s) => s.name === `usage_${OWN}_month`);
    expect(at).toBeGreaterThan(0);
    for (const h of histories) {
      const cutoff = Date.parse(h.revenue[0]!.date) - 30 * 86_400_000;
      const builtFor = cutoff - 20 * 86_400_000;
      const digest = JSON.parse(JSON.stringify(catalogueDigestOf(h, builtFor))) as ReturnType<typeof catalogueDigestOf>;
      const fromDigest = catalogueFromDigest(digest, cutoff, new Float64Array(layout.catalogueSpecs.length), [OWN]);
      const fromRaw = appFeatures(h, cutoff, h.account.seatsPurchased, [OWN]).subarray(layout.names.length - layout.catalogueSpecs.length);
      expect([...fromDigest]).toEqual([...fromRaw]);
      expect(Number.isNaN(fromRaw[at]!)).toBe(false);
    }
    expect(describeFeature(`usage_${OWN}_month`, 12)).toBe('12 events of "dashboards_shared" last month');
    expect(describeFeature(`usage_${OWN}_trend`, Number.NaN)).toBe('Change in "dashboards_shared" events vs. 3 months before unknown (no data)');
    // More own features than a row may have: refused by the layout, never scored wrong.
    expect(() => featureLayout(Array.from({ length: 25 }, (_, i) => `own_${i}`))).toThrow(/room for 24/);
    // The shipped models read no own feature: their rows stay the fixed APP_FEATURE_NAMES.
    const scorer = await openScorer(ort, shipped);
    expect(scorer.ownKeys).toEqual([]);
    expect(featureLayout(scorer.ownKeys).names).toEqual(APP_FEATURE_NAMES);
    await scorer.release();
  });
});

