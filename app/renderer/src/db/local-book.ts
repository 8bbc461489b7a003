import { addOutpostCollections, ALL_COLLECTIONS, APP_WRITE_CHUNKS, createOutpostDatabase, type OutpostDatabase } from '../../../../common/db/create-database';
import { getOutpostDexieStorage } from '../../../../common/db/dexie-storage';

export const LOCAL_BOOK_NAME = 'outpost-book';

interface Opening {
  /** The book with only its accounts collection added yet. */
  accounts: Promise<Pick<OutpostDatabase, 'accounts'>>;
  /** The book with all its collections. */
  book: Promise<OutpostDatabase>;
}

let opening: Opening | undefined;

/**
 * The accounts collection is added first and the others right after, into the same database: the grid's read (started
 * by open-early as soon as `accounts` resolves) then reaches IndexedDB, which serves an origin's requests in turn,
 * ahead of opening eight collections the first screen does not read.
 */
function startOpening(): Opening {
  const accounts = createOutpostDatabase({
    name: LOCAL_BOOK_NAME,
    storage: getOutpostDexieStorage(),
    multiInstance: true,
    collections: ['accounts'],
    writeChunkSize: APP_WRITE_CHUNKS,
  });
  const book = accounts.then(async (db) => {
    await addOutpostCollections(db, ALL_COLLECTIONS.filter((name) => name !== 'accounts'));
    return db;
  });
  return { accounts, book };
}

/** The CSM's offline replica of their book, in IndexedDB, with all its collections. Opened once per window. */
export function openLocalBook(): Promise<OutpostDatabase> {
  opening ??= startOpening();
  return opening.book;
}

/** The local book as soon as its accounts collection is open (the others may still be opening): for the grid's read. */
export function openLocalBookAccounts(): Promise<Pick<OutpostDatabase, 'accounts'>> {
  opening ??= startOpening();
  return opening.accounts;
}

/** Closes the local book if this window opened it (before a team replica opens: RxDB allows 13 collections per process). */
export async function closeLocalBook(): Promise<void> {
  const open = opening;
  if (!open) return;
  opening = undefined;
  await open.book.catch(() => null);
  await ((await open.accounts.catch(() => null)) as OutpostDatabase | null)?.close();
}
