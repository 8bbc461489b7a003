import { canRead, type AccessUser } from '../../common/sync/access-policy';
import type { SyncedDocument } from '../../common/sync/wire-contract';

/** How a document is kept: the RxDB document (tombstones included) under `doc`, so PouchDB never deletes it. */
export interface StoredDocument {
  doc: SyncedDocument;
  /**
   * Scopes (owner + team) the document has left by re-assignment, each with the tombstone of its last version
   * there: whoever could read it in that scope (and no longer can) pulls the tombstone, so their replica drops it.
   */
  departed?: DepartedScope[];
  /** Set on the tombstone an Admin's move to another team leaves under the old team's key: the team it went to. */
  movedTo?: string;
  /** The team the document last came from by a move between teams (finishes a move interrupted by a crash). */
  movedFrom?: string;
  /** Accounts: the Yjs notes room (team-keys.ts, notesRoomOf), when it is not the storage key. */
  room?: string;
}

export interface DepartedScope {
  ownerId: string;
  teamId: string;
  tombstone: SyncedDocument;
}

/** Who a document belongs to. */
export interface Scope {
  ownerId: string;
  teamId: string;
}

const MAX_DEPARTED = 10;

/**
 * The access a person had before their role, team or shares changed, and how to redact what only it could read.
 * `shadowed` says the person now reads another document of the same id (their new team's copy): no tombstone then,
 * or it could land after that copy and drop it from their replica.
 */
export interface Former {
  access: AccessUser;
  redact: (doc: SyncedDocument) => SyncedDocument;
  shadowed?: (doc: SyncedDocument) => boolean;
}

/**
 * What `user` may see of a stored document: itself, the tombstone of a scope it left, or nothing. With `former` (the
 * access the user had before their role, team or shares changed), a document only the former access could read
 * comes back as a redacted tombstone, so their replica drops it.
 */
export function visibleTo(
  user: AccessUser,
  stored: StoredDocument,
  collection?: string,
  former?: Former,
): SyncedDocument | null {
  // The tombstone a move between teams leaves behind is for the old team's readers: an Admin reads the moved copy,
  // which has the same id, and would drop it if the tombstone (written after it) came last.
  if (stored.movedTo !== undefined && user.role === 'admin') return null;
  if (canRead(user, stored.doc, collection)) return stored.doc;
  const departed = stored.departed?.find((scope) => canRead(user, scope, collection))?.tombstone;
  if (departed) return departed;
  if (former && canRead(former.access, stored.doc, collection) && !former.shadowed?.(stored.doc)) return former.redact(stored.doc);
  return null;
}

/**
 * The scopes a document has left once `next` replaces what is stored: a re-assignment adds the old scope with the
 * tombstone of its last version there (newest first, at most MAX_DEPARTED); moving back into a scope drops it.
 */
export function departedAfter(stored: StoredDocument | null, next: SyncedDocument): DepartedScope[] | undefined {
  const previous = stored?.departed ?? [];
  const kept = previous.filter((scope) => scope.ownerId !== next.ownerId || scope.teamId !== next.teamId);
  const old = stored?.doc;
  if (old && (old.ownerId !== next.ownerId || old.teamId !== next.teamId) && !old._deleted) {
    const withoutOld = kept.filter((scope) => scope.ownerId !== old.ownerId || scope.teamId !== old.teamId);
    return [{ ownerId: old.ownerId, teamId: old.teamId, tombstone: { ...old, _deleted: true } }, ...withoutOld].slice(0, MAX_DEPARTED);
  }
  return kept.length ? kept : undefined;
}
