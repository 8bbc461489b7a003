import { createOutpostDatabase, type OutpostDatabase } from '../../../../common/db/create-database';
import { getOutpostDexieStorage } from '../../../../common/db/dexie-storage';

export const LOCAL_BOOK_NAME = 'outpost-book';

let opening: Promise<OutpostDatabase> | undefined;

/** The CSM's offline replica of their book, in IndexedDB. Opened once per window. */
export function openLocalBook(): Promise<OutpostDatabase> {
  opening ??= createOutpostDatabase({ name: LOCAL_BOOK_NAME, storage: getOutpostDexieStorage(), multiInstance: true });
  return opening;
}
