import { addRxPlugin, createRxDatabase, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { RxDBUpdatePlugin } from 'rxdb/plugins/update';
import { type CollectionName, collectionDefinitions, type OutpostCollections } from './collections';
import type { ChunkSizePolicy } from './chunk-size-policy';
import { chunkedWrites, type ChunkedWritesOptions } from './chunked-writes';
import { validatingStorage } from './validating-storage';

export type OutpostDatabase = RxDatabase<OutpostCollections>;

addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBUpdatePlugin);

export interface CreateDatabaseOptions {
  name: string;
  /** Dexie (IndexedDB) in the renderer; memory or Dexie + fake-indexeddb in Node tests. */
  storage: RxStorage<any, any>;
  /** Validate every write against the JSON schema. On by default; z-schema is used because it needs no eval (CSP).
   * Trusted bulk inserts of generated documents (`trustedBulkInsert`) skip it. */
  validate?: boolean;
  multiInstance?: boolean;
  /**
   * Open only these collections (default: all). The free RxDB opens at most 13 collections per process, so a test
   * holding two replicas in one process opens just what it replicates.
   */
  collections?: readonly CollectionName[];
  /**
   * Write bulk writes as consecutive writes of at most this many rows (common/db/chunked-writes.ts), yielding to the
   * event loop before each, so a large pulled or filled batch is not one main-thread task of seconds: a number is a
   * fixed size, a policy adapts the size to how long chunks take. Absent: each bulk write goes as it is.
   */
  writeChunkSize?: number | ChunkSizePolicy;
  /** The clock and the pause between chunks (tests inject them). */
  writeChunkTiming?: ChunkedWritesOptions;
}

/**
 * The app's books write in chunks of 250 to 1,000 documents per IndexedDB transaction, starting at 500 and shrinking
 * when a chunk takes longer than 250 ms from start to stored (docs/PERFORMANCE.md, the first hour). The time is the
 * chunk's wall time, which also holds the waits for IndexedDB: smaller chunks (a 40 ms target and 25 documents at
 * least, or 100 ms and 100) kept every chunk at the minimum on a loaded machine and made a first sync 1.7-2.5x
 * slower, from the number of transactions, with no shorter tasks.
 */
export const APP_WRITE_CHUNKS: ChunkSizePolicy = { initial: 500, min: 250, max: 1000, targetMs: 250 };

export const ALL_COLLECTIONS = Object.keys(collectionDefinitions) as readonly CollectionName[];

/** Adds collections to a book opened with only some of them (`CreateDatabaseOptions.collections`). */
export async function addOutpostCollections(db: OutpostDatabase, names: readonly CollectionName[]): Promise<void> {
  await db.addCollections(Object.fromEntries(names.map((name) => [name, collectionDefinitions[name]])));
}

/** Opens (or creates) the local book. Callers must `close()` it: the free RxDB limits open collections per process. */
export async function createOutpostDatabase(options: CreateDatabaseOptions): Promise<OutpostDatabase> {
  const checked = options.validate === false ? options.storage : validatingStorage(options.storage);
  // Outside the validation, so each chunk's validation is its own task too.
  const storage = options.writeChunkSize ? chunkedWrites(checked, options.writeChunkSize, options.writeChunkTiming) : checked;
  const db = await createRxDatabase<OutpostCollections>({
    name: options.name,
    storage,
    multiInstance: options.multiInstance ?? false,
    eventReduce: true,
    closeDuplicates: true,
  });
  await addOutpostCollections(db, options.collections ?? ALL_COLLECTIONS);
  return db;
}
