import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createOutpostDatabase, type OutpostDatabase } from '../db/create-database';
import { getOutpostDexieStorage } from '../db/dexie-storage';
import { stampChanges, stampNew } from '../db/stamp-writes';
import { openTestDatabase } from '../db/testing/test-database';
import { DEMO_FILL_CONTEXT, ensureDemoBook, readDemoFill } from '../demo/fill-demo-book';
import { generateDemoBook } from '../demo/generate-demo-book';
import { insertAll } from '../demo/seed-demo-book';
import type { Account, Activity, Contact, RevenueEvent, UsageMonth } from '../model';
import { accountFeatures, scoringCutoff } from './account-features';
import { DigestStore } from './digest-store';
import { DigestsAlongWrites } from './digests-along-writes';
import { featuresFromDigest } from './feature-digest';
import { ScoringEngine } from './scoring-engine';
import { scoringTestBooks } from './testing/scoring-test-books';

// The demo fill builds each account's feature digest from the generated history it has just written; the first
// scoring must then read no raw history back, and score exactly as a rebuild from the raw history does.

const asOf = '2026-06-30';
const now = () => new Date(`${asOf}T12:00:00Z`);
const cutoff = scoringCutoff(now());
const books = scoringTestBooks(now);
let names = 0;
const uniqueName = () => `along-writes-${process.pid}-${Date.now()}-${(names += 1)}`;
async function open(name = uniqueName()): Promise<OutpostDatabase> {
  const db = await createOutpostDatabase({ name, storage: getOutpostDexieStorage() });
  return books.keep(db);
}

const newEngine = (book: OutpostDatabase): ScoringEngine => books.newEngine(book);

/** The first account among `from` that is scored (active): the others' digests are not rebuilt until they are. */
const firstActive = (from: readonly { account: Account }[]) => from.find((b) => b.account.status === 'active')!.account.id;
const plain = <T>(docs: { toJSON(): unknown }[]) => docs.map((d) => d.toJSON() as T);

/** Every account's stored digest gives the very features the raw history in the book gives, today and on later days. */
async function expectDigestsMatchRaw(book: OutpostDatabase): Promise<void> {
  const accounts = plain<Account>(await book.accounts.find({ selector: { status: 'active' } }).exec());
  const { digests, refresh } = await new DigestStore(book).refresh(accounts, cutoff);
  expect(refresh.mode).toBe('none');
  for (const [i, account] of accounts.entries()) {
    const selector = { accountId: account.id };
    const history = {
      account,
      contacts: plain<Contact>(await book.contacts.find({ selector }).exec()),
      usage: plain<UsageMonth>(await book.usage.find({ selector }).exec()),
      activities: plain<Activity>(await book.activities.find({ selector }).exec()),
      revenue: plain<RevenueEvent>(await book.revenue.find({ selector }).exec()),
    };
    for (const day of [0, 1, 40]) {
      const at = cutoff + day * 86_400_000;
      expect(Array.from(featuresFromDigest(digests[i]!, account, at)), `${account.id} +${day}d`).toEqual(Array.from(accountFeatures(history, at)));
    }
  }
}

/** Scores the book after a fill, then again with every digest rebuilt from the raw history: nothing may differ. */
const expectSameAsRebuild = (book: OutpostDatabase) => books.expectSameAsRebuild(book);

const ticket = (id: string, accountId: string) =>
  stampNew({
    id, externalId: '', accountId, ownerId: 'me', teamId: 'team-demo', type: 'support_ticket' as const, occurredAt: '2026-06-29T09:00:00.000Z',
    subject: 'Outage', body: '', actorName: 'You', result: '', ticket: { severity: 'urgent' as const, status: 'open' as const },
  });

describe('feature digests built by the demo fill', () => {
  it('leave the first scoring nothing to rebuild from the raw history, and score exactly as a rebuild does', async () => {
    const book = await open();
    await ensureDemoBook(book, { accounts: 30, asOf, batchSize: 10 }, () => undefined);
    const engine = newEngine(book);
    await engine.scoreAll();
    expect(engine.lastRefresh).toMatchObject({ mode: 'none', rebuilt: 0 });
    await expectDigestsMatchRaw(book);
    await expectSameAsRebuild(book);
  });

  it('leave out an account someone else wrote while the grid was open, which the first scoring rebuilds alone', async () => {
    const book = await open();
    const later = firstActive([...generateDemoBook({ seed: 42, accounts: 30, asOf })].slice(20));
    await ensureDemoBook(book, { accounts: 30, asOf, batchSize: 10 }, () => undefined, {
      // The grid opens before any history is written: an edit there comes before the account's own history.
      onAccountsWritten: async () => {
        await book.activities.insert(ticket('act-edit-before-history', later));
      },
    });
    const engine = newEngine(book);
    await engine.scoreAll();
    expect(engine.lastRefresh).toMatchObject({ mode: 'accounts', rebuilt: 1 });
    await expectDigestsMatchRaw(book);
    await expectSameAsRebuild(book);
    const { digests } = await new DigestStore(book).refresh([{ id: later }], cutoff);
    expect(digests[0]!.tickets.map(([at]) => at)).toContain(Date.parse('2026-06-29T09:00:00.000Z'));
  });

  it('after an interruption, leave out an account edited while no fill ran, and go on building the others', async () => {
    const name = uniqueName();
    const first = await open(name);
    const stop = new AbortController();
    await ensureDemoBook(first, { accounts: 40, asOf, batchSize: 5 }, (p) => p.done === 10 && stop.abort(), { signal: stop.signal });
    const halfway = (await readDemoFill(first))!;
    expect(halfway.historyWritten).toBeLessThan(40);
    expect(halfway.digests).toBeDefined();
    const edited = firstActive([...generateDemoBook({ seed: 42, accounts: 40, asOf })].slice(0, 10));
    const month = (await first.usage.find({ selector: { accountId: edited } }).exec()).sort((x, y) => y.month.localeCompare(x.month))[0]!;
    await month.incrementalPatch(stampChanges(month.fieldStamps, { activeUsers: month.activeUsers.map((u) => (u === null ? null : 999)) }));
    await first.close();

    const reopened = await open(name);
    await ensureDemoBook(reopened, { accounts: 40, asOf, batchSize: 5 }, () => undefined);
    const engine = newEngine(reopened);
    await engine.scoreAll();
    // The edited account, and conservatively the batch that was being written when the fill stopped (written again).
    expect(engine.lastRefresh!.mode).toBe('accounts');
    expect(engine.lastRefresh!.rebuilt).toBeGreaterThanOrEqual(1);
    expect(engine.lastRefresh!.rebuilt).toBeLessThanOrEqual(1 + 10);
    await expectDigestsMatchRaw(reopened);
    await expectSameAsRebuild(reopened);
  });
});

describe('DigestsAlongWrites', () => {
  it('leaves out the accounts written in another context while it watched, before or after their own history', async () => {
    const book = await openTestDatabase('along-writes');
    books.keep(book);
    const bundles = [...generateDemoBook({ seed: 7, accounts: 12, asOf })];
    await insertAll(book.accounts, 'accounts', bundles.map((b) => b.account));
    const session = (await DigestsAlongWrites.open(book, { context: DEMO_FILL_CONTEXT, builtFor: cutoff }))!;
    const write = async (part: typeof bundles) => {
      for (const name of ['contacts', 'usage', 'activities', 'revenue'] as const) {
        await insertAll(book[name] as never, name, part.flatMap((b): unknown[] => b[name]) as never[], false, DEMO_FILL_CONTEXT);
      }
      await session.storeBatch(part.map((b) => ({ accountId: b.account.id, ...b })));
    };
    const [early, late] = [firstActive(bundles.slice(0, 6)), firstActive(bundles.slice(6))];
    await write(bundles.slice(0, 6));
    await book.activities.insert(ticket('act-after-history', early));
    await book.activities.insert(ticket('act-before-history', late));
    await write(bundles.slice(6));
    // A batch written again (a fill resumed after a window closed mid-batch): its digests are stored over the others.
    await session.storeBatch(bundles.slice(0, 3).map((b) => ({ accountId: b.account.id, ...b })));
    expect(new Set(session.ledger()!.leftOut)).toEqual(new Set([early, late]));
    expect(await session.finish()).toBe(true);

    const engine = newEngine(book);
    await engine.scoreAll();
    expect(engine.lastRefresh).toMatchObject({ mode: 'accounts', rebuilt: 2 });
    await expectDigestsMatchRaw(book);
    await expectSameAsRebuild(book);
  });

  it('while it works, a refresh of the same database stores nothing; a meta rewritten meanwhile makes it claim nothing', async () => {
    const book = await openTestDatabase('along-writes');
    books.keep(book);
    const bundles = [...generateDemoBook({ seed: 7, accounts: 8, asOf })];
    await insertAll(book.accounts, 'accounts', bundles.map((b) => b.account));
    const session = (await DigestsAlongWrites.open(book, { context: DEMO_FILL_CONTEXT, builtFor: cutoff }))!;
    for (const name of ['contacts', 'usage', 'activities', 'revenue'] as const) {
      await insertAll(book[name] as never, name, bundles.flatMap((b): unknown[] => b[name]) as never[], false, DEMO_FILL_CONTEXT);
    }
    // A scoring on the same page meanwhile: its digests serve its run, and neither they nor its meta are stored.
    const active = bundles.filter((b) => b.account.status === 'active').map((b) => ({ id: b.account.id }));
    const store = new DigestStore(book);
    expect((await store.refresh(active, cutoff)).refresh).toMatchObject({ mode: 'full' });
    expect(await store.storedClaim()).toEqual({ version: null, checkpoints: null });
    await session.storeBatch(bundles.map((b) => ({ accountId: b.account.id, ...b })));
    // Another window's refresh stores its digests and meta (here: a meta that vouches for nothing yet).
    const other = new DigestStore(book);
    expect(await other.claim({ contacts: null, usage: null, activities: null, revenue: null }, [], await other.storedClaim())).toBe(true);
    expect(await session.finish()).toBe(false);
    const engine = newEngine(book);
    await engine.scoreAll();
    expect(engine.lastRefresh!.mode).not.toBe('none');
    await expectDigestsMatchRaw(book);
    await expectSameAsRebuild(book);
  });
});
