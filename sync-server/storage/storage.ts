import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import PouchDB from 'pouchdb-node';

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
  return new PouchDB<T>(join(location.dataDir, name));
}

export function isConflict(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: number }).status === 409;
}

export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: number }).status === 404;
}
