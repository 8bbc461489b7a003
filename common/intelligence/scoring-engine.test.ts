import * as ort from 'onnxruntime-web';
import { firstValueFrom, filter } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RxCollection } from 'rxdb';
import type { OutpostDatabase } from '../db/create-database';
import { createSchemaValidator } from '../db/schema-validator';
import { stampChanges, stampNew } from '../db/stamp-writes';
import { openTestDatabase } from '../db/testing/test-database';
import { holdReactions } from '../db/write-hold';
import { seedDemoBook } from '../demo/seed-demo-book';
import { trainGradientBoostedTrees } from '../ml/gradient-boosted-trees';
import { exportTreesToOnnx } from '../ml/onnx/export-trees';
import { generateSyntheticData } from '../ml/testing/synthetic-data';
import { type Account, type Alert, type RiskAssessment, teamSettingId } from '../model';
import { canWrite } from '../sync/access-policy';
import { DEFAULT_ALERT_RULES } from './alert-rules';
import type { AlertFields } from './alert-rules';
import { rawQuery } from './engine-storage';
import { readCommittedArtifacts } from './testing/model-artifacts.node';
import { type ModelArtifacts, openScorer } from './model-scorer';
import type { EngineStatus } from './engine-options';
import { ScoringEngine } from './scoring-engine';

ort.env.wasm.numThreads = 1;

const asOf = '2026-06-30';
const now = () => new Date(`${asOf}T12:00:00Z`);
const TEAM = 'team-demo';
const artifacts = readCommittedArtifacts();
let db: OutpostDatabase | undefined;
let engine: ScoringEngine | undefined;

afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
  // The engine writes in a trusted context (no per-document validation), so everything it stored in any test here
  // is checked against the schemas instead.
  if (db) await expectStoredDocumentsConform(db);
  await db?.remove();
  db = undefined;
});

async function expectStoredDocumentsConform(book: OutpostDatabase): Promise<void> {
  for (const collection of [book.riskassessments, book.alerts] as unknown as RxCollection<{ id: string }>[]) {
    const validate = createSchemaValidator(collection.storageInstance.schema);
    const { stored } = await rawQuery(collection);
    for (const doc of stored) expect(validate(doc), `${collection.name} ${doc.id}`).toEqual([]);
  }
}

async function seededBook(accounts = 40): Promise<OutpostDatabase> {
  db = await openTestDatabase('scoring');
  await seedDemoBook(db, { accounts, seed: 5, asOf }, () => undefined);
  return db;
}

function newEngine(
  book: OutpostDatabase,
  models: ModelArtifacts = artifacts,
  extra: { statuses?: EngineStatus[]; raised?: AlertFields[] } = {},
  scoresAccount?: (account: Account) => boolean,
) {
  if (process.env.DEBUG_ENGINE) extra.statuses = { push: (s: EngineStatus) => console.log(JSON.stringify(s)) } as unknown as EngineStatus[];
  engine = new ScoringEngine(book, {
    openScorer: () => openScorer(ort, models),
    teamId: TEAM,
    now,
    batchSize: 16,
    onStatus: (s) => extra.statuses?.push(s),
    onAlertsRaised: (alerts) => extra.raised?.push(...alerts),
    ...(scoresAccount ? { scoresAccount } : {}),
  });
  return engine;
}

const usageScore = (a: RiskAssessment) => a.measures.find((m) => m.id === 'usage')?.score ?? -1;

async function assessments(book: OutpostDatabase): Promise<RiskAssessment[]> {
  return (await book.riskassessments.find().exec()).map((d) => d.toJSON() as RiskAssessment);
}

describe('scoring engine on a real local book', () => {
  it('scores every active account: health, risk, expansion, factors, model version; an unchanged rescore writes nothing', async () => {
    const book = await seededBook();
    const scoring = newEngine(book);
    await scoring.scoreAll();
    const active = (await book.accounts.find({ selector: { status: 'active' } }).exec()).length;
    const scored = await assessments(book);
    expect(scored.length).toBe(active);
    for (const a of scored) {
      expect(a.risk).toBeGreaterThanOrEqual(0);
      expect(a.risk).toBeLessThanOrEqual(100);
      expect(a.expansion).not.toBeNull();
      expect(a.modelVersion).toBe('churn-2026-06-30-s7 · expansion-2026-06-30-s7');
      expect(a.history).toEqual([{ date: asOf, health: a.health, risk: a.risk, expansion: a.expansion }]);
      expect(a.teamId).toBe(TEAM);
    }
    expect(scored.some((a) => a.riskFactors.length > 0 && a.riskFactors[0]!.text.length > 0)).toBe(true);
    expect(scoring.getStatus()).toMatchObject({ state: 'ready', done: active, total: active });

    const stamps = scored.map((a) => a.updatedAt);
    await scoring.scoreAll();
    expect((await assessments(book)).map((a) => a.updatedAt)).toEqual(stamps);
  });

  it('rescores an account by itself when its usage is edited', async () => {
    const book = await seededBook(12);
    const scoring = newEngine(book);
    await scoring.scoreAll();
    const stop = scoring.watch(20);
    // The account with the best usage score, so a collapse must show.
    const before = (await assessments(book)).sort((a, b) => usageScore(b) - usageScore(a))[0]!;
    expect(usageScore(before)).toBeGreaterThan(50);
    const account = { id: before.accountId };
    // Usage collapses: the last three months report a single active user a day.
    const months = (await book.usage.find({ selector: { accountId: account.id } }).exec()).sort((a, b) => b.month.localeCompare(a.month)).slice(0, 3);
    const changed = firstValueFrom(book.riskassessments.findOne(account.id).$.pipe(filter((d) => d !== null && d.health !== before.health)));
    for (const month of months) {
      const activeUsers = month.activeUsers.map((u) => (u === null ? null : 1));
      await month.incrementalPatch(stampChanges(month.fieldStamps, { activeUsers }));
    }
    const after = (await changed)!.toJSON() as RiskAssessment;
    expect(after.health!).toBeLessThan(before.health ?? 101);
    expect(usageScore(after)).toBeLessThan(usageScore(before));
    expect(after.risk).not.toBe(before.risk);
    stop();
  });

  it('while an import holds reactions, queues the accounts it writes and scores them once the hold ends', async () => {
    const book = await seededBook(12);
    const scoring = newEngine(book);
    await scoring.scoreAll();
    const stop = scoring.watch(20);
    const before = (await assessments(book)).sort((a, b) => usageScore(b) - usageScore(a))[0]!;
    const scoredAt: number[] = [];
    const sub = book.riskassessments.$.subscribe(() => scoredAt.push(Date.now()));
    const release = holdReactions(book);
    const months = (await book.usage.find({ selector: { accountId: before.accountId } }).exec()).sort((a, b) => b.month.localeCompare(a.month)).slice(0, 3);
    for (const month of months) await month.incrementalPatch(stampChanges(month.fieldStamps, { activeUsers: month.activeUsers.map((u) => (u === null ? null : 1)) }));
    // Many debounce periods later, still nothing rescored (a slow machine can only make this pass, never fail wrongly).
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(scoredAt).toEqual([]);
    const changed = firstValueFrom(book.riskassessments.findOne(before.accountId).$.pipe(filter((d) => d !== null && d.health !== before.health)));
    const releasedAt = Date.now();
    release();
    const after = (await changed)!.toJSON() as RiskAssessment;
    expect(usageScore(after)).toBeLessThan(usageScore(before));
    expect(scoredAt.every((t) => t >= releasedAt)).toBe(true);
    sub.unsubscribe();
    stop();
  });

  it('raises alerts from the team rules, notifies once, and keeps acknowledgements and "this alert was wrong"', async () => {
    const book = await seededBook(20);
    const raised: AlertFields[] = [];
    const scoring = newEngine(book, artifacts, { raised });
    await book.teamsettings.insert(
      stampNew({ id: teamSettingId(TEAM, 'alert-rules'), ownerId: 'me', teamId: TEAM, kind: 'alert-rules' as const, updatedBy: 'Test', value: { ...DEFAULT_ALERT_RULES, riskAbove: { enabled: true, threshold: 1, severity: 'critical' } } }),
    );
    await scoring.scoreAll();
    const active = (await book.accounts.find({ selector: { status: 'active' } }).exec()).length;
    const alerts = (await book.alerts.find({ selector: { rule: 'risk-above' } }).exec()).map((d) => d.toJSON() as Alert);
    expect(alerts.length).toBe(active);
    expect(alerts.every((a) => a.status === 'open' && a.severity === 'critical' && a.title.startsWith('Churn risk'))).toBe(true);
    expect(raised.filter((a) => a.rule === 'risk-above').length).toBe(active);

    const [first, second] = await book.alerts.find({ selector: { rule: 'risk-above' } }).exec();
    await first!.incrementalPatch(stampChanges(first!.fieldStamps, { status: 'acknowledged' as const, handledBy: 'You' }));
    await second!.incrementalPatch(stampChanges(second!.fieldStamps, { status: 'dismissed' as const, feedback: 'wrong' as const, feedbackAt: now().toISOString() }));
    raised.length = 0;
    await scoring.scoreAll();
    expect(raised.filter((a) => a.rule === 'risk-above')).toEqual([]);
    expect((await book.alerts.findOne(first!.id).exec())!.status).toBe('acknowledged');
    expect((await book.alerts.findOne(second!.id).exec())!.toJSON()).toMatchObject({ status: 'dismissed', feedback: 'wrong' });

    // Rules tightened: the condition is gone, open alerts resolve, handled ones stay as they were.
    const rules = (await book.teamsettings.findOne(teamSettingId(TEAM, 'alert-rules')).exec())!;
    await rules.incrementalPatch(stampChanges(rules.fieldStamps, { value: { ...DEFAULT_ALERT_RULES, riskAbove: { enabled: true, threshold: 100, severity: 'critical' } } }));
    await scoring.scoreAll();
    const statuses = (await book.alerts.find({ selector: { rule: 'risk-above' } }).exec()).map((d) => d.status);
    expect(statuses.filter((s) => s === 'resolved').length).toBe(active - 2);
  });

  it('reopens an alert whose snooze ended, and the app (RxDB documents) sees it reopened', async () => {
    const book = await seededBook(12);
    const scoring = newEngine(book);
    await book.teamsettings.insert(
      stampNew({ id: teamSettingId(TEAM, 'alert-rules'), ownerId: 'me', teamId: TEAM, kind: 'alert-rules' as const, updatedBy: 'Test', value: { ...DEFAULT_ALERT_RULES, riskAbove: { enabled: true, threshold: 1, severity: 'critical' } } }),
    );
    await scoring.scoreAll();
    const alert = (await book.alerts.findOne({ selector: { rule: 'risk-above' } }).exec())!;
    // Snoozed by a person (a revision above the engine's), until a moment already past when the engine runs again.
    await alert.incrementalPatch(stampChanges(alert.fieldStamps, { status: 'snoozed' as const, snoozedUntil: '2026-06-30T11:00:00.000Z' }));
    await alert.incrementalPatch(stampChanges(alert.getLatest().fieldStamps, { handledBy: 'You' }));
    expect((await book.alerts.findOne(alert.id).exec())!.status).toBe('snoozed');
    await scoring.scoreAll();
    const reopened = (await book.alerts.findOne(alert.id).exec())!;
    expect(reopened.status).toBe('open');
    expect(reopened.getLatest().status).toBe('open');
  });

  it('PRED001: with a model that cannot load it keeps the last stored predictions, updates health, says stale', async () => {
    const book = await seededBook(10);
    await newEngine(book).scoreAll();
    await engine!.dispose();
    const good = await assessments(book);
    const statuses: EngineStatus[] = [];
    const broken = { ...artifacts, churn: { ...artifacts.churn, onnx: artifacts.churn.onnx.slice(0, 500) } };
    const scoring = newEngine(book, broken, { statuses });
    await scoring.scoreAll();
    expect(scoring.getStatus()).toMatchObject({ state: 'stale', code: 'PRED001' });
    expect(scoring.getStatus().message).toMatch(/churn model could not be loaded/);
    const after = await assessments(book);
    expect(after.map((a) => [a.id, a.risk, a.expansion, a.modelVersion, a.predictedAt])).toEqual(good.map((a) => [a.id, a.risk, a.expansion, a.modelVersion, a.predictedAt]));
    expect(after.every((a) => a.healthBand !== undefined)).toBe(true);
  });

  it('ML001: when inference fails the scorecard still runs and the status says so', async () => {
    const book = await seededBook(10);
    const data = generateSyntheticData({ seed: 2, rows: 300, missingRate: 0 });
    const foreign = exportTreesToOnnx(trainGradientBoostedTrees(data, { trees: 3 }), { modelVersion: 1 });
    const scoring = newEngine(book, { ...artifacts, expansion: { ...artifacts.expansion, onnx: foreign } });
    await scoring.scoreAll();
    expect(scoring.getStatus()).toMatchObject({ state: 'scorecard-only', code: 'ML001' });
    const scored = await assessments(book);
    expect(scored.length).toBeGreaterThan(0);
    expect(scored.every((a) => a.risk === null && a.predictedAt === null && a.measures.length === 6)).toBe(true);
    expect(scored.some((a) => a.health !== null)).toBe(true);
  });
});

describe('which device scores an account', () => {
  it("on a team replica the device scores only its user's own accounts: the owner's device computes and pushes each assessment", async () => {
    const book = await seededBook(12);
    const ids = (await book.accounts.find({ selector: { status: 'active' } }).exec()).map((a) => a.id).sort();
    const colleagues = new Set(ids.filter((_, i) => i % 2 === 1));
    const owner = (id: string) => (colleagues.has(id) ? 'colleague' : 'me');
    for (const doc of await book.accounts.find().exec()) await doc.incrementalPatch({ ownerId: owner(doc.id) });
    const scoring = newEngine(book, artifacts, {}, (account) => account.ownerId === 'me');
    await scoring.scoreAll();
    const scored = (await assessments(book)).map((a) => a.accountId).sort();
    expect(scored).toEqual(ids.filter((id) => !colleagues.has(id)));
    // An edit of a colleague's account (arriving through sync, say) does not make this device score it either.
    await scoring.rescore([...colleagues]);
    expect((await assessments(book)).map((a) => a.accountId).sort()).toEqual(scored);
  });
});

describe('team settings access', () => {
  it('lets only an admin or the team CS Manager write team settings; reps may still write their own accounts', () => {
    const doc = { ownerId: 'rep-1', teamId: 't1' };
    expect(canWrite({ id: 'rep-1', role: 'cs-rep', teamId: 't1' }, null, doc, 'teamsettings')).toBe(false);
    expect(canWrite({ id: 'rep-1', role: 'cs-rep', teamId: 't1' }, null, doc, 'accounts')).toBe(true);
    expect(canWrite({ id: 'm', role: 'cs-manager', teamId: 't1' }, null, doc, 'teamsettings')).toBe(true);
    expect(canWrite({ id: 'm', role: 'cs-manager', teamId: 't2' }, null, doc, 'teamsettings')).toBe(false);
    expect(canWrite({ id: 'a', role: 'admin', teamId: null }, null, doc, 'teamsettings')).toBe(true);
  });
});
