import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import PouchDB from 'pouchdb-node';

/** The LevelDB binding PouchDB's leveldb adapter itself uses (resolved from the adapter, not a dependency of ours). */
interface LevelDown {
  compactRange(start: Buffer, end: Buffer, callback: (error?: Error | null) => void): void;
  del(key: Buffer, callback: (error?: Error | null) => void): void;
}
// `__filename`, not `import.meta.url`: this module is loaded as CommonJS by tsx and Playwright (which refuses
// import.meta there) and by vitest, which provides `__filename` too.
const leveldown = createRequire(createRequire(__filename).resolve('pouchdb-adapter-leveldb'))('leveldown') as (location: string) => LevelDown;
/** Each local database's LevelDB, by its path, so an erase can compact it (see compactFully). */
const levelDbs = new Map<string, LevelDown>();
function outpostLeveldown(location: string): LevelDown {
  const db = leveldown(location);
  levelDbs.set(location, db);
  return db;
}

/**
 * Where the server keeps its databases: a LevelDB directory per database under the data dir (the default), or an
 * Apache CouchDB cluster when `storage` is an http(s) URL (databases are created as `<url>/<prefix><name>`).
 */
export interface StorageLocation {
  dataDir: string;
  /** `http(s)://user:pass@host:5984/` to use CouchDB; absent for local LevelDB files. */
  storage?: string;
}

export type Database<T extends object = Record<string, unknown>> = PouchDB.Database<T>;

export function isRemote(location: StorageLocation): boolean {
  return !!location.storage && /^https?:\/\//.test(location.storage);
}

export function openDatabase<T extends object>(location: StorageLocation, name: string): Database<T> {
  if (!/^[a-z][a-z0-9_-]*$/.test(name)) throw new Error(`Invalid database name "${name}"`);
  if (location.storage && /^https?:\/\//.test(location.storage)) {
    const base = location.storage.endsWith('/') ? location.storage : `${location.storage}/`;
    return new PouchDB<T>(`${base}outpost-${name}`);
  }
  mkdirSync(location.dataDir, { recursive: true });
  return new PouchDB<T>(join(location.dataDir, name), { db: outpostLeveldown } as PouchDB.Configuration.DatabaseConfiguration);
}

/** The whole key range of a LevelDB (PouchDB's and y-leveldb's keys never start with a NUL or a run of 0xff). */
const FIRST_KEY = Buffer.from([0]);
const LAST_KEY = Buffer.alloc(256, 0xff);

/** The two operations of a LevelDB handle that `compactWholeRange` needs, as promises. */
export interface CompactableLevel {
  del(key: Buffer): Promise<void>;
  compactRange(start: Buffer, end: Buffer): Promise<void>;
}

/**
 * Rewrites every table of a LevelDB so that overwritten and deleted values are gone from its files (LevelDB keeps
 * them in its log and tables until a compaction happens to reach them). CompactRange alone is not enough: it only
 * merges each level into the next one down, so a table already at the deepest level keeps every version of its keys,
 * and it may flush the in-memory table straight into level 2. Deletion markers for the two ends of the key range make
 * the flushed table span the whole range, so each level's compaction takes in every table of the level below, down
 * to the deepest. The second pass covers what the first flushed below its reach.
 */
export async function compactWholeRange(level: CompactableLevel): Promise<void> {
  for (let pass = 0; pass < 2; pass++) {
    await level.del(FIRST_KEY);
    await level.del(LAST_KEY);
    await level.compactRange(FIRST_KEY, LAST_KEY);
  }
}

/**
 * Drops every superseded byte a database holds (for erasing personal data): PouchDB's compaction removes the bodies
 * of old revisions, then a local database's LevelDB is compacted whole (`compactWholeRange`). CouchDB compacts on
 * its own side (`compact()` asks it to).
 */
export async function compactFully(db: Database<any>): Promise<void> {
  await db.compact();
  const level = levelDbs.get(db.name);
  if (!level) return;
  const call = (run: (done: (error?: Error | null) => void) => void) =>
    new Promise<void>((resolve, reject) => run((error) => (error ? reject(error) : resolve())));
  await compactWholeRange({
    del: (key) => call((done) => level.del(key, done)),
    compactRange: (start, end) => call((done) => level.compactRange(start, end, done)),
  });
}

export function isConflict(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: number }).status === 409;
}

export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: number }).status === 404;
}
