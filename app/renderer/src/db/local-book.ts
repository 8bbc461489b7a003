import { createOutpostDatabase, type OutpostDatabase } from '../../../../common/db/create-database';
import { getOutpostDexieStorage } from '../../../../common/db/dexie-storage';

export const LOCAL_BOOK_NAME = 'outpost-book';

let opening: Promise<OutpostDatabase> | undefined;

/** The CSM's offline replica of their book, in IndexedDB. Opened once per window. */
export function openLocalBook(): Promise<OutpostDatabase> {
  opening ??= createOutpostDatabase({ name: LOCAL_BOOK_NAME, storage: getOutpostDexieStorage(), multiInstance: true });
  return opening;
}

/** Closes the local book if this window opened it (before a team replica opens: RxDB allows 13 collections per process). */
export async function closeLocalBook(): Promise<void> {
  const open = opening;
  if (!open) return;
  opening = undefined;
  await (await open.catch(() => null))?.close();
}
