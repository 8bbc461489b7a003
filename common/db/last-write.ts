import type { DexieStorageInternals, RxCollection } from 'rxdb';

/** A position in a collection's change order: RxDB's per-document last-write time, ties broken by the primary key. */
export interface Checkpoint {
  lwt: number;
  id: string;
}

type DexieState = Awaited<DexieStorageInternals>;

/**
 * The newest write (or deletion) a collection holds, as a position in its change order; null when it holds none. Read
 * as the last key of the `[_meta.lwt+<primary key>]` index that RxDB's Dexie storage keeps on every collection: one
 * step of a reverse key cursor. RxDB's own queries only walk indexes forwards, so finding the newest write through
 * them reads every document; `undefined` says this storage (not Dexie: RxDB's memory storage in the Node benchmarks)
 * cannot tell without that.
 */
export async function lastWrite(collection: RxCollection): Promise<Checkpoint | null | undefined> {
  const wrapped = collection.storageInstance as { originalStorageInstance?: unknown };
  const instance = (wrapped.originalStorageInstance ?? wrapped) as { internals?: unknown };
  const internals = instance.internals as Promise<DexieState> | undefined;
  if (!internals || typeof internals.then !== 'function') return undefined;
  const table = (await internals).dexieTable;
  const primary = collection.schema.primaryPath as string;
  const index = `[_meta.lwt+${primary}]`;
  if (!table || !table.schema.indexes.some((i) => i.name === index)) return undefined;
  const key = (await table.orderBy(index).lastKey()) as [number, string] | undefined;
  return key ? { lwt: key[0], id: key[1] } : null;
}
