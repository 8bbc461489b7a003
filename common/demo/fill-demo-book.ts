import type { RxCollection } from 'rxdb';
import type { OutpostDatabase } from '../db/create-database';
import type { Preference } from '../model';
import { DEMO_FILL_ID, demoFillComplete, type DemoFillState } from './demo-fill-state';
import { todayUtc } from './demo-dates';
import { yieldToMain } from '../clock/yield-to-main';
import { demoAccountDocumentGenerator, demoAccountGenerator, type AccountBundle } from './generate-demo-book';
import { DEFAULT_DEMO_SEED, insertAll, yieldToEventLoop, type DemoBookOptions, type SeedProgress } from './seed-demo-book';
import { registerTrustedWriteContext } from '../db/validating-storage';
import { DigestsAlongWrites } from '../intelligence/digests-along-writes';
import { scoringCutoff } from '../intelligence/account-features';

/**
 * The first start's demo book, written so the grid is usable at once and an interruption costs nothing:
 *   1. every account (in batches), then the grid can open;
 *   2. each account's history (contacts, usage, activities, revenue), batch by batch, behind a counted progress.
 * How far it got is kept in a device-local preference (`demo-book-fill`), written after each batch commits, so a
 * window closed halfway continues where it stopped when the book is next opened. Documents have deterministic ids,
 * so the batch that was being written when it stopped is written again with what already got in left untouched:
 * no document is written twice and, once the fill completes, no account lacks its history.
 *
 * Each history batch's feature digests are built from the generated bundles and stored with it (DigestsAlongWrites),
 * so the first scoring does not read the whole history back; how far they go is kept in the same preference.
 */

/** The bulkWrite context of the fill's own history writes: its change events are told apart from anyone else's. */
export const DEMO_FILL_CONTEXT = 'outpost-demo-fill';
registerTrustedWriteContext(DEMO_FILL_CONTEXT, { insertsOnly: true });

export interface DemoFillHooks {
  /** Called once every account is stored (and at once when a resumed fill finds them stored): the grid may open. */
  onAccountsWritten?: () => void | Promise<void>;
  /** Called after each batch of accounts is stored (before the grid can open), with accounts stored of all. */
  onAccountsProgress?: (progress: SeedProgress) => void;
  /** Stops after the batch being written (the state kept says where to continue). */
  signal?: AbortSignal;
  /**
   * Writes the history (phase 2) somewhere else than here, e.g. in a Web Worker with its own instance of the same
   * book (`fillDemoHistory` there): given the fill's state once every account is stored, it resolves when the whole
   * history is stored, calling `onProgress` as batches commit. Absent: written here, by `fillDemoHistory`.
   */
  writeHistory?: (state: DemoFillState, onProgress: (progress: SeedProgress) => void) => Promise<void>;
}

/** How the history phase writes: accounts per batch, and documents per write (one IndexedDB transaction). */
export interface HistoryWriteSizes {
  batchSize: number;
  writeMaxDocuments: number;
}

/** Accounts generated and written per step of the accounts phase (the account documents alone: about 0.1-0.4 ms each
 *  to generate), and per history batch (generating one account's history takes about 1 ms): small enough that no step
 *  holds the UI thread for long. */
const ACCOUNT_BATCH = 100;
const DEFAULT_HISTORY_BATCH = 10;
const WRITES_IN_FLIGHT = 2;
/**
 * Documents per write (one IndexedDB transaction): RxDB converts a write's documents, Dexie `put`s them (IndexedDB
 * structured-clones each value on the calling thread) and RxDB broadcasts their change events, each step for the
 * whole write in one main-thread task. A batch of 10 accounts holds about 250 activities and 120 usage months; in
 * writes of at most 100, with a yield between, no task holds more than 100 documents' worth of that work.
 */
export const FILL_WRITE_MAX_DOCUMENTS = 100;

/** The fill's state, or null when no fill was ever started in this book. */
export async function readDemoFill(db: OutpostDatabase): Promise<DemoFillState | null> {
  const doc = await db.preferences.findOne(DEMO_FILL_ID).exec();
  return doc ? (doc.toJSON().value as unknown as DemoFillState) : null;
}

async function saveDemoFill(db: OutpostDatabase, state: DemoFillState): Promise<void> {
  const doc: Preference = { id: DEMO_FILL_ID, kind: 'setting', value: { ...state }, updatedAt: new Date().toISOString() };
  await db.preferences.upsert(doc);
}

/**
 * Fills the demo book into a book that has none yet, or continues a fill that was interrupted; does nothing (and
 * says so) when the book already has accounts of its own or a completed fill. Progress counts accounts whose history
 * is stored.
 */
export async function ensureDemoBook(
  db: OutpostDatabase,
  options: DemoBookOptions,
  onProgress: (progress: SeedProgress) => void,
  hooks: DemoFillHooks = {},
): Promise<{ seeded: boolean }> {
  let state = await readDemoFill(db);
  if (state === null) {
    if (await db.accounts.findOne().exec()) return { seeded: false };
    state = {
      seed: options.seed ?? DEFAULT_DEMO_SEED,
      accounts: options.accounts,
      asOf: options.asOf ?? todayUtc(),
      ...(options.teamId === undefined ? {} : { teamId: options.teamId }),
      ...(options.profile === undefined ? {} : { profile: options.profile }),
      accountsWritten: false,
      historyWritten: 0,
    };
    await saveDemoFill(db, state);
  } else if (demoFillComplete(state)) {
    return { seeded: false };
  }
  await continueDemoFill(db, state, options.batchSize ?? DEFAULT_HISTORY_BATCH, onProgress, hooks);
  return { seeded: true };
}

async function continueDemoFill(
  db: OutpostDatabase,
  start: DemoFillState,
  batchSize: number,
  onProgress: (progress: SeedProgress) => void,
  hooks: DemoFillHooks,
): Promise<void> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`Demo book: batchSize must be a positive integer, got ${batchSize}`);
  const generateAccount = demoAccountDocumentGenerator(demoParams(start));
  let state = start;
  if (!state.accountsWritten) {
    for (let from = 0; from < state.accounts; from += ACCOUNT_BATCH) {
      const accounts = [];
      for (let index = from; index < Math.min(from + ACCOUNT_BATCH, state.accounts); index += 1) accounts.push(generateAccount(index));
      await insertAll(db.accounts, 'accounts', accounts, true);
      hooks.onAccountsProgress?.({ done: Math.min(from + ACCOUNT_BATCH, state.accounts), total: state.accounts });
      await yieldToEventLoop();
    }
    state = { ...state, accountsWritten: true };
    await saveDemoFill(db, state);
  }
  await hooks.onAccountsWritten?.();
  if (hooks.writeHistory) await hooks.writeHistory(state, onProgress);
  else await fillDemoHistory(db, state, onProgress, { batchSize, writeMaxDocuments: FILL_WRITE_MAX_DOCUMENTS }, hooks.signal);
}

const demoParams = (state: DemoFillState) => ({
  seed: state.seed,
  accounts: state.accounts,
  asOf: state.asOf,
  ...(state.teamId === undefined ? {} : { teamId: state.teamId }),
  ...(state.profile === undefined ? {} : { profile: state.profile }),
});

/**
 * The fill's second phase: each account's history from `state.historyWritten` on, batch by batch, the state kept after
 * each batch commits. Runs on the page (writes of at most FILL_WRITE_MAX_DOCUMENTS, yielding between) or in a Web
 * Worker on its own instance of the same book, where larger writes hold up no input (`app/renderer/src/shell/book-fill.worker.ts`).
 */
export async function fillDemoHistory(
  db: OutpostDatabase,
  start: DemoFillState,
  onProgress: (progress: SeedProgress) => void,
  sizes: HistoryWriteSizes,
  signal?: AbortSignal,
): Promise<void> {
  const { batchSize, writeMaxDocuments } = sizes;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`Demo book: batchSize must be a positive integer, got ${batchSize}`);
  if (!start.accountsWritten) throw new Error('Demo book: the history is written only once every account is stored');
  const generate = demoAccountGenerator(demoParams(start));
  const bundles = (from: number, to: number): AccountBundle[] => {
    const out: AccountBundle[] = [];
    for (let index = from; index < Math.min(to, start.accounts); index += 1) out.push(generate(index));
    return out;
  };
  let state = start;
  // Digests for the earliest cutoff a scoring of this book can ask (a digest answers every later one): the book's day
  // or today, whichever is earlier. In a worker, the page's writes (an edit in the open grid) arrive as change events
  // of this instance too (multiInstance), in their own contexts.
  const digests = await DigestsAlongWrites.open(db, {
    context: DEMO_FILL_CONTEXT,
    builtFor: Math.min(scoringCutoff(new Date()), scoringCutoff(new Date(`${state.asOf}T12:00:00Z`))),
    ...(state.digests ? { ledger: state.digests } : {}),
  });
  try {
    // Up to WRITES_IN_FLIGHT batches at once, so generating the next overlaps with IndexedDB committing the previous;
    // the state advances only over batches committed in order (history and digests).
    const inFlight: { to: number; writing: Promise<void> }[] = [];
    const settleOldest = async () => {
      const oldest = inFlight.shift()!;
      await oldest.writing;
      // The last batch: the digests are vouched for before the fill says it is complete (the first scoring waits for that).
      if (oldest.to >= state.accounts) await digests?.finish();
      const ledger = digests?.ledger();
      const { digests: _kept, ...rest } = state;
      state = { ...rest, historyWritten: oldest.to, ...(ledger ? { digests: ledger } : {}) };
      await saveDemoFill(db, state);
      onProgress({ done: oldest.to, total: state.accounts });
    };
    for (let from = state.historyWritten; from < state.accounts && !signal?.aborted; from += batchSize) {
      const batch = bundles(from, from + batchSize);
      const writing = writeHistory(db, batch, writeMaxDocuments, digests);
      writing.catch(() => {}); // awaited in order by settleOldest; this only keeps an early failure from being "unhandled"
      inFlight.push({ to: Math.min(from + batchSize, state.accounts), writing });
      if (inFlight.length >= WRITES_IN_FLIGHT) await settleOldest();
      await yieldToEventLoop();
    }
    while (inFlight.length > 0) await settleOldest();
  } finally {
    // Stopped (or failed) halfway: the digests built so far are kept; any not stored are rebuilt when scored.
    await digests?.flush().catch(() => undefined);
    digests?.close();
  }
}

/** One batch's contacts, usage, activities and revenue, each its own store, written concurrently; then their digests. */
async function writeHistory(db: OutpostDatabase, batch: readonly AccountBundle[], writeMax: number, digests: DigestsAlongWrites | undefined): Promise<void> {
  const written = await Promise.allSettled([
    insertInWrites(db.contacts, 'contacts', batch.flatMap((b) => b.contacts), writeMax),
    insertInWrites(db.usage, 'usage', batch.flatMap((b) => b.usage), writeMax),
    insertInWrites(db.activities, 'activities', batch.flatMap((b) => b.activities), writeMax),
    insertInWrites(db.revenue, 'revenue', batch.flatMap((b) => b.revenue), writeMax),
  ]);
  const failed = written.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  await digests?.storeBatch(batch.map((b) => ({ accountId: b.account.id, contacts: b.contacts, usage: b.usage, activities: b.activities, revenue: b.revenue })));
}

/**
 * Inserts (leaving documents already stored as they are) in consecutive writes of at most `writeMax` documents,
 * yielding to the event loop before each after the first, so one write's change events and the next write's
 * conversion are separate tasks and input is handled in between.
 */
async function insertInWrites<T>(collection: RxCollection<T>, name: string, docs: T[], writeMax: number): Promise<void> {
  for (let from = 0; from < docs.length; from += writeMax) {
    if (from > 0) await yieldToMain();
    await insertAll(collection, name, docs.slice(from, from + writeMax), true, DEMO_FILL_CONTEXT);
  }
}
