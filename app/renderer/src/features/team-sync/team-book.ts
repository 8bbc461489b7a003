import type { SyncSession } from '../../../../../common/bridge/contract';
import { APP_WRITE_CHUNKS, createOutpostDatabase, type OutpostDatabase } from '../../../../../common/db/create-database';
import { getOutpostDexieStorage } from '../../../../../common/db/dexie-storage';
import { rememberOpenedBook } from '../../db/book-hint';
import { closeLocalBook } from '../../db/local-book';

/**
 * The local replica of one team server for one user: its own IndexedDB database, so the device's demo book is never
 * pushed to a team server and two sign-ins on one device never mix their books.
 */
export function teamBookName(session: Pick<SyncSession, 'serverUrl'> & { user: Pick<SyncSession['user'], 'id'> }): string {
  // FNV-1a of server and user: RxDB names allow only [a-z0-9_$-].
  let hash = 0x811c9dc5;
  for (const char of `${session.serverUrl}|${session.user.id}`) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `outpost-team-${hash.toString(16).padStart(8, '0')}`;
}

const opening = new Map<string, Promise<OutpostDatabase>>();

/** Opened once per window, like the local book; switching books reloads the window. */
export function openTeamBook(session: SyncSession): Promise<OutpostDatabase> {
  const name = teamBookName(session);
  let db = opening.get(name);
  if (!db) {
    rememberOpenedBook('team');
    db = closeLocalBook().then(() => createOutpostDatabase({ name, storage: getOutpostDexieStorage(), multiInstance: true, writeChunkSize: APP_WRITE_CHUNKS }));
    opening.set(name, db);
  }
  return db;
}

let activeTokens: { getAccessToken(): Promise<string> } | null = null;

/** The token keeper of the open team book, for the parts that sync outside RxDB (the Yjs shared notes). */
export function setActiveTokens(tokens: { getAccessToken(): Promise<string> } | null): void {
  activeTokens = tokens;
}

export function getActiveTokens(): { getAccessToken(): Promise<string> } | null {
  return activeTokens;
}
