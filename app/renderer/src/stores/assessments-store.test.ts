import * as ort from 'onnxruntime-web';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createOutpostDatabase, type OutpostDatabase } from '../../../../common/db/create-database';
import { openTestDatabase } from '../../../../common/db/testing/test-database';
import { stampChanges, stampNew } from '../../../../common/db/stamp-writes';
import { openScorer } from '../../../../common/intelligence/model-scorer';
import { ScoringEngine } from '../../../../common/intelligence/scoring-engine';
import { handAccount, handActivity, handUsage } from '../../../../common/intelligence/testing/hand-built';
import { readCommittedArtifacts } from '../../../../common/intelligence/testing/model-artifacts.node';
import type { RiskAssessment } from '../../../../common/model';
import { bindAssessmentsStore, startupScored, useAssessmentsStore } from './assessments-store';

ort.env.wasm.numThreads = 1;

let db: OutpostDatabase | undefined;
let unbind: (() => void) | undefined;
let engine: ScoringEngine | undefined;

afterEach(async () => {
  unbind?.();
  await engine?.dispose();
  await db?.remove();
  db = undefined;
  unbind = undefined;
  engine = undefined;
});

const assessment = (accountId: string, risk: number): RiskAssessment =>
  stampNew({
    id: accountId, accountId, ownerId: 'u-ann', teamId: 'team', scoredAt: '2026-03-01T00:00:00.000Z', health: 70, healthBand: 'green' as const,
    measures: [], churnProbability: risk / 100, risk, expansion: 40, riskFactors: [], expansionFactors: [], modelVersion: 'm1',
    predictedAt: '2026-03-01T00:00:00.000Z', history: [{ date: '2026-03-01', health: 70, risk, expansion: 40 }],
  }) as unknown as RiskAssessment;

/** The store's state once `accountId`'s stored assessment is as `done` wants it. */
const until = (accountId: string, done: (a: RiskAssessment | undefined) => boolean) =>
  new Promise<ReturnType<typeof useAssessmentsStore.getState>>((resolve) => {
    const check = (s: ReturnType<typeof useAssessmentsStore.getState>) => done(s.byAccount.get(accountId)) && (off(), resolve(s), true);
    const off = useAssessmentsStore.subscribe(check);
    check(useAssessmentsStore.getState());
  });

describe('the scores store', () => {
  const opened = openTestDatabase('assessments-store');
  afterAll(async () => (await opened).close());

  it('keeps the same scores map (and revision) when only an account\'s factors are stored, and a new one when a score changes', async () => {
    const db = await opened;
    await db.riskassessments.bulkInsert([assessment('a1', 20), assessment('a2', 60)]);
    const unbind = bindAssessmentsStore(db);
    try {
      const first = await until('a2', (a) => a !== undefined);
      expect(first.byAccount.get('a1')?.risk).toBe(20);

      // Opening an account stores its exact factors: the factors change, no score does.
      const doc = await db.riskassessments.findOne('a1').exec();
      const factors = [{ feature: 'logins', value: 3, points: 12, text: 'Logins fell' }];
      await doc!.incrementalPatch({ riskFactors: factors });
      const afterFactors = await until('a1', (a) => a?.riskFactors.length === 1);
      expect(afterFactors.byAccount).not.toBe(first.byAccount);
      expect(afterFactors.revision).toBe(first.revision);
      expect(afterFactors.scores).toBe(first.scores);
      expect(afterFactors.scores.get('a1')?.risk).toBe(20);

      // A score that changes gives a new scores map and revision.
      const again = await db.riskassessments.findOne('a1').exec();
      await again!.incrementalPatch({ risk: 35, churnProbability: 0.35 });
      const afterRisk = await until('a1', (a) => a?.risk === 35);
      expect(afterRisk.scores).not.toBe(first.scores);
      expect(afterRisk.scores.get('a1')?.risk).toBe(35);
      expect(afterRisk.revision).toBe(first.revision + 1);
    } finally {
      unbind();
    }
  });
});

describe('the scores view (assessments store)', () => {
  it('reads the book once, then applies only the assessments written; the feature digests (local documents) are not assessments', async () => {
    db = await createOutpostDatabase({ name: `assessments-store-${process.pid}-${Date.now()}`, storage: getRxStorageMemory(), validate: true });
    const ids = ['a-1', 'a-2', 'a-3', 'a-4'];
    await db.accounts.bulkInsert(ids.map((id) => handAccount({ id, externalId: id, name: id, seatsPurchased: 50, seatsActive: 20 })));
    await db.usage.bulkInsert(ids.flatMap((id) => ['2026-05', '2026-06'].map((month) => handUsage(id, month, 20))));
    await db.activities.bulkInsert(ids.map((id) => handActivity(id, 'call', '2026-06-20T10:00:00.000Z')));
    engine = new ScoringEngine(db, { openScorer: () => openScorer(ort, readCommittedArtifacts()), teamId: 'local', now: () => new Date('2026-07-01T12:00:00Z') });
    await engine.scoreAll();

    unbind = bindAssessmentsStore(db);
    await vi.waitFor(() => expect(useAssessmentsStore.getState().byAccount.size).toBe(ids.length));
    const before = useAssessmentsStore.getState().byAccount;

    // One assessment changes: the view has it, and the others are the very objects it read before (not read again).
    const doc = (await db.riskassessments.findOne('a-2').exec())!;
    await doc.incrementalPatch(stampChanges(doc.fieldStamps, { health: 12 }));
    await vi.waitFor(() => expect(useAssessmentsStore.getState().byAccount.get('a-2')?.health).toBe(12));
    const after = useAssessmentsStore.getState().byAccount;
    expect(after).not.toBe(before);
    for (const id of ['a-1', 'a-3', 'a-4']) expect(after.get(id)).toBe(before.get(id));

    // Rebuilding every feature digest writes local documents only: the view reads nothing again for them. A later
    // write shows it: once it is in, the other accounts are still the objects read at first.
    await engine.refreshDigests(true);
    const marker = (await db.riskassessments.findOne('a-4').exec())!;
    await marker.incrementalPatch(stampChanges(marker.fieldStamps, { health: 13 }));
    await vi.waitFor(() => expect(useAssessmentsStore.getState().byAccount.get('a-4')?.health).toBe(13));
    for (const id of ['a-1', 'a-3']) expect(useAssessmentsStore.getState().byAccount.get(id)).toBe(before.get(id));

    // A removed assessment leaves the view.
    await (await db.riskassessments.findOne('a-3').exec())!.remove();
    await vi.waitFor(() => expect(useAssessmentsStore.getState().byAccount.has('a-3')).toBe(false));
    expect(useAssessmentsStore.getState().byAccount.size).toBe(3);
  }, 60_000);
});

describe('the start-up scoring', () => {
  it('startupScored resolves only once the start-up run has ended (the playbook engine starts after it)', async () => {
    useAssessmentsStore.setState({ startupScored: false });
    let resolved = false;
    const waiting = startupScored().then(() => (resolved = true));
    useAssessmentsStore.setState({ revision: useAssessmentsStore.getState().revision + 1 });
    await Promise.resolve();
    expect(resolved).toBe(false);
    useAssessmentsStore.setState({ startupScored: true });
    await waiting;
    expect(resolved).toBe(true);
    await startupScored();
    useAssessmentsStore.setState({ startupScored: false });
  });
});
