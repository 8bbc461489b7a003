import { fillObjectDataBeforeInsert, normalizeMangoQuery, prepareQuery, type RxCollection, type RxStorageWriteError } from 'rxdb';
import type { OutpostDatabase } from '../db/create-database';
import { scoringCutoff } from '../intelligence/account-features';
import { DigestStore } from '../intelligence/digest-store';
import { DigestsAlongWrites, STORE_DIGESTS_EVERY } from '../intelligence/digests-along-writes';
import { HISTORY_COLLECTIONS, heldHistories, historyCandidates, writtenAsHeld, type CommitWrite } from './held-histories';

/**
 * The feature digests an import's commit builds (ARCHITECTURE.md, On-device intelligence): of every account whose
 * whole history the commit holds in memory (an account new to the book, or one the book has no history for), so
 * the first scoring after a team imports its book reads no raw history back. Those accounts' new history rows are
 * written in the import's own context (IMPORT_HISTORY_CONTEXT); every other history write, the import's own rows
 * added to history the book already holds included, leaves its account out (DigestsAlongWrites), and the first
 * scoring rebuilds it from the raw history as before.
 *
 * Built and claimed after every document is written and the batch is committed: a window closed before that leaves
 * digests stored but not vouched for (a source write after the meta's checkpoints is rebuilt), and an interrupted or
 * undone batch removes the digests of every account it touches (import-batches.ts).
 */
export const IMPORT_HISTORY_CONTEXT = 'outpost-import-history';

const BOOK_QUERIES_AT_ONCE = 200;

type HistoryName = (typeof HISTORY_COLLECTIONS)[number];

async function holdsAny(collection: RxCollection<unknown>, selector: Record<string, unknown>): Promise<boolean> {
  const schema = collection.storageInstance.schema;
  const query = prepareQuery(schema, normalizeMangoQuery(schema, { selector: { ...selector, _deleted: { $eq: false } } as never, limit: 1 }));
  return (await collection.storageInstance.query(query)).documents.length > 0;
}

/**
 * Of `candidates`, the accounts the book holds no history row for (live, not deleted): those in `drawn` (ids the
 * plan drew at random, on its first commit: nothing refers to them yet) at once, as all of them when a history
 * collection is empty; else one indexed look-up per account and non-empty collection.
 */
async function withoutStoredHistory(db: OutpostDatabase, candidates: readonly string[], drawn: ReadonlySet<string>): Promise<Set<string>> {
  const held = new Set(candidates.filter((id) => drawn.has(id)));
  const asked = candidates.filter((id) => !drawn.has(id));
  if (asked.length === 0) return held;
  const collection = (name: HistoryName) => db[name] as unknown as RxCollection<unknown>;
  const nonEmpty: HistoryName[] = [];
  for (const name of HISTORY_COLLECTIONS) if (await holdsAny(collection(name), {})) nonEmpty.push(name);
  if (nonEmpty.length === 0) return new Set(candidates);
  for (let i = 0; i < asked.length; i += BOOK_QUERIES_AT_ONCE) {
    const slice = asked.slice(i, i + BOOK_QUERIES_AT_ONCE);
    const found = await Promise.all(slice.map(async (accountId) => (await Promise.all(nonEmpty.map((name) => holdsAny(collection(name), { accountId })))).some(Boolean)));
    slice.forEach((accountId, k) => !found[k] && held.add(accountId));
  }
  return held;
}

export class ImportDigests {
  private constructor(
    private readonly session: DigestsAlongWrites | undefined,
    /** Accounts whose whole history the commit holds. */
    private readonly held: ReadonlySet<string>,
  ) {}

  /**
   * Begins watching the history collections (before the book is asked which candidates it holds history for, so a
   * row written meanwhile leaves its account out). Nothing is built when there is too much to fold in since the
   * stored digests' checkpoints (then the first scoring rebuilds from the raw history, as without this). `drawn`: the
   * accounts whose ids the plan drew at random, on its first commit; the book is not asked about them.
   */
  static async open(db: OutpostDatabase, writes: readonly CommitWrite[], now: Date, drawn: ReadonlySet<string> = new Set()): Promise<ImportDigests> {
    const session = await DigestsAlongWrites.open(db, { context: IMPORT_HISTORY_CONTEXT, builtFor: scoringCutoff(now), overStored: true });
    if (!session) return new ImportDigests(undefined, new Set());
    try {
      return new ImportDigests(session, await withoutStoredHistory(db, historyCandidates(writes), drawn));
    } catch (error) {
      session.close();
      throw error;
    }
  }

  /** Whether the commit writes this document in IMPORT_HISTORY_CONTEXT (insertHeld), not as any other write. */
  writesAsHeld(write: CommitWrite): boolean {
    return this.session !== undefined && writtenAsHeld(write, this.held);
  }

  /**
   * Inserts new history rows of held accounts in the import's own context (validated like any write). A row someone
   * else stored under the same id meanwhile comes back as a 409 error; the caller writes it the ordinary way.
   */
  async insertHeld<T>(collection: RxCollection<T>, docs: readonly Record<string, unknown>[]): Promise<RxStorageWriteError<T>[]> {
    if (docs.length === 0) return [];
    const rows = docs.map((doc) => ({ document: fillObjectDataBeforeInsert(collection.schema, doc as never) }));
    return (await collection.storageInstance.bulkWrite(rows, IMPORT_HISTORY_CONTEXT)).error;
  }

  /** Every document is written: builds and stores the held accounts' digests and claims them. Returns whether it did. */
  async finish(writes: readonly CommitWrite[]): Promise<boolean> {
    if (!this.session) return false;
    try {
      const histories = heldHistories(writes, this.held);
      for (let i = 0; i < histories.length; i += STORE_DIGESTS_EVERY) await this.session.storeBatch(histories.slice(i, i + STORE_DIGESTS_EVERY));
      return await this.session.finish();
    } finally {
      this.session.close();
    }
  }

  close(): void {
    this.session?.close();
  }
}

/** Removes the digests of accounts whose history an undo or a rollback puts back (rebuilt from the raw history). */
export async function forgetDigestsOf(db: OutpostDatabase, accountIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(accountIds)];
  for (let i = 0; i < ids.length; i += 2000) await new DigestStore(db).remove(ids.slice(i, i + 2000));
}
