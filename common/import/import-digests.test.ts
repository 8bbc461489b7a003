import type { RxCollection } from 'rxdb';
import { getLocalDocStateByParent } from 'rxdb/plugins/local-documents';
import { describe, expect, it, vi } from 'vitest';
import type { OutpostDatabase } from '../db/create-database';
import { stampChanges, type StampedContent } from '../db/stamp-writes';
import { openTestDatabase } from '../db/testing/test-database';
import { generateDemoBook, type AccountBundle } from '../demo/generate-demo-book';
import { exportBookFiles, type BookRecords } from '../export/export-book';
import { accountFeatures, scoringCutoff } from '../intelligence/account-features';
import { DigestStore, type SourceCheckpoints } from '../intelligence/digest-store';
import { digestOf, featuresFromDigest, type FeatureDigest } from '../intelligence/feature-digest';
import { ScoringEngine } from '../intelligence/scoring-engine';
import { scoringTestBooks } from '../intelligence/testing/scoring-test-books';
import type { Account, Activity, Contact, RevenueEvent, UsageMonth } from '../model';
import { commitPlan, ImportCancelled, recoverInterruptedImports, undoImportBatch, type ImportBatch } from './import-batches';
import { loadBookSnapshot } from './load-book';
import { planImport, type ImportPlan } from './plan-import';
import { readSources } from './read-sources';
import { suggestSetup } from './suggest-setup';
import { sourceFile } from './testing/source-files';

// A team imports its book: the import's commit builds the feature digests of the accounts whose whole history it
// writes, so the first scoring reads no raw history back, and scores exactly as a rebuild from the raw history does.

const asOf = '2026-06-30';
const now = () => new Date(`${asOf}T12:00:00Z`);
const cutoff = scoringCutoff(now());
const OWNER = { ownerId: 'u-ann', ownerName: 'Ann Lee', teamId: 'team-demo', now: now() };
const books = scoringTestBooks(now);
async function open(): Promise<OutpostDatabase> {
  const db = await openTestDatabase('import-digests');
  return books.keep(db);
}

const newEngine = (book: OutpostDatabase): ScoringEngine => books.newEngine(book);

const demo = (accounts: number) => [...generateDemoBook({ seed: 11, accounts, asOf })];

/** The bundles' records as a team's export holds them; `keep` leaves rows out (history the book gets later). */
function records(bundles: readonly AccountBundle[], keep: (kind: 'contacts' | 'activities' | 'revenue' | 'usage', doc: { accountId: string; id: string }) => boolean = () => true): BookRecords {
  return {
    accounts: bundles.map((b) => b.account),
    contacts: bundles.flatMap((b) => b.contacts).filter((d) => keep('contacts', d)),
    activities: bundles.flatMap((b) => b.activities).filter((d) => keep('activities', d)),
    revenue: bundles.flatMap((b) => b.revenue).filter((d) => keep('revenue', d)),
    usage: bundles.flatMap((b) => b.usage).filter((d) => keep('usage', d)),
  };
}

/** The accounts file without its Outpost ID column (the first): a CRM's export, whose accounts get ids drawn at random. */
const withoutOutpostIds = (f: { name: string; text: string }) =>
  f.name.startsWith('accounts') ? { ...f, text: f.text.split('\n').map((line) => line.slice(line.indexOf(',') + 1)).join('\n') } : f;

/** The Import page's path up to the preview: read the files, suggested set-up, plan against the book. */
async function planBook(db: OutpostDatabase, book: BookRecords, { drawIds = false } = {}): Promise<ImportPlan> {
  // A kind with no records is no file (its header alone would be refused).
  const files = exportBookFiles(book).filter((f) => f.text.trim().includes('\n')).map((f) => (drawIds ? withoutOutpostIds(f) : f));
  const { tables, refusals } = await readSources(files.map((f) => sourceFile(f.name, f.text)));
  expect(refusals).toEqual([]);
  const setups = tables.map((table) => suggestSetup(table));
  const plan = planImport(await loadBookSnapshot(db, setups), setups, OWNER);
  expect(plan.files.flatMap((f) => f.errors)).toEqual([]);
  return plan;
}

/** The Import page's path: plan, then commit as one batch. */
async function importBook(db: OutpostDatabase, book: BookRecords, stop?: AbortController): Promise<ImportBatch> {
  const batch = await commitPlan(db, await planBook(db, book), { who: 'Ann Lee', files: [], now: now(),
    // Cancelled once the first write went in (the Import page's Cancel button).
    ...(stop ? { signal: stop.signal, onProgress: ({ done }: { done: number }) => done > 0 && stop.abort() } : {}),
  });
  return batch!;
}

const plain = <T>(docs: { toJSON(): unknown }[]) => docs.map((d) => d.toJSON() as T);

const expectSameAsRebuild = async (book: OutpostDatabase, engine?: ScoringEngine): Promise<void> => {
  await books.expectSameAsRebuild(book, engine);
};

async function rawHistory(book: OutpostDatabase, account: Account) {
  const selector = { accountId: account.id };
  return {
    account,
    contacts: plain<Contact>(await book.contacts.find({ selector }).exec()),
    usage: plain<UsageMonth>(await book.usage.find({ selector }).exec()),
    activities: plain<Activity>(await book.activities.find({ selector }).exec()),
    revenue: plain<RevenueEvent>(await book.revenue.find({ selector }).exec()),
  };
}

/**
 * Every digest the store vouches for (stored, and its account has no source write after the meta's checkpoints)
 * is the digest of the raw history in the book, and gives its very features: of any account, scored or not.
 */
async function expectVouchedDigestsMatchRaw(book: OutpostDatabase, accounts: readonly Account[]): Promise<number> {
  const local = (await getLocalDocStateByParent(book.riskassessments)).storageInstance;
  const [meta] = (await local.findDocumentsById(['feature-digests'], false)) as unknown as { data: { checkpoints: SourceCheckpoints } }[];
  if (!meta) return 0;
  const changed = (await new DigestStore(book).writesSince(meta.data.checkpoints))!.accounts;
  const stored = (await local.findDocumentsById(accounts.map((a) => `digest:${a.id}`), false)) as unknown as { id: string; data: FeatureDigest }[];
  const byId = new Map(accounts.map((a) => [a.id, a]));
  let vouched = 0;
  for (const doc of stored) {
    const account = byId.get(doc.data.accountId)!;
    if (changed.has(account.id)) continue;
    vouched += 1;
    const history = await rawHistory(book, account);
    expect(doc.data, account.id).toEqual(digestOf(history, doc.data.builtFor));
    expect(Array.from(featuresFromDigest(doc.data, account, cutoff)), account.id).toEqual(Array.from(accountFeatures(history, cutoff)));
  }
  return vouched;
}

async function storedDigestIds(book: OutpostDatabase, accountIds: readonly string[]): Promise<string[]> {
  const local = (await getLocalDocStateByParent(book.riskassessments)).storageInstance;
  return ((await local.findDocumentsById(accountIds.map((id) => `digest:${id}`), false)) as unknown as { data: FeatureDigest }[]).map((d) => d.data.accountId);
}

/**
 * A book imported in two steps: first accounts 0-19, without any history of `churned` (an account not scored) and
 * without the last activity of each of `partial`; then the whole 30-account export, which adds rows to the history
 * `partial` already has, the whole history of `churned`, and ten new accounts.
 */
function twoStepBook() {
  const bundles = demo(30);
  // An account not scored (churned) with a history up to this month.
  const churned = bundles.slice(0, 20).find((b) => b.account.status !== 'active' && b.usage.some((m) => m.month === asOf.slice(0, 7)))!.account.id;
  // Scored accounts (a left-out account not scored is rebuilt once it is).
  const partial = bundles.slice(0, 20).filter((b) => b.account.status === 'active' && b.activities.length > 1).slice(0, 5);
  expect(partial).toHaveLength(5);
  const dropped = new Set(partial.map((b) => [...b.activities].sort((x, y) => x.occurredAt.localeCompare(y.occurredAt)).at(-1)!.id));
  const first = records(bundles.slice(0, 20), (kind, doc) => doc.accountId !== churned && !(kind === 'activities' && dropped.has(doc.id)));
  return { bundles, churned, partial: partial.map((b) => b.account.id), first, whole: records(bundles) };
}

describe("the import's commit builds the feature digests of the accounts whose whole history it writes", () => {
  it('an import into an empty book leaves the first scoring no digest to rebuild, and scores exactly as a rebuild does', async () => {
    const book = await open();
    const bundles = demo(30);
    await importBook(book, records(bundles));
    // Each digest the commit stored is the one the stored history gives (schema defaults and all), for every account.
    expect(await expectVouchedDigestsMatchRaw(book, bundles.map((b) => b.account))).toBe(30);
    const engine = newEngine(book);
    await engine.scoreAll();
    expect(engine.lastRefresh).toMatchObject({ mode: 'none', rebuilt: 0 });
    await expectSameAsRebuild(book, engine);
  });

  it('accounts imported first and their history later: the history import holds their whole history', async () => {
    const book = await open();
    const bundles = demo(20);
    await importBook(book, records(bundles, () => false));
    await importBook(book, records(bundles));
    expect(await expectVouchedDigestsMatchRaw(book, bundles.map((b) => b.account))).toBe(20);
    const engine = newEngine(book);
    await engine.scoreAll();
    expect(engine.lastRefresh).toMatchObject({ mode: 'none', rebuilt: 0 });
    await expectSameAsRebuild(book, engine);
  });

  it('rows added to history the book already holds: those accounts alone are rebuilt from the raw history', async () => {
    const book = await open();
    const { partial, first, whole, bundles } = twoStepBook();
    await importBook(book, first);
    const engine = newEngine(book);
    await engine.scoreAll();
    expect(engine.lastRefresh).toMatchObject({ mode: 'none' });
    await importBook(book, whole);
    // The accounts with rows added are left out (their digests removed); all the others' digests are vouched for.
    expect(await storedDigestIds(book, partial)).toEqual([]);
    expect(await expectVouchedDigestsMatchRaw(book, bundles.map((b) => b.account))).toBe(30 - partial.length);
    await engine.scoreAll();
    expect(engine.lastRefresh).toMatchObject({ mode: 'accounts', rebuilt: partial.length });
    await expectSameAsRebuild(book, engine);
    expect(await expectVouchedDigestsMatchRaw(book, bundles.map((b) => b.account))).toBeGreaterThan(0);
  });

  it('undoing the import leaves no digest of undone history vouched for, and scores as a rebuild does', async () => {
    const book = await open();
    const { churned, partial, first, whole, bundles } = twoStepBook();
    await importBook(book, first);
    const batch = await importBook(book, whole);
    const engine = newEngine(book);
    await engine.scoreAll();
    expect(engine.lastRefresh).toMatchObject({ mode: 'accounts', rebuilt: partial.length });
    const added = bundles.slice(20).map((b) => b.account.id);
    expect(await storedDigestIds(book, [churned, ...added])).toHaveLength(1 + added.length);

    await undoImportBatch(book, batch.id);
    // The undone history's digests are gone: a missing digest is rebuilt, a stale one could outlive a full rebuild
    // (an undo of over 2,000 documents is one: the churned account is neither scored nor has history left, so the
    // full rebuild would not rewrite its digest, and its new meta would vouch for it).
    expect(await storedDigestIds(book, [churned, ...added, ...partial])).toEqual([]);
    // Later writes (an edit in each history collection) move the full rebuild's checkpoints past the undo's deletions.
    for (const name of ['contacts', 'usage', 'activities', 'revenue'] as const) {
      const doc = (await (book[name] as unknown as RxCollection<StampedContent & { accountId: string }>).find({ selector: { accountId: partial[0]! } }).exec())[0]!;
      await doc.incrementalPatch(stampChanges(doc.fieldStamps, { accountId: doc.accountId }));
    }
    expect(await engine.refreshDigests(true)).toMatchObject({ mode: 'full' });
    expect(await expectVouchedDigestsMatchRaw(book, bundles.map((b) => b.account))).toBeGreaterThan(0);
    await expectSameAsRebuild(book, engine);
    await expectVouchedDigestsMatchRaw(book, bundles.map((b) => b.account));
  });

  it('a commit cancelled halfway claims no digest', async () => {
    const book = await open();
    await importBook(book, records(demo(10)));
    await expect(importBook(book, records(demo(20)), new AbortController())).rejects.toBeInstanceOf(ImportCancelled);
    const engine = newEngine(book);
    await engine.scoreAll();
    expect(engine.lastRefresh).toMatchObject({ mode: 'none' });
    await expectSameAsRebuild(book, engine);
    await expectVouchedDigestsMatchRaw(book, demo(20).map((b) => b.account));
  });

  it('a window closed before the claim, or mid-commit: nothing stored is vouched for beyond what it describes', async () => {
    const book = await open();
    const bundles = demo(30);
    const added = bundles.slice(10, 20).map((b) => b.account.id);
    await importBook(book, records(bundles.slice(0, 10)));
    // Closed once the batch and its digests were stored, before the claim (the claim never comes).
    const claim = vi.spyOn(DigestStore.prototype, 'claim').mockRejectedValueOnce(new Error('window closed'));
    await importBook(book, records(bundles.slice(0, 20)));
    claim.mockRestore();
    expect(await storedDigestIds(book, added)).toHaveLength(added.length);
    // Closed mid-commit: the process stops after the first chunk (nothing after runs); rolled back on the next open.
    const crash = ({ done }: { done: number }) => {
      if (done > 0) throw new Error('window closed');
    };
    await expect(commitPlan(book, await planBook(book, records(bundles)), { who: 'Ann Lee', files: [], now: now(), onProgress: crash })).rejects.toThrow('window closed');
    expect(await recoverInterruptedImports(book)).toHaveLength(1);
    expect(await storedDigestIds(book, bundles.slice(20).map((b) => b.account.id))).toEqual([]);
    const engine = newEngine(book);
    await engine.scoreAll();
    expect(engine.lastRefresh!.mode).toBe('accounts');
    expect(await expectVouchedDigestsMatchRaw(book, bundles.map((b) => b.account))).toBeGreaterThan(0);
    await expectSameAsRebuild(book, engine);
  });

  it('accounts whose ids the plan drew: not looked up on its first commit, looked up again on a later one', async () => {
    const book = await open();
    const bundles = demo(30);
    await importBook(book, records(bundles.slice(0, 10)));
    const engine = newEngine(book);
    await engine.scoreAll();
    const drawnAccounts = async (plan: ImportPlan) => plain<Account>([...(await book.accounts.findByIds(plan.drawn!.ids).exec()).values()]);

    // A CRM's export of ten more accounts: no Outpost IDs, so their ids are drawn at random; the book is not asked.
    const plan = await planBook(book, records(bundles.slice(10, 20)), { drawIds: true });
    expect(plan.drawn?.ids).toHaveLength(10);
    const query = vi.spyOn(book.activities.storageInstance, 'query');
    await commitPlan(book, plan, { who: 'Ann Lee', files: [], now: now() });
    expect(query.mock.calls.filter(([q]) => JSON.stringify(q.query.selector).includes('accountId'))).toEqual([]);
    query.mockRestore();
    expect(await expectVouchedDigestsMatchRaw(book, await drawnAccounts(plan))).toBe(10);
    await engine.scoreAll();
    expect(engine.lastRefresh).toMatchObject({ mode: 'none', rebuilt: 0 });

    // Ten more, cancelled once their accounts are written (and rolled back); meanwhile someone logs an activity under
    // one of those ids, and a scoring's claim moves the checkpoints past that write. The same plan committed again
    // must find that row in the book: that account's digest is not built from the plan's rows alone.
    const again = await planBook(book, records(bundles.slice(20)), { drawIds: true });
    const stop = new AbortController();
    await expect(
      commitPlan(book, again, { who: 'Ann Lee', files: [], now: now(), signal: stop.signal, onProgress: ({ done }) => done > 0 && stop.abort() }),
    ).rejects.toBeInstanceOf(ImportCancelled);
    const account = again.drawn!.ids[0]!;
    await book.activities.insert({ ...bundles[20]!.activities[0]!, id: 'act-logged-meanwhile', externalId: 'logged-meanwhile', accountId: account });
    expect(await engine.refreshDigests(true)).toMatchObject({ mode: 'full' });
    await commitPlan(book, again, { who: 'Ann Lee', files: [], now: now() });
    expect(await storedDigestIds(book, [account])).toEqual([]);
    expect(await storedDigestIds(book, again.drawn!.ids.slice(1))).toHaveLength(9);
    expect(await expectVouchedDigestsMatchRaw(book, await drawnAccounts(again))).toBe(9);
    await engine.scoreAll();
    expect(engine.lastRefresh).toMatchObject({ mode: 'accounts', rebuilt: 1 });
    await expectSameAsRebuild(book, engine);
  });
});
