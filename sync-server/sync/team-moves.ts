import type { SyncedDocument } from '../../common/sync/wire-contract';
import { isConflict, type Database } from '../storage/storage';
import { departedAfter, type Scope, type StoredDocument } from './stored-document';
import { carriedOver, IdTakenError, notesRoomOf, storageKey } from './team-keys';

/**
 * Documents changing scope, between teams above all (each team has its own id space, team-keys.ts): where a decided
 * state is written (in place, or under the new team's key with a tombstone left behind), what a push records as a
 * move, which ids a member may not claim for their team, and how an account's documents follow it. The collection
 * store (collection-store.ts) decides pushes and calls these to write.
 */

export type Stored = StoredDocument & { _rev: string };

/** What these writes need of a collection's storage: its database, and a read of the record under a key. */
export interface KeyedStorage {
  readonly db: Database<StoredDocument>;
  get(key: string): Promise<Stored | null>;
}

/** A document whose owner or team a write changed (a re-assignment), with the scope it moved into. */
export interface Move {
  id: string;
  fromTeamId: string;
  scope: Scope;
}

/** Adds to `moved` the document `after` if it left the owner or team of `before` (and was not deleted). */
export function noteMove(moved: Move[], before: SyncedDocument | null, after: SyncedDocument): void {
  if (before && !after._deleted && (before.ownerId !== after.ownerId || before.teamId !== after.teamId)) {
    moved.push({ id: after.id, fromTeamId: before.teamId, scope: { ownerId: after.ownerId, teamId: after.teamId } });
  }
}

/**
 * Ids that start with a team id (team settings: `<teamId>:segment:<id>`, `<teamId>:model`) belong to that team: a
 * member of another team may not create them first and so lock the owning team out of its own ids.
 */
export function claimsAnotherTeamsId(doc: SyncedDocument): boolean {
  const prefix = /^(team-[0-9a-f-]{36})(?::|$)/.exec(doc.id)?.[1];
  return prefix !== undefined && prefix !== doc.teamId;
}

/**
 * Writes the decided state of the document stored under `key`: in place, or, when it moves to another team, under
 * that team's key with a tombstone left under the old one. False when someone else wrote it since it was read;
 * 'taken' when the other team already has a live document of this id.
 */
export async function decidedWrite(storage: KeyedStorage, key: string, stored: Stored | null, doc: SyncedDocument): Promise<boolean | 'taken'> {
  if (key === storageKey(doc.id, doc.teamId)) return writeStored(storage, key, stored, doc);
  if (!stored) {
    const target = await storage.get(storageKey(doc.id, doc.teamId));
    return target && !target.doc._deleted ? 'taken' : writeStored(storage, storageKey(doc.id, doc.teamId), target, doc);
  }
  return writeAcross(storage, key, stored, doc);
}

/** False when someone else wrote the document since it was read. */
async function writeStored(storage: KeyedStorage, key: string, stored: Stored | null, doc: SyncedDocument, extra: Partial<StoredDocument> = {}): Promise<boolean> {
  const departed = departedAfter(stored, doc);
  const record: StoredDocument = { doc, ...(departed ? { departed } : {}), ...carriedOver(key, stored), ...extra };
  try {
    await storage.db.put({ _id: key, ...(stored ? { _rev: stored._rev } : {}), ...record });
    return true;
  } catch (error) {
    if (isConflict(error)) return false;
    throw error;
  }
}

/**
 * A move to another team (an Admin's re-assignment): the document is written under the new team's key first
 * (carrying its notes room), then the old key becomes a tombstone marked `movedTo`, which the old team's readers
 * pull and drop. A crash in between leaves both; the move run again finds its own copy (`movedFrom`) and finishes.
 */
async function writeAcross(storage: KeyedStorage, key: string, stored: Stored, doc: SyncedDocument): Promise<boolean | 'taken'> {
  const targetKey = storageKey(doc.id, doc.teamId);
  const target = await storage.get(targetKey);
  const fromTeam = stored.doc.teamId;
  const finishing = !!target && !target.doc._deleted && target.movedFrom === fromTeam && !stored.doc._deleted;
  if (target && !target.doc._deleted && !finishing) return 'taken';
  if (!finishing) {
    const room = notesRoomOf(stored, key);
    const written = await writeStored(storage, targetKey, target, doc, { room, movedFrom: fromTeam });
    if (!written) return false;
  }
  try {
    await storage.db.put({ _id: key, _rev: stored._rev, doc: { ...stored.doc, _deleted: true }, ...(stored.departed ? { departed: stored.departed } : {}), movedTo: doc.teamId });
    return true;
  } catch (error) {
    if (isConflict(error)) return false;
    throw error;
  }
}

/** What following an account needs of a collection store. */
export interface AccountDocuments {
  idsForAccount(teamId: string, accountId: string): Promise<string[]>;
  serverWrite(teamId: string, id: string, change: (current: SyncedDocument) => SyncedDocument | null): Promise<SyncedDocument | null>;
  /** Ids a move between teams left where they were, because the new team already used them. */
  readonly collisions: { id: string; teamId: string }[];
}

/**
 * Moves the documents of an account that belong to the account's team (`fromTeamId`, the team it left) into
 * `scope` with a stamped server write. Another team's documents that merely name the account stay where they are.
 */
export async function moveAccountDocuments(store: AccountDocuments, accountId: string, fromTeamId: string, scope: Scope, stamp: () => string): Promise<SyncedDocument[]> {
  const moved: SyncedDocument[] = [];
  for (const id of await store.idsForAccount(fromTeamId, accountId)) {
    try {
      const written = await store.serverWrite(fromTeamId, id, (current) => {
        if (current.teamId !== fromTeamId) return null;
        if (current.ownerId === scope.ownerId && current.teamId === scope.teamId) return null;
        const at = stamp();
        return { ...current, ...scope, updatedAt: at, fieldStamps: { ...current.fieldStamps, ownerId: at, teamId: at } };
      });
      if (written) moved.push(written);
    } catch (error) {
      // The new team already uses this id for a document of its own: this one stays in the team it was in.
      if (!(error instanceof IdTakenError)) throw error;
      store.collisions.push({ id, teamId: error.teamId });
    }
  }
  return moved;
}
