import type { RxCollection } from 'rxdb';
import type { OutpostDatabase } from '../db/create-database';
import { trustedBulkInsert } from '../db/validating-storage';
import type { IsoDate } from '../model';
import type { BookProfile } from './book-window';
import { todayUtc } from './demo-dates';
import { type AccountBundle, generateDemoBook } from './generate-demo-book';

export interface SeedProgress {
  done: number;
  total: number;
}

export interface DemoBookOptions {
  accounts: number;
  seed?: number;
  asOf?: IsoDate;
  teamId?: string;
  /** The book's causal story: 'demo' (default) or 'support-led' (common/demo/support-led-story.ts). */
  profile?: BookProfile;
  /** Accounts written per bulk insert; progress is reported after each batch. */
  batchSize?: number;
}

export const DEFAULT_DEMO_SEED = 42;
const DEFAULT_BATCH_SIZE = 250;
const WRITES_IN_FLIGHT = 2;

/**
 * Writes the demo book whatever the database holds (benchmarks use it). Each batch writes the accounts last, so an
 * account present in the book always has its contacts, usage, activities and revenue. Any rejected document fails
 * the whole seed with the collection, document id and reason.
 *
 * The generator is trusted: its documents are written without per-document schema validation (which cost more than
 * everything else of seeding together); `demo-book-schemas.test.ts` checks every kind of document it makes against the
 * collection schemas, so validation happens at the generator's boundary, in the tests.
 */
export async function seedDemoBook(
  db: OutpostDatabase,
  options: DemoBookOptions,
  onProgress: (progress: SeedProgress) => void,
): Promise<void> {
  const total = options.accounts;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`Demo book: batchSize must be a positive integer, got ${batchSize}`);
  const book = generateDemoBook({
    seed: options.seed ?? DEFAULT_DEMO_SEED,
    accounts: total,
    asOf: options.asOf ?? todayUtc(),
    ...(options.teamId === undefined ? {} : { teamId: options.teamId }),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
  });
  // Up to WRITES_IN_FLIGHT batches are written at once, so generating the next batch overlaps with the storage
  // committing the previous one (IndexedDB commits off the main thread). Progress is reported in batch order.
  const inFlight: Promise<number>[] = [];
  let done = 0;
  const settleOldest = async () => {
    done += await inFlight.shift()!;
    onProgress({ done, total });
  };
  let batch: AccountBundle[] = [];
  const flush = async () => {
    const writing = writeBatch(db, batch);
    writing.catch(() => {}); // awaited in order below; this only keeps an early failure from being "unhandled"
    inFlight.push(writing);
    batch = [];
    if (inFlight.length >= WRITES_IN_FLIGHT) await settleOldest();
    await yieldToEventLoop();
  };
  for (const bundle of book) {
    batch.push(bundle);
    if (batch.length === batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  while (inFlight.length > 0) await settleOldest();
}

/** The batch's contacts, usage, activities and revenue (each its own store, written concurrently), then its accounts. */
async function writeBatch(db: OutpostDatabase, batch: readonly AccountBundle[]): Promise<number> {
  const children = await Promise.allSettled([
    insertAll(db.contacts, 'contacts', batch.flatMap((b) => b.contacts)),
    insertAll(db.usage, 'usage', batch.flatMap((b) => b.usage)),
    insertAll(db.activities, 'activities', batch.flatMap((b) => b.activities)),
    insertAll(db.revenue, 'revenue', batch.flatMap((b) => b.revenue)),
  ]);
  // The first failure in collection order, whichever store answered first.
  const failed = children.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  await insertAll(db.accounts, 'accounts', batch.map((b) => b.account));
  return batch.length;
}

/**
 * Inserts generated documents. With `skipExisting`, a document already stored (same deterministic id, so the same
 * content: a fill resumed after an interruption) is left as it is rather than written again. `context`: the bulkWrite
 * context (a trusted one, registerTrustedWriteContext), by default TRUSTED_BULK_INSERT_CONTEXT.
 */
export async function insertAll<T>(collection: RxCollection<T>, name: string, docs: T[], skipExisting = false, context?: string): Promise<void> {
  const found = await trustedBulkInsert(collection, docs, context);
  const errors = skipExisting ? found.filter((error) => error.status !== 409) : found;
  if (errors.length === 0) return;
  const first = errors[0]!;
  const reason = first.status === 409 ? 'a document with this id already exists' : `storage error ${first.status}`;
  throw new Error(
    `Demo book: ${errors.length} of ${docs.length} ${name} documents were rejected; first "${first.documentId}": ${reason}`,
  );
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
