import type { RxJsonSchema, RxStorage, RxStorageInstance } from 'rxdb';
import { getOutpostDexieStorage } from '../dexie-storage';

/**
 * One tab's storage instance of a multi-instance book, for tests of what tabs see of each other: its own
 * `databaseInstanceToken` (so its own BroadcastChannel end), added to `opened` for the test to close.
 */
export async function openTabInstance(
  opened: RxStorageInstance<any, any, any>[],
  { databaseName, tab, collectionName, schema, storage = getOutpostDexieStorage() }: {
    databaseName: string;
    tab: string;
    collectionName: string;
    schema: RxJsonSchema<any>;
    storage?: RxStorage<any, any>;
  },
): Promise<RxStorageInstance<any, any, any>> {
  const instance = await storage.createStorageInstance<any>({
    databaseName,
    collectionName,
    databaseInstanceToken: tab,
    multiInstance: true,
    options: {},
    devMode: false,
    schema,
  });
  opened.push(instance);
  return instance;
}
