import { randomUUID } from 'node:crypto';
import type { StoredDocument } from './stored-document';

/**
 * Each team has its own id space. A synced document is stored under `<id>\u001f<teamId>` (the team it is in now), so
 * one team's id never blocks or reveals another team's document of the same id; clients keep seeing the plain id.
 * Ids may not hold control characters (documentIdSchema), so the separator cannot occur in an id, and keys written
 * before id spaces (the plain id) are told apart by its absence. The id comes first so every team's copy of one id is
 * one key range (Admins and the admin routes find them with one range read).
 */
export const KEY_SEPARATOR = '\u001f';

export function storageKey(id: string, teamId: string): string {
  return `${id}${KEY_SEPARATOR}${teamId}`;
}

export function isTeamKey(key: string): boolean {
  return key.includes(KEY_SEPARATOR);
}

/** The plain id of a storage key. */
export function idOfKey(key: string): string {
  const at = key.indexOf(KEY_SEPARATOR);
  return at < 0 ? key : key.slice(0, at);
}

/** The key range holding every team's copy of `id`. */
export function copiesRange(id: string): { startkey: string; endkey: string } {
  return { startkey: `${id}${KEY_SEPARATOR}`, endkey: `${id}${KEY_SEPARATOR}\uffff` };
}

/**
 * The Yjs notes room of an account (the part after `notes/`): it follows the account when an Admin moves it to
 * another team (`room` travels with it), accounts from before id spaces keep their plain-id room, and an id a team
 * re-creates after its account moved away gets a fresh room (see CollectionStore.write).
 */
export function notesRoomOf(stored: StoredDocument, key: string): string {
  return stored.room ?? key;
}

/** Raised when a move would land on an id the target team already uses for a live document. */
export class IdTakenError extends Error {
  constructor(readonly id: string, readonly teamId: string) {
    super(`Team "${teamId}" already has a document "${id}"`);
  }
}

/**
 * What a new state written under `key` keeps of the stored record besides the document: the notes room stays with the
 * key, unless the account it named moved away (an id re-created then gets a new room), and `movedFrom` the same way.
 */
export function carriedOver(key: string, stored: StoredDocument | null): Pick<StoredDocument, 'room' | 'movedFrom'> {
  const movedAway = stored?.movedTo !== undefined;
  const room = movedAway ? `${key}${KEY_SEPARATOR}${randomUUID()}` : stored?.room;
  const movedFrom = movedAway ? undefined : stored?.movedFrom;
  return { ...(room ? { room } : {}), ...(movedFrom ? { movedFrom } : {}) };
}
