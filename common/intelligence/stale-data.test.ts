import * as ort from 'onnxruntime-web';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutpostDatabase } from '../db/create-database';
import { stampNew } from '../db/stamp-writes';
import { openTestDatabase } from '../db/testing/test-database';
import { seedDemoBook } from '../demo/seed-demo-book';
import type { Activity, RiskAssessment } from '../model';
import { openScorer } from './model-scorer';
import { ScoringEngine } from './scoring-engine';
import { readCommittedArtifacts } from './testing/model-artifacts.node';

ort.env.wasm.numThreads = 1;

let db: OutpostDatabase | undefined;
let engine: ScoringEngine | undefined;
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
  await db?.remove();
  db = undefined;
});

const assessments = async (book: OutpostDatabase) => (await book.riskassessments.find().exec()).map((d) => d.toJSON() as RiskAssessment);

describe('accounts whose data is older than the feature windows', () => {
  it('get "not enough recent data" instead of a confident score, raise no risk alert, and score again once recent data arrives', async () => {
    // A book whose history ends on 30 June, scored in January: like an imported book of last year's data.
    db = await openTestDatabase('stale');
    await seedDemoBook(db, { accounts: 20, seed: 5, asOf: '2026-06-30' }, () => undefined);
    let now = new Date('2027-01-15T12:00:00Z');
    engine = new ScoringEngine(db, { openScorer: () => openScorer(ort, readCommittedArtifacts()), teamId: 'team-demo', now: () => now, batchSize: 8 });
    await engine.scoreAll();
    const stale = await assessments(db);
    expect(stale.length).toBeGreaterThan(10);
    for (const a of stale) {
      expect(a).toMatchObject({ dataState: 'not-enough-recent-data', risk: null, expansion: null, churnProbability: null, riskFactors: [] });
      expect(a.history.at(-1)).toMatchObject({ risk: null, expansion: null });
    }
    const riskAlerts = (await db.alerts.find().exec()).filter((a) => a.rule.includes('risk'));
    expect(riskAlerts).toEqual([]);

    // A call logged this week: the account has recent data again and gets a model score, and the state is cleared.
    const account = stale[0]!;
    const call: Activity = stampNew({
      id: `${account.accountId}:call-new`,
      externalId: '',
      accountId: account.accountId,
      ownerId: account.ownerId,
      teamId: account.teamId,
      type: 'call',
      occurredAt: '2027-01-12T10:00:00.000Z',
      subject: 'Check-in',
      body: '',
      actorName: 'CSM',
      result: 'Connected',
    });
    await db.activities.insert(call);
    now = new Date('2027-01-15T13:00:00Z');
    await engine.rescore([account.accountId]);
    const rescored = (await db.riskassessments.findOne(account.accountId).exec())!.toJSON() as RiskAssessment;
    expect(rescored.risk).not.toBeNull();
    expect(rescored.dataState).toBeUndefined();
  }, 30_000);
});
