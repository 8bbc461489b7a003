import 'fake-indexeddb/auto';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createOutpostDatabase, type OutpostDatabase } from './create-database';

let counter = 0;

/** A fresh, validating book on Dexie + fake-indexeddb for Node tests. Close it when done (RxDB's collection limit). */
export function openTestDatabase(prefix = 'test'): Promise<OutpostDatabase> {
  counter += 1;
  return createOutpostDatabase({ name: `${prefix}${process.pid}x${counter}x${Date.now()}`, storage: getRxStorageDexie() });
}
