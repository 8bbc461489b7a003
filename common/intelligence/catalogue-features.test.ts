import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutpostDatabase } from '../db/create-database';
import { openTestDatabase } from '../db/testing/test-database';
import { exportTreesToOnnx } from '../ml/onnx/export-trees';
import { readOnnxMetadata } from '../ml/onnx/read-metadata';
import type { RiskAssessment } from '../model';
import { FEATURE_NAMES, scoringCutoff } from './account-features';
import { catalogueDigestOf, catalogueFromDigest } from './catalogue-digest';
import { ScoringEngine } from './scoring-engine';
import { APP_FEATURE_NAMES, appFeatures, bookCatalogue, catalogueFeatures, CATALOGUE_FEATURE_NAMES } from './catalogue-features';
import { openScorer, ScoringError } from './model-scorer';
import { readBookHistories } from './retrain-job';
import { catalogueBookCsv } from './testing/catalogue-book';
import { importTeamBook, retrainImportedBook } from './testing/imported-book';
import { handAccount, handActivity, handHistory, handUsage } from './testing/hand-built';
import { readCommittedArtifacts } from './testing/model-artifacts.node';

ort.env.wasm.numThreads = 1;
const shipped = readCommittedArtifacts();
const NOW = new Date('2026-06-15T12:00:00Z');
let db: OutpostDatabase;

beforeAll(async () => {
  db = await openTestDatabase('catalogue');
  const csv = catalogueBookCsv();
  const { refusals, setups, plan } = await importTeamBook(db, csv, NOW);
  expect(refusals).toEqual([]);
  expect(setups.map((s) => s.kind)).toEqual(['accounts', 'outcomes', 'events']);
  // The import learns the team's catalogue from its event names.
  expect(plan.features.map((f) => [f.name, f.storedAs])).toEqual(expect.arrayContaining([['API Call', 'api'], ['Report Exported', 'reports'], ['SSO Login', 'sso']]));
}, 120_000);
afterAll(async () => {
  await db.close();
});

describe("the team's own feature catalogue", () => {
  it('an imported book with its own catalogue → retrain → the model reads those features (ONNX metadata too) → the app scores with it', async () => {
    const histories = await readBookHistories(db);
    expect(bookCatalogue(histories)).toEqual({ productFeatures: ['reports', 'api', 'sso'], activityKinds: [], ownFeatures: [] });
    const result = retrainImportedBook(histories, shipped);
    const { trees, card } = result.files.models.churn;
    expect(card.features).toEqual(expect.arrayContaining(['usage_api_month', 'usage_api_trend', 'usage_reports_month', 'usage_sso_month']));
    expect(card.features.some((f) => f.startsWith('usage_dashboards'))).toBe(false);
    expect(card.features.some((f) => f.startsWith('activity_'))).toBe(false);
    // What drives this book's churn is one of its own features.
    expect(card.importance[0]!.feature).toMatch(/^usage_api_/);
    expect(card.metrics.rocAuc).toBeGreaterThan(0.8);
    const bytes = exportTreesToOnnx(trees, { modelVersion: card.onnxVersion, version: card.version });
    const info = readOnnxMetadata(bytes);
    expect(info.featureNames).toEqual(card.features);
    expect(info.metadata['version']).toBe(card.version);

    // The app's scorer takes the model (its features are ones the app computes) and scores the app's rows.
    const expansion = result.files.models.expansion;
    const artifacts = {
      churn: { onnx: bytes, trees, version: card.version },
      expansion: { onnx: exportTreesToOnnx(expansion.trees, { modelVersion: expansion.card.onnxVersion, version: expansion.card.version }), trees: expansion.trees, version: expansion.card.version },
    };
    const scorer = await openScorer(ort, artifacts, APP_FEATURE_NAMES);
    // Each account as the app would have scored it 30 days before its renewal.
    const rows = histories.slice(0, 50).map((h) => appFeatures(h, Date.parse(h.revenue.find((r) => r.kind === 'churn' || r.kind === 'renewal')!.date) - 30 * 86_400_000));
    const scores = await scorer.score(Float32Array.from(rows.flatMap((r) => [...r])), rows.length, 'path');
    expect(scores.churn.length).toBe(50);
    for (const p of scores.churn) expect(p).toBeGreaterThanOrEqual(0);
    // The accounts that went on to churn score higher than those that renewed.
    const churned = histories.slice(0, 50).map((h) => h.revenue.some((r) => r.kind === 'churn'));
    const mean = (flag: boolean) => {
      const picked = [...scores.churn].filter((_, i) => churned[i] === flag);
      return picked.reduce((a, b) => a + b, 0) / picked.length;
    };
    expect(mean(true)).toBeGreaterThan(mean(false) + 0.3);
    await scorer.release();

    // The engine (digests, as the app scores) computes the catalogue columns and scores the book with the model: the
    // same risk as the scorer on the raw-history features.
    const now = new Date('2025-01-25T12:00:00Z');
    const engine = new ScoringEngine(db, { openScorer: () => openScorer(ort, artifacts), teamId: 'team-east', now: () => now, batchSize: 64 });
    try {
      await engine.scoreAll();
    } finally {
      await engine.dispose();
    }
    const stored = (await db.riskassessments.find().exec()).map((d) => d.toJSON() as RiskAssessment).filter((a) => a.risk !== null);
    expect(stored.length).toBeGreaterThan(20);
    expect(stored.every((a) => a.modelVersion.includes(card.version))).toBe(true);
    const byId = new Map(histories.map((h) => [h.account.id, h]));
    const direct = await openScorer(ort, artifacts);
    const cutoffNow = scoringCutoff(now);
    const raw = await direct.score(Float32Array.from(stored.flatMap((a) => [...appFeatures(byId.get(a.accountId)!, cutoffNow)])), stored.length, 'path');
    expect(stored.map((a) => a.risk)).toEqual([...raw.churn].map((p) => Math.round(p * 100)));
    await direct.release();
    // The team's own feature drives this model, so the accounts' reasons name it, in words made from its spec.
    // The team's own feature drives this model, so the reasons of the accounts at risk name it first, in words made
    // from its spec (before, only the fourteen core features were ever explained).
    const atRisk = stored.filter((a) => a.risk! >= 50);
    expect(atRisk.length).toBeGreaterThan(5);
    for (const a of atRisk) {
      const top = a.riskFactors[0]!;
      expect(top.feature).toMatch(/^usage_api_(month|trend)$/);
      expect(top.points).toBeGreaterThan(10);
      expect(top.text).toMatch(top.feature.endsWith('_month') ? /^\d+ events? of "api" last month$/ : /^[−+]\d+% change in "api" events vs\. 3 months before$/);
    }
    // A layout without the catalogue columns cannot compute the model: refused by name, never scored wrong.
    await expect(openScorer(ort, artifacts, FEATURE_NAMES)).rejects.toThrow(ScoringError);
  }, 120_000);

  it('the digest path gives the catalogue columns of the raw history at every later cutoff', async () => {
    const histories = await readBookHistories(db);
    const DAY = 86_400_000;
    const builtFor = Date.parse('2024-09-10T00:00:00Z');
    let compared = 0;
    for (const h of histories.slice(0, 200)) {
      const digest = JSON.parse(JSON.stringify(catalogueDigestOf(h, builtFor))) as ReturnType<typeof catalogueDigestOf>;
      for (const days of [0, 1, 20, 45, 95, 200]) {
        const cutoff = builtFor + days * DAY;
        const fromDigest = catalogueFromDigest(digest, cutoff, new Float64Array(CATALOGUE_FEATURE_NAMES.length));
        expect([...fromDigest]).toEqual([...catalogueFeatures(h, cutoff)]);
        compared++;
      }
    }
    expect(compared).toBe(1200);
  });

  it('a product feature with no data stays missing (NaN), not 0; activity counts are NaN only without any activity', () => {
    const account = handAccount({ id: 'x' });
    const history = handHistory({
      account,
      usage: [handUsage('x', '2026-02', 10, { api: 40, reports: 0 }), handUsage('x', '2026-05', 10, { api: 20, reports: 3 })],
    });
    const cutoff = Date.parse('2026-06-10T00:00:00Z');
    const row = catalogueFeatures(history, cutoff);
    const at = (name: string) => row[CATALOGUE_FEATURE_NAMES.indexOf(name)]!;
    expect(at('usage_api_month')).toBe(20);
    expect(at('usage_api_trend')).toBeCloseTo(-0.5);
    expect(at('usage_reports_month')).toBe(3);
    expect(at('usage_reports_trend')).toBeNaN(); // 0 three months before: no ratio
    expect(at('usage_sso_month')).toBeNaN(); // never reported: unknown, not 0
    expect(at('usage_sso_trend')).toBeNaN();
    expect(at('activity_call_90d')).toBeNaN(); // no activity at all
    const withCall = catalogueFeatures({ ...history, activities: [handActivity('x', 'call', '2026-05-20T10:00:00Z')] }, cutoff);
    expect(withCall[CATALOGUE_FEATURE_NAMES.indexOf('activity_call_90d')]).toBe(1);
    expect(withCall[CATALOGUE_FEATURE_NAMES.indexOf('activity_qbr_90d')]).toBe(0);
    // The whole row: the core features first, unchanged.
    expect(appFeatures(history, cutoff).length).toBe(FEATURE_NAMES.length + CATALOGUE_FEATURE_NAMES.length);
  });
});
