import { canRead, type AccessUser } from '../../common/sync/access-policy';
import type { Checkpoint } from '../../common/sync/wire-contract';
import { type Former, type StoredDocument, visibleTo } from './stored-document';
import { storageKey } from './team-keys';

interface IndexEntry {
  seq: number;
  stored: StoredDocument;
  json: string;
  superseded: boolean;
}

/** Where the account lookup files a stored document: its team and account, as the database view keys it. */
function accountSlot(stored: StoredDocument): string | undefined {
  const { accountId, teamId } = stored.doc as { accountId?: unknown; teamId?: unknown };
  return typeof accountId === 'string' && accountId !== '' ? `${String(teamId)}\u0000${accountId}` : undefined;
}

/**
 * The latest state of every document in sequence order (as the changes feed would list it): an append-only array
 * whose superseded entries are skipped and compacted away, plus a map from storage key (team-keys.ts) to the live entry,
 * and the storage keys of each team's documents of each account (what the database's `by_account` view answers,
 * without evaluating its map function for every change: a bulk re-assignment asks once per account and collection).
 */
export class SequenceIndex {
  private entries: IndexEntry[] = [];
  private readonly byKey = new Map<string, IndexEntry>();
  private readonly byAccount = new Map<string, Set<string>>();
  private superseded = 0;
  seq = 0;

  put(seq: number, key: string, stored: StoredDocument): void {
    this.supersede(key);
    const entry: IndexEntry = { seq, stored, json: JSON.stringify(stored.doc), superseded: false };
    this.entries.push(entry);
    this.byKey.set(key, entry);
    const slot = accountSlot(stored);
    if (slot !== undefined) {
      const keys = this.byAccount.get(slot);
      if (keys) keys.add(key);
      else this.byAccount.set(slot, new Set([key]));
    }
    this.advance(seq);
    if (this.superseded > 1000 && this.superseded > this.entries.length / 2) {
      this.entries = this.entries.filter((each) => !each.superseded);
      this.superseded = 0;
    }
  }

  /** A key removed from the database (a document stored before id spaces, once moved under its team's key). */
  remove(seq: number, key: string): void {
    this.supersede(key);
    this.byKey.delete(key);
    this.advance(seq);
  }

  private supersede(key: string): void {
    const previous = this.byKey.get(key);
    if (previous) {
      previous.superseded = true;
      this.superseded += 1;
      const slot = accountSlot(previous.stored);
      const keys = slot === undefined ? undefined : this.byAccount.get(slot);
      if (keys?.delete(key) && keys.size === 0) this.byAccount.delete(slot!);
    }
  }

  /** The storage keys of the documents whose latest state names `accountId` in `teamId`, in key order. */
  accountKeys(teamId: string, accountId: string): string[] {
    return [...(this.byAccount.get(`${teamId}\u0000${accountId}`) ?? [])].sort();
  }

  /** The latest stored state under a key. */
  get(key: string): StoredDocument | undefined {
    return this.byKey.get(key)?.stored;
  }

  advance(seq: number): void {
    if (seq > this.seq) this.seq = seq;
  }

  /**
   * Up to `limit` documents after `since` as `user` may read them. With `countRemaining`, also how many more the user
   * may pull after this page (one pass over the rest of the index; a client asks on its first pull of a session, for
   * its progress bar), counted with the same access test as the documents, so it says nothing about what they cannot read.
   */
  pull(
    user: AccessUser,
    collection: string,
    since: number,
    limit: number,
    former?: Former,
    countRemaining = false,
  ): { documents: string[]; checkpoint: Checkpoint; remaining?: number } {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.entries[mid]!.seq <= since) low = mid + 1;
      else high = mid;
    }
    const ownTeam = user.teamId;
    const withShadow: Former | undefined =
      former && ownTeam !== null
        ? { ...former, shadowed: (doc) => doc.teamId !== ownTeam && canReadStored(user, this.byKey.get(storageKey(doc.id, ownTeam))?.stored, collection) }
        : former;
    const documents: string[] = [];
    for (let i = low; i < this.entries.length; i++) {
      const entry = this.entries[i]!;
      if (entry.superseded) continue;
      const seen = this.seenAs(user, collection, entry, withShadow);
      if (seen !== null) documents.push(typeof seen === 'string' ? seen : JSON.stringify(seen));
      if (documents.length === limit) {
        const checkpoint = { seq: entry.seq };
        if (!countRemaining) return { documents, checkpoint };
        let remaining = 0;
        for (let j = i + 1; j < this.entries.length; j++) {
          const later = this.entries[j]!;
          if (!later.superseded && this.seenAs(user, collection, later, withShadow) !== null) remaining += 1;
        }
        return { documents, checkpoint, remaining };
      }
    }
    return { documents, checkpoint: { seq: Math.max(since, this.seq) }, ...(countRemaining ? { remaining: 0 } : {}) };
  }

  /** An entry as `user` pulls it: its JSON, a tombstone (moved away, or readable only with their former access), or nothing. */
  private seenAs(user: AccessUser, collection: string, entry: IndexEntry, withShadow: Former | undefined): string | object | null {
    if (entry.stored.movedTo === undefined && canRead(user, entry.stored.doc, collection)) return entry.json;
    return visibleTo(user, entry.stored, collection, withShadow);
  }
}

/** Does `user` read the document stored as `stored` (not a tombstone left by a move)? */
export function canReadStored(user: AccessUser, stored: StoredDocument | undefined | null, collection: string): boolean {
  return !!stored && stored.movedTo === undefined && canRead(user, stored.doc, collection);
}
