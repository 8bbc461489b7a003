import * as ort from 'onnxruntime-web';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOutpostDatabase, type OutpostDatabase } from '../../../../common/db/create-database';
import { stampChanges } from '../../../../common/db/stamp-writes';
import { openScorer } from '../../../../common/intelligence/model-scorer';
import { ScoringEngine } from '../../../../common/intelligence/scoring-engine';
import { handAccount, handActivity, handUsage } from '../../../../common/intelligence/testing/hand-built';
import { readCommittedArtifacts } from '../../../../common/intelligence/testing/model-artifacts.node';
import { bindAssessmentsStore, useAssessmentsStore } from './assessments-store';

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

    // Rebuilding every feature digest writes local documents only: the view does not change.
    const revision = useAssessmentsStore.getState().revision;
    await engine.refreshDigests(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(useAssessmentsStore.getState().revision).toBe(revision);

    // A removed assessment leaves the view.
    await (await db.riskassessments.findOne('a-3').exec())!.remove();
    await vi.waitFor(() => expect(useAssessmentsStore.getState().byAccount.has('a-3')).toBe(false));
    expect(useAssessmentsStore.getState().byAccount.size).toBe(3);
  }, 60_000);
});
