import 'fake-indexeddb/auto';
import { createOutpostDatabase, type OutpostDatabase } from '../create-database';
import { getOutpostDexieStorage } from '../dexie-storage';

let counter = 0;

/** A fresh, validating book on Dexie (the app's storage, see dexie-storage.ts) + fake-indexeddb for Node tests. Close it when done (RxDB's collection limit). */
export function openTestDatabase(prefix = 'test'): Promise<OutpostDatabase> {
  counter += 1;
  return createOutpostDatabase({ name: `${prefix}${process.pid}x${counter}x${Date.now()}`, storage: getOutpostDexieStorage() });
}
