import { canRead, canWrite, type AccessUser } from '../common/sync/access-policy';
import { canonicalJson, mergeFields, type LosingValue } from '../common/sync/merge-fields';
import type { Checkpoint, PushRow, SyncedDocument } from './request-schemas';
import { isConflict, isNotFound, type Database } from './storage';

/** How a document is kept: the RxDB document (tombstones included) under `doc`, so PouchDB never deletes it. */
export interface StoredDocument {
  doc: SyncedDocument;
}

export interface PullResult {
  documents: SyncedDocument[];
  checkpoint: Checkpoint;
}

export interface PushOutcome {
  /** Master states the client must adopt: RxDB's push-handler answer. */
  conflicts: SyncedDocument[];
  written: SyncedDocument[];
  refused: string[];
  merges: { id: string; losers: LosingValue[] }[];
}

type Listener = (change: { doc: SyncedDocument; seq: Checkpoint['seq'] }) => void;

function sameState(a: SyncedDocument | null | undefined, b: SyncedDocument | null | undefined): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

/** Stands in for a document the client may not see: its own write, deleted, so the client rolls it back. */
function rollback(doc: SyncedDocument): SyncedDocument {
  return { ...doc, _deleted: true };
}

/**
 * One synced collection on the server: RxDB-protocol pull (checkpoint = the PouchDB changes-feed sequence), push
 * with conflict detection and a per-field merge, and a fan-out of live changes, all filtered by the access policy.
 */
export class CollectionStore {
  private readonly listeners = new Set<Listener>();
  private feed: PouchDB.Core.Changes<StoredDocument> | undefined;

  constructor(
    readonly name: string,
    private readonly db: Database<StoredDocument>,
  ) {}

  async pull(user: AccessUser, checkpoint: Checkpoint | null, limit: number): Promise<PullResult> {
    const documents: SyncedDocument[] = [];
    let since: Checkpoint['seq'] = checkpoint?.seq ?? 0;
    // Keep scanning past documents the user may not read: RxDB stops pulling when a batch comes back short.
    for (;;) {
      const page = await this.db.changes({ since, limit, include_docs: true });
      for (const change of page.results) {
        since = change.seq;
        const doc = change.doc?.doc;
        if (doc && canRead(user, doc)) documents.push(doc);
        if (documents.length === limit) return { documents, checkpoint: { seq: since } };
      }
      if (page.results.length < limit) return { documents, checkpoint: { seq: page.last_seq } };
      since = page.last_seq;
    }
  }

  async push(user: AccessUser, rows: PushRow[]): Promise<PushOutcome> {
    const outcome: PushOutcome = { conflicts: [], written: [], refused: [], merges: [] };
    for (const row of rows) await this.pushRow(user, row, outcome);
    return outcome;
  }

  private async pushRow(user: AccessUser, row: PushRow, outcome: PushOutcome): Promise<void> {
    const incoming = row.newDocumentState;
    const stored = await this.get(incoming.id);
    const master = stored?.doc ?? null;
    const refuse = () => {
      outcome.refused.push(incoming.id);
      outcome.conflicts.push(master && canRead(user, master) ? master : rollback(incoming));
    };

    if (master && !sameState(master, row.assumedMasterState)) {
      if (!canRead(user, master)) return refuse();
      const { merged, losers } = mergeFields(master, incoming);
      if (sameState(merged, master) || !canWrite(user, master, merged, this.name)) {
        outcome.conflicts.push(master);
        return;
      }
      if (await this.write(incoming.id, stored, merged)) {
        outcome.merges.push({ id: incoming.id, losers });
        outcome.written.push(merged);
        outcome.conflicts.push(merged);
      } else {
        outcome.conflicts.push(await this.currentFor(user, incoming));
      }
      return;
    }

    if (!canWrite(user, master, incoming, this.name)) return refuse();
    if (await this.write(incoming.id, stored, incoming)) outcome.written.push(incoming);
    else outcome.conflicts.push(await this.currentFor(user, incoming));
  }

  /** Live changes from now on; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    this.feed ??= this.db
      .changes({ live: true, since: 'now', include_docs: true })
      .on('change', (change) => {
        const doc = change.doc?.doc;
        if (doc) for (const each of this.listeners) each({ doc, seq: change.seq });
      });
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.feed?.cancel();
    this.listeners.clear();
  }

  private async get(id: string): Promise<(StoredDocument & { _rev: string }) | null> {
    try {
      return await this.db.get(id);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** False when someone else wrote the document since it was read. */
  private async write(id: string, stored: { _rev: string } | null, doc: SyncedDocument): Promise<boolean> {
    try {
      await this.db.put({ _id: id, ...(stored ? { _rev: stored._rev } : {}), doc });
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }

  private async currentFor(user: AccessUser, incoming: SyncedDocument): Promise<SyncedDocument> {
    const current = (await this.get(incoming.id))?.doc;
    return current && canRead(user, current) ? current : rollback(incoming);
  }
}
