import { canRead, type AccessUser } from '../../common/sync/access-policy';
import type { Checkpoint } from '../../common/sync/wire-contract';
import { type StoredDocument, visibleTo } from './stored-document';

type Former = Parameters<typeof visibleTo>[3];

interface IndexEntry {
  seq: number;
  stored: StoredDocument;
  json: string;
  superseded: boolean;
}

/**
 * The latest state of every document in sequence order (as the changes feed would list it): an append-only array
 * whose superseded entries are skipped and compacted away, plus a map from id to the live entry.
 */
export class SequenceIndex {
  private entries: IndexEntry[] = [];
  private readonly byId = new Map<string, IndexEntry>();
  private superseded = 0;
  seq = 0;

  put(seq: number, stored: StoredDocument): void {
    const previous = this.byId.get(stored.doc.id);
    if (previous) {
      previous.superseded = true;
      this.superseded += 1;
    }
    const entry: IndexEntry = { seq, stored, json: JSON.stringify(stored.doc), superseded: false };
    this.entries.push(entry);
    this.byId.set(stored.doc.id, entry);
    this.advance(seq);
    if (this.superseded > 1000 && this.superseded > this.entries.length / 2) {
      this.entries = this.entries.filter((each) => !each.superseded);
      this.superseded = 0;
    }
  }

  advance(seq: number): void {
    if (seq > this.seq) this.seq = seq;
  }

  pull(user: AccessUser, collection: string, since: number, limit: number, former?: Former): { documents: string[]; checkpoint: Checkpoint } {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.entries[mid]!.seq <= since) low = mid + 1;
      else high = mid;
    }
    const documents: string[] = [];
    for (let i = low; i < this.entries.length; i++) {
      const entry = this.entries[i]!;
      if (entry.superseded) continue;
      if (canRead(user, entry.stored.doc, collection)) documents.push(entry.json);
      else {
        const tombstone = visibleTo(user, entry.stored, collection, former);
        if (tombstone) documents.push(JSON.stringify(tombstone));
      }
      if (documents.length === limit) return { documents, checkpoint: { seq: entry.seq } };
    }
    return { documents, checkpoint: { seq: Math.max(since, this.seq) } };
  }
}
