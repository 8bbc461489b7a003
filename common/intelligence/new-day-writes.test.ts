import * as ort from 'onnxruntime-web';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutpostDatabase, type OutpostDatabase } from '../db/create-database';
import { stampChanges, stampNew } from '../db/stamp-writes';
import { type RiskAssessment, teamSettingId } from '../model';
import { factorAsOf } from './assessment';
import { openScorer } from './model-scorer';
import { DEFAULT_SCORECARD } from './scorecard';
import { ScoringEngine } from './scoring-engine';
import { handAccount, handActivity, handContact, handRevenue, handUsage } from './testing/hand-built';
import { readCommittedArtifacts } from './testing/model-artifacts.node';

ort.env.wasm.numThreads = 1;

// A steady book: every account's daily users are the same every day, its last touch was on 1 June (no tree of the shipped models splits between 30 and 33 days) and nothing else
// falls out of a window between 1 and 3 July. A new day then changes nothing but the date, and the engine must not
// rewrite (and so sync) every assessment for it. Real RxDB (memory storage, schema validation on, as the app writes).
const ACCOUNTS = 30;
const MONTHS = ['2026-03', '2026-04', '2026-05', '2026-06', '2026-07'];
const FEATURES = { dashboards: 40, reports: 12, integrations: 3 };
let now = new Date('2026-07-01T12:00:00Z');
let db: OutpostDatabase | undefined;
let engine: ScoringEngine | undefined;

afterEach(async () => {
  await engine?.dispose();
  await db?.remove();
  engine = undefined;
  db = undefined;
});

const idOf = (i: number) => `steady-${String(i).padStart(2, '0')}`;

async function steadyBook(): Promise<OutpostDatabase> {
  db = await createOutpostDatabase({ name: `new-day-${process.pid}-${Date.now()}`, storage: getRxStorageMemory(), validate: true });
  const ids = Array.from({ length: ACCOUNTS }, (_, i) => idOf(i));
  await db.accounts.bulkInsert(ids.map((id, i) => handAccount({ id, externalId: id, name: `Steady ${i}`, seatsPurchased: 100, seatsActive: 20 + 2 * i, mrr: 1000 + 150 * i })));
  await db.usage.bulkInsert(ids.flatMap((id, i) => MONTHS.map((month) => handUsage(id, month, 20 + 2 * i, FEATURES))));
  await db.activities.bulkInsert(ids.map((id) => handActivity(id, touchKind(id), '2026-06-01T10:00:00.000Z')));
  await db.revenue.bulkInsert(ids.map((id, i) => handRevenue(id, 'renewal', '2025-01-01', 1000 + 150 * i)));
  await db.contacts.bulkInsert(ids.flatMap((id) => [handContact(id, 'champion'), handContact(id, 'executive_sponsor')]));
  return db;
}

/** Calls for half the book, emails for the rest. */
function touchKind(id: string): 'call' | 'email' {
  return Number(id.slice(-2)) % 2 === 0 ? 'call' : 'email';
}

/** The assessment ids written while `run` ran (every write of a document emits one change event). */
async function writesDuring(book: OutpostDatabase, run: () => Promise<void>): Promise<string[]> {
  const written: string[] = [];
  // Local documents (the feature digests) emit on the same stream; only the assessments count here.
  const subscription = book.riskassessments.$.subscribe((event) => {
    if (!event.isLocal) written.push(event.documentId);
  });
  try {
    await run();
  } finally {
    subscription.unsubscribe();
  }
  return written.sort();
}

async function stored(book: OutpostDatabase): Promise<Map<string, RiskAssessment>> {
  return new Map((await book.riskassessments.find().exec()).map((d) => [d.id, d.toJSON() as RiskAssessment]));
}

describe('the rescore on a new day writes only the assessments that changed', () => {
  it('writes nothing when a day passes and nothing changed, and only the changed accounts when a few did', async () => {
    const book = await steadyBook();
    engine = new ScoringEngine(book, { openScorer: () => openScorer(ort, readCommittedArtifacts()), teamId: 'local', now: () => now, batchSize: 8 });

    const first = await writesDuring(book, () => engine!.scoreAll());
    expect(first).toHaveLength(ACCOUNTS);
    const day1 = await stored(book);
    // The book really is scored, and "last touch" is among the factors whose stored value ages.
    expect([...day1.values()].every((a) => a.risk !== null && a.health !== null && a.history.length === 1)).toBe(true);
    expect([...day1.values()].some((a) => a.riskFactors.some((f) => f.feature === 'days_since_touch'))).toBe(true);

    // A new day, nothing changed: nothing written.
    now = new Date('2026-07-02T12:00:00Z');
    expect(await writesDuring(book, () => engine!.scoreAll())).toEqual([]);
    const day2 = await stored(book);
    for (const [id, a] of day1) expect(day2.get(id)).toEqual(a);
    // A stored touch factor reads as of today: one day older than when it was stored.
    const touch = [...day2.values()].flatMap((a) => a.riskFactors.map((f) => ({ f, a }))).find(({ f }) => f.feature === 'days_since_touch')!;
    expect(factorAsOf(touch.f, touch.a.scoredAt, '2026-07-02').value).toBe(touch.f.value! + 1);
    expect(factorAsOf(touch.f, touch.a.scoredAt, '2026-07-02').text).toBe(`last touch ${Math.round(touch.f.value! + 1)} days ago`);

    // The next day three accounts' usage is corrected: it collapsed in June and July: only those three are written.
    const changed = [idOf(3), idOf(11), idOf(24)];
    for (const id of changed) {
      for (const month of ['2026-06', '2026-07']) {
        const usage = (await book.usage.findOne(`${id}:${month}`).exec())!;
        await usage.incrementalPatch(stampChanges(usage.fieldStamps, { activeUsers: usage.activeUsers.map(() => 1) }));
      }
    }
    now = new Date('2026-07-03T12:00:00Z');
    expect(await writesDuring(book, () => engine!.scoreAll())).toEqual(changed);
    const day3 = await stored(book);
    for (const id of changed) {
      const a = day3.get(id)!;
      expect([a.health, a.risk]).not.toEqual([day1.get(id)!.health, day1.get(id)!.risk]);
      // A change point for the day it changed, after the first day's.
      expect(a.history.map((p) => p.date)).toEqual(['2026-07-01', '2026-07-03']);
      expect(a.history.at(-1)).toEqual({ date: '2026-07-03', health: a.health, risk: a.risk, expansion: a.expansion });
    }
    for (const [id, a] of day1) if (!changed.includes(id)) expect(day3.get(id)).toEqual(a);
  }, 60_000);

  it('after a scorecard change, writes every health it moves, even by a point: a new day compares by drift only under the same settings', async () => {
    const book = await steadyBook();
    engine = new ScoringEngine(book, { openScorer: () => openScorer(ort, readCommittedArtifacts()), teamId: 'local', now: () => now, batchSize: 8 });
    now = new Date('2026-07-01T12:00:00Z');
    await engine.scoreAll();
    const day1 = await stored(book);

    // The next day, usage weighs a little more: most health scores move by a point or two.
    const measures = { ...DEFAULT_SCORECARD.measures, usage: { ...DEFAULT_SCORECARD.measures.usage, weight: 40 } };
    await book.teamsettings.insert(
      stampNew({ id: teamSettingId('local', 'scorecard'), ownerId: 'me', teamId: 'local', kind: 'scorecard' as const, updatedBy: 'Test', value: { ...DEFAULT_SCORECARD, measures } }),
    );
    now = new Date('2026-07-02T12:00:00Z');
    const written = await writesDuring(book, () => engine!.scoreAll());
    const day2 = await stored(book);
    // Moves of a point or two within the band are written too…
    expect(written.some((id) => Math.abs(day2.get(id)!.health! - day1.get(id)!.health!) < 5 && day2.get(id)!.healthBand === day1.get(id)!.healthBand)).toBe(true);
    // …so rescoring every account exactly (as after an edit) finds nothing left to write.
    expect(await writesDuring(book, () => engine!.rescore([...day1.keys()]))).toEqual([]);

    // The day after, same settings, nothing changed: nothing written.
    now = new Date('2026-07-03T12:00:00Z');
    expect(await writesDuring(book, () => engine!.scoreAll())).toEqual([]);
  }, 60_000);
});
