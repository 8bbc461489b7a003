import * as ort from 'onnxruntime-web';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutpostDatabase } from '../db/create-database';
import { openTestDatabase } from '../db/testing/test-database';
import { seedDemoBook } from '../demo/seed-demo-book';
import type { RiskAssessment } from '../model';
import { decidePromotion } from './model-promotion';
import { openScorer } from './model-scorer';
import { readBookHistories, runRetrainJob } from './retrain-job';
import { ScoringEngine } from './scoring-engine';
import { promotedVersions, promoteModelVersion, readTeamModelSetting, restoreModelVersion, SHIPPED_VERSION } from './team-model';
import { teamModelArtifacts } from './team-model-artifacts';
import { readCommittedArtifacts } from './testing/model-artifacts.node';

ort.env.wasm.numThreads = 1;

const TEAM = 'team-demo';
const asOf = '2026-06-30';
const shipped = readCommittedArtifacts();
let db: OutpostDatabase | undefined;
let engine: ScoringEngine | undefined;
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
  await db?.remove();
  db = undefined;
});

const assessments = async (book: OutpostDatabase) => (await book.riskassessments.find().exec()).map((d) => d.toJSON() as RiskAssessment);

describe('retrain on the book in the local database, promote if better, restore', () => {
  it('retrains on the stored support-led book, promotes the better candidate, scores the book with it, and restores the shipped models', async () => {
    db = await openTestDatabase('team-model');
    await seedDemoBook(db, { accounts: 450, seed: 21, asOf, profile: 'support-led' }, () => undefined);
    const steps: string[] = [];
    const job = runRetrainJob(
      { histories: await readBookHistories(db), current: { churn: shipped.churn.trees, expansion: shipped.expansion.trees }, createdAt: '2026-06-30T18:00:00Z', seed: 1, leadDays: 30, data: 'test book' },
      (step) => steps.push(step),
    );
    expect(steps[0]).toBe('features');
    expect(steps).toContain('calibrate churn');
    const { candidate, current } = job.comparison.churn;
    console.log(`stored support-led book (${job.renewals} renewals): candidate ROC-AUC ${candidate.rocAuc.toFixed(3)} ECE ${candidate.expectedCalibrationError.toFixed(3)}; shipped ${current.rocAuc.toFixed(3)} / ${current.expectedCalibrationError.toFixed(3)}`);
    expect(candidate.rocAuc).toBeGreaterThan(current.rocAuc);

    // A rep cannot promote; a CS Manager can, because it is better.
    expect(decidePromotion({ candidate, current, role: 'cs-rep' }).promote).toBe(false);
    const decision = decidePromotion({ candidate, current, role: 'cs-manager' });
    expect(decision).toMatchObject({ promote: true, basis: 'better' });
    if (!decision.promote) return;

    // Scored with the shipped models first.
    const open = async () => openScorer(ort, (await teamModelArtifacts(db!, TEAM, shipped)).artifacts);
    engine = new ScoringEngine(db, { openScorer: open, teamId: TEAM, now: () => new Date(`${asOf}T12:00:00Z`), batchSize: 500 });
    await engine.scoreAll();
    const before = new Map((await assessments(db)).map((a) => [a.id, a]));
    expect([...before.values()].every((a) => a.modelVersion.startsWith('churn-2026-06-30-s7'))).toBe(true);

    await promoteModelVersion(db, TEAM, { ownerId: 'u-mgr', name: 'Mia Manager' }, job.files, decision);
    await engine.reloadModels();
    await engine.scoreAll();
    const after = await assessments(db);
    expect(after.every((a) => a.modelVersion === `${job.files.version} · ${job.files.models.expansion.card.version}`)).toBe(true);
    const changed = after.filter((a) => a.risk !== before.get(a.id)?.risk).length;
    expect(changed).toBeGreaterThan(after.length / 2);
    const setting = await readTeamModelSetting(db, TEAM);
    expect(setting?.history).toEqual([expect.objectContaining({ version: job.files.version, by: 'Mia Manager', basis: 'better' })]);
    expect(promotedVersions(setting)).toEqual([job.files.version, SHIPPED_VERSION]);

    // Restore the shipped models: the book is scored with them again; the promoted version stays restorable.
    await restoreModelVersion(db, TEAM, { ownerId: 'u-mgr', name: 'Mia Manager' }, SHIPPED_VERSION, 'Back to the shipped models for the QBR');
    await engine.reloadModels();
    await engine.scoreAll();
    const restored = await assessments(db);
    expect(restored.every((a) => a.risk === before.get(a.id)?.risk && a.modelVersion === before.get(a.id)?.modelVersion)).toBe(true);
    expect(promotedVersions(await readTeamModelSetting(db, TEAM))).toEqual([job.files.version, SHIPPED_VERSION]);
    await expect(restoreModelVersion(db, TEAM, { ownerId: 'u-mgr', name: 'Mia' }, 'team-churn-unknown', 'x')).rejects.toThrow(/not stored on this device/);
  }, 60_000);
});
