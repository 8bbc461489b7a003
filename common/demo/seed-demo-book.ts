import type { RxCollection } from 'rxdb';
import type { OutpostDatabase } from '../db/create-database';
import type { IsoDate } from '../model';
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
  /** Accounts written per bulk insert; progress is reported after each batch. */
  batchSize?: number;
}

export const DEFAULT_DEMO_SEED = 42;
const DEFAULT_BATCH_SIZE = 200;

/** Seeds the demo book into an empty database; does nothing if the book already has accounts. */
export async function ensureDemoBook(
  db: OutpostDatabase,
  options: DemoBookOptions,
  onProgress: (progress: SeedProgress) => void,
): Promise<{ seeded: boolean }> {
  const existing = await db.accounts.findOne().exec();
  if (existing) return { seeded: false };
  await seedDemoBook(db, options, onProgress);
  return { seeded: true };
}

/**
 * Writes the demo book whatever the database holds (benchmarks use it). Each batch writes the accounts last, so an
 * account present in the book always has its contacts, usage, activities and revenue. Any rejected document fails
 * the whole seed with the collection, document id and reason.
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
  });
  let done = 0;
  let batch: AccountBundle[] = [];
  for (const bundle of book) {
    batch.push(bundle);
    if (batch.length === batchSize) {
      done += await writeBatch(db, batch);
      batch = [];
      onProgress({ done, total });
      await yieldToEventLoop();
    }
  }
  if (batch.length > 0) {
    done += await writeBatch(db, batch);
    onProgress({ done, total });
  }
}

async function writeBatch(db: OutpostDatabase, batch: readonly AccountBundle[]): Promise<number> {
  await insertAll(db.contacts, 'contacts', batch.flatMap((b) => b.contacts));
  await insertAll(db.usage, 'usage', batch.flatMap((b) => b.usage));
  await insertAll(db.activities, 'activities', batch.flatMap((b) => b.activities));
  await insertAll(db.revenue, 'revenue', batch.flatMap((b) => b.revenue));
  await insertAll(db.accounts, 'accounts', batch.map((b) => b.account));
  return batch.length;
}

async function insertAll<T>(collection: RxCollection<T>, name: string, docs: T[]): Promise<void> {
  if (docs.length === 0) return;
  const result = await collection.bulkInsert(docs);
  if (result.error.length === 0) return;
  const first = result.error[0]!;
  const reason =
    first.status === 409
      ? 'a document with this id already exists'
      : first.status === 422
        ? `schema validation failed: ${first.validationErrors.map(describeValidationError).join('; ')}`
        : `storage error ${first.status}`;
  throw new Error(
    `Demo book: ${result.error.length} of ${docs.length} ${name} documents were rejected; first "${first.documentId}": ${reason}`,
  );
}

/** z-schema reports `path`, other validators `field`. */
function describeValidationError(error: { field?: string; message: string; path?: unknown }): string {
  const where = error.path ?? error.field;
  return where === undefined || where === '' ? error.message : `${String(where)}: ${error.message}`;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
