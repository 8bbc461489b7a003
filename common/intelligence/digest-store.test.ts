import * as ort from 'onnxruntime-web';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutpostDatabase } from '../db/create-database';
import { stampChanges, stampNew } from '../db/stamp-writes';
import { openTestDatabase } from '../db/testing/test-database';
import { seedDemoBook } from '../demo/seed-demo-book';
import type { Account, Activity, Contact, RevenueEvent, RiskAssessment, UsageMonth } from '../model';
import { accountFeatures, scoringCutoff } from './account-features';
import { DigestStore } from './digest-store';
import { alignById } from './engine-storage';
import { changesSince } from './source-changes';
import { featuresFromDigest } from './feature-digest';
import { readCommittedArtifacts } from './testing/model-artifacts.node';
import { openScorer } from './model-scorer';
import { ScoringEngine } from './scoring-engine';

ort.env.wasm.numThreads = 1;

const asOf = '2026-06-30';
const now = () => new Date(`${asOf}T12:00:00Z`);
const cutoff = scoringCutoff(now());
const artifacts = readCommittedArtifacts();
let db: OutpostDatabase | undefined;
const engines: ScoringEngine[] = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.dispose();
  await db?.remove();
  db = undefined;
});

function newEngine(book: OutpostDatabase): ScoringEngine {
  const engine = new ScoringEngine(book, { openScorer: () => openScorer(ort, artifacts), teamId: 'team-demo', now, batchSize: 16 });
  engines.push(engine);
  return engine;
}

const plain = <T>(docs: { toJSON(): unknown }[]) => docs.map((d) => d.toJSON() as T);

/** The reference: features computed from the raw history as it is in the book now. */
async function rawFeatures(book: OutpostDatabase, account: Account): Promise<Float64Array> {
  const selector = { accountId: account.id };
  return accountFeatures(
    {
      account,
      contacts: plain<Contact>(await book.contacts.find({ selector }).exec()),
      usage: plain<UsageMonth>(await book.usage.find({ selector }).exec()),
      activities: plain<Activity>(await book.activities.find({ selector }).exec()),
      revenue: plain<RevenueEvent>(await book.revenue.find({ selector }).exec()),
    },
    cutoff,
  );
}

async function expectDigestsMatchRaw(book: OutpostDatabase): Promise<void> {
  const accounts = plain<Account>(await book.accounts.find({ selector: { status: 'active' } }).exec());
  const { digests, refresh } = await new DigestStore(book).refresh(accounts, cutoff);
  expect(refresh.mode).toBe('none'); // nothing left to fold in
  for (const [i, account] of accounts.entries()) {
    expect(digests[i]!.accountId).toBe(account.id);
    expect(Array.from(featuresFromDigest(digests[i]!, account, cutoff)), account.id).toEqual(Array.from(await rawFeatures(book, account)));
  }
}

const assessments = async (book: OutpostDatabase) => new Map(plain<RiskAssessment>(await book.riskassessments.find().exec()).map((a) => [a.id, a]));

describe('feature digests in the local book', () => {
  it('are rebuilt for exactly the accounts whose usage, activities, contacts or revenue changed while no engine ran', async () => {
    db = await openTestDatabase('digests');
    const book = db;
    await seedDemoBook(book, { accounts: 24, seed: 9, asOf }, () => undefined);
    const first = newEngine(book);
    expect(await first.refreshDigests()).toMatchObject({ mode: 'full' });
    await first.scoreAll();
    expect(first.lastRefresh).toMatchObject({ mode: 'none', rebuilt: 0 });
    await first.dispose();
    const before = await assessments(book);

    // Five accounts, five kinds of edits, made with no engine watching (as a sync pull at start-up would).
    const [a, b, c, d, e] = [...before.keys()].sort();
    const months = (await book.usage.find({ selector: { accountId: a! } }).exec()).sort((x, y) => y.month.localeCompare(x.month)).slice(0, 3);
    for (const month of months) await month.incrementalPatch(stampChanges(month.fieldStamps, { activeUsers: month.activeUsers.map((u) => (u === null ? null : 0)) }));
    await book.activities.insert(
      stampNew({
        id: 'act-new-ticket', externalId: '', accountId: b!, ownerId: 'me', teamId: 'team-demo', type: 'support_ticket' as const, occurredAt: '2026-06-29T09:00:00.000Z',
        subject: 'Outage', body: '', actorName: 'You', result: '', ticket: { severity: 'urgent' as const, status: 'open' as const },
      }),
    );
    for (const contact of await book.contacts.find({ selector: { accountId: c! } }).exec()) {
      if (contact.status === 'active') await contact.incrementalPatch(stampChanges(contact.fieldStamps, { status: 'departed' as const, departedOn: '2026-06-20' }));
    }
    for (const date of ['2026-04-01', '2026-05-01', '2026-06-01']) {
      await book.revenue.insert(
        stampNew({ id: `rev-failed-${date}`, externalId: '', accountId: d!, ownerId: 'me', teamId: 'team-demo', kind: 'payment_failed' as const, date, amount: 100, mrrAfter: 100, note: '' }),
      );
    }
    const recent = (await book.usage.find({ selector: { accountId: e! } }).exec()).sort((x, y) => y.month.localeCompare(x.month)).slice(0, 4);
    for (const month of recent) await month.remove(); // a deletion is a change too

    const second = newEngine(book);
    await second.scoreAll();
    expect(second.lastRefresh).toMatchObject({ mode: 'accounts', rebuilt: 5 });
    const after = await assessments(book);
    for (const id of [a!, b!, c!, d!, e!]) expect(after.get(id)!.updatedAt, id).not.toBe(before.get(id)!.updatedAt);
    for (const id of before.keys()) if (![a, b, c, d, e].includes(id)) expect(after.get(id)!.updatedAt, id).toBe(before.get(id)!.updatedAt);
    await expectDigestsMatchRaw(book);

    // The same scores as rebuilding every digest from the raw history: a full rebuild writes nothing new.
    expect(await second.refreshDigests(true)).toMatchObject({ mode: 'full' });
    await second.scoreAll();
    expect(await assessments(book)).toEqual(after);
  });

  it('are rebuilt for an account edited while the engine watches, and a later full run agrees', async () => {
    db = await openTestDatabase('digests');
    const book = db;
    await seedDemoBook(book, { accounts: 8, seed: 3, asOf }, () => undefined);
    const engine = newEngine(book);
    await engine.scoreAll();
    const id = [...(await assessments(book)).keys()].sort()[0]!;
    const month = (await book.usage.find({ selector: { accountId: id } }).exec()).sort((x, y) => y.month.localeCompare(x.month))[0]!;
    await month.incrementalPatch(stampChanges(month.fieldStamps, { activeUsers: month.activeUsers.map((u) => (u === null ? null : 999)) }));
    await engine.rescore([id]); // what the watcher does
    const rescored = (await assessments(book)).get(id)!;
    await engine.scoreAll();
    expect(engine.lastRefresh).toMatchObject({ mode: 'accounts', rebuilt: 1 });
    expect((await assessments(book)).get(id)).toEqual(rescored);
    await expectDigestsMatchRaw(book);
  });

  it('folds in a bulk write larger than a page, whose documents all share one last-write time', async () => {
    db = await openTestDatabase('digests');
    const book = db;
    await seedDemoBook(book, { accounts: 10, seed: 4, asOf }, () => undefined);
    const store = new DigestStore(book);
    const accounts = plain<Account>(await book.accounts.find().exec());
    expect((await store.refresh(accounts, cutoff)).refresh.mode).toBe('full');
    // 1,200 usage months in one bulk write (one lwt): later months, a page of changes is 500 documents.
    const months = Array.from({ length: 120 }, (_, i) => new Date(Date.UTC(2027, i, 1)).toISOString().slice(0, 7));
    const docs = accounts.flatMap((account) =>
      months.map((month) => stampNew({ id: `${account.id}:${month}`, accountId: account.id, ownerId: account.ownerId, teamId: account.teamId, month, activeUsers: Array.from({ length: 28 }, () => 1), featureEvents: {} })),
    );
    expect(docs.length).toBe(1200);
    await book.usage.bulkInsert(docs);
    const after = await store.refresh(accounts, cutoff);
    expect(after.refresh).toMatchObject({ mode: 'accounts', rebuilt: 10 });
    expect(after.digests[0]!.months.some(([month]) => month === '2036-12')).toBe(true);
    expect((await store.refresh(accounts, cutoff)).refresh.mode).toBe('none');
  });

  it('pages through writes from a checkpoint inside a bulk write: every later document once, in order, none before', async () => {
    db = await openTestDatabase('digests');
    const book = db;
    const usage = (accountId: string, n: number) => stampNew({ id: `${accountId}:${n}`, accountId, ownerId: 'u', teamId: 't', month: '2026-01', activeUsers: Array.from({ length: 28 }, () => 1), featureEvents: {} });
    // Two bulk writes (each shares one lwt), then a single write.
    await book.usage.bulkInsert(Array.from({ length: 1100 }, (_, i) => usage(`a${String(i).padStart(4, '0')}`, 1)));
    await book.usage.bulkInsert(Array.from({ length: 700 }, (_, i) => usage(`b${String(i).padStart(4, '0')}`, 1)));
    await book.usage.insert(usage('c', 1));
    const all = (await changesSince(book.usage, undefined)).documents;
    expect(all).toHaveLength(500);
    const read = async (from: { id: string; lwt: number } | undefined) => {
      const ids: string[] = [];
      for (let checkpoint = from; ; ) {
        const page = await changesSince(book.usage, checkpoint);
        if (page.documents.length === 0) return { ids, checkpoint };
        expect(page.documents.length).toBeLessThanOrEqual(500);
        ids.push(...page.documents.map((d) => d.id));
        checkpoint = page.checkpoint;
      }
    };
    const everything = await read(undefined);
    expect(everything.ids).toHaveLength(1801);
    expect(new Set(everything.ids).size).toBe(1801);
    // From the 600th document of the first bulk write: the rest of it, the second, the last; none before it.
    const first = (await book.usage.findOne('a0599:1').exec())!.toJSON(true) as unknown as { _meta: { lwt: number } };
    const rest = await read({ id: 'a0599:1', lwt: first._meta.lwt });
    expect(rest.ids).toEqual(everything.ids.slice(everything.ids.indexOf('a0599:1') + 1));
    expect(rest.ids).toHaveLength(500 + 700 + 1);
    // From the end of it all: nothing.
    expect((await read(everything.checkpoint)).ids).toEqual([]);
  });
});

describe('alignById', () => {
  const ids = ['a', 'b', 'c', 'd'];
  it('places documents answered in the order asked, with gaps where none was found', () => {
    expect(alignById(ids, [{ id: 'b' }, { id: 'd' }])).toEqual([undefined, { id: 'b' }, undefined, { id: 'd' }]);
  });
  it('matches an answer in another order by id', () => {
    expect(alignById(ids, [{ id: 'd' }, { id: 'a' }, { id: 'c' }])).toEqual([{ id: 'a' }, undefined, { id: 'c' }, { id: 'd' }]);
  });
});
