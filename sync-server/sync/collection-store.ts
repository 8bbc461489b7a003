import { canRead, canWrite, type AccessUser } from '../../common/sync/access-policy';
import { historyEntriesFor, mergeFieldHistory } from '../../common/sync/field-history';
import { sameJson } from '../../common/json/json-equality';
import type { LosingValue } from '../../common/model/field-history';
import { mergeFields } from '../../common/sync/merge-fields';
import { fieldStampOf, fieldValueOf } from '../../common/sync/keyed-fields';
import type { Checkpoint, PullAnswer, PushRow, SyncedDocument } from '../../common/sync/wire-contract';
import { canReadStored, SequenceIndex } from './sequence-index';
import { compactFully, isConflict, isNotFound, type Database } from '../storage/storage';
import { type DepartedScope, type Former, type Scope, type StoredDocument, visibleTo } from './stored-document';
import { migrateLegacyKeys } from './legacy-keys';
import { copiesRange, IdTakenError, idOfKey, notesRoomOf, storageKey } from './team-keys';
import { claimsAnotherTeamsId, decidedWrite, moveAccountDocuments, noteMove, type KeyedStorage, type Move, type Stored } from './team-moves';

function withStoredHistory(incoming: SyncedDocument, master: SyncedDocument | null): SyncedDocument {
  const { fieldHistory: _sent, ...rest } = incoming;
  const kept = master?.['fieldHistory'];
  return (kept === undefined ? rest : { ...rest, fieldHistory: kept }) as SyncedDocument;
}

export interface PushOutcome {
  /** Master states the client must adopt: RxDB's push-handler answer. */
  conflicts: SyncedDocument[];
  written: SyncedDocument[];
  refused: string[];
  merges: { id: string; losers: LosingValue[] }[];
  /** Documents whose owner or team this push changed (re-assignments), with the scope they moved into. */
  moved: Move[];
}

/** A row is decided again at most this often when its stored revision keeps changing under it. */
const MAX_WRITE_ATTEMPTS = 20;
/** The design document holding the server's views (CouchDB and PouchDB alike). */
const DESIGN = 'outpost';

type Listener = (change: { stored: StoredDocument; seq: Checkpoint['seq'] }) => void;

function sameState(a: SyncedDocument | null | undefined, b: SyncedDocument | null | undefined): boolean {
  return sameJson(a ?? null, b ?? null);
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
  private readonly locks = new Map<string, Promise<void>>();
  private feed: PouchDB.Core.Changes<StoredDocument> | undefined;

  constructor(
    readonly name: string,
    private readonly db: Database<StoredDocument>,
    /** Keep the values merges discard in the document's `fieldHistory` (its schema must allow it: accounts). */
    private readonly keepFieldHistory = false,
    /**
     * Keep an in-memory, sequence-ordered copy of the latest state of every document (local LevelDB only, whose
     * sequences are numbers), so pulls cost no database reads: the first sync of a large book is bound by
     * PouchDB's per-document reads otherwise. Costs memory about the size of the data.
     */
    cache = false,
  ) {
    this.index = cache ? new SequenceIndex() : null;
    this.storage = { db, get: (key) => this.get(key) };
    // Documents stored before each team had its own id space move under their team's key first (legacy-keys.ts).
    this.migrated = migrateLegacyKeys(db).then(() => undefined);
    this.migrated.catch(() => undefined);
    this.follow();
  }

  private readonly migrated: Promise<void>;
  /** What the writes of team-moves.ts read and write through. */
  private readonly storage: KeyedStorage;

  private readonly index: SequenceIndex | null;

  async pull(user: AccessUser, checkpoint: Checkpoint | null, limit: number): Promise<PullAnswer> {
    const { documents, checkpoint: next } = await this.pullJson(user, checkpoint, limit);
    return { documents: documents.map((json) => JSON.parse(json) as SyncedDocument), checkpoint: next };
  }

  /**
   * Like `pull`, with each document as JSON text (the cache keeps it serialized, so answering costs no stringify).
   * `countRemaining`: also how many more documents the user may pull after this page, where the in-memory index can
   * count them; a store without it (CouchDB) leaves `remaining` out.
   */
  async pullJson(
    user: AccessUser,
    checkpoint: Checkpoint | null,
    limit: number,
    former?: Former,
    countRemaining = false,
  ): Promise<{ documents: string[]; checkpoint: Checkpoint; remaining?: number }> {
    if (this.index) {
      await this.caughtUp();
      return this.index.pull(user, this.name, typeof checkpoint?.seq === 'number' ? checkpoint.seq : 0, limit, former, countRemaining);
    }
    const { documents, checkpoint: next } = await this.pullFromDatabase(user, checkpoint, limit, former);
    return { documents: documents.map((doc) => JSON.stringify(doc)), checkpoint: next };
  }

  /** Resolves once the cache holds every change the database had when called (pulls read their own writes). */
  private async caughtUp(): Promise<void> {
    const { update_seq: target } = await this.db.info();
    const seq = typeof target === 'number' ? target : Number.parseInt(String(target), 10);
    while (this.index!.seq < seq) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  private waiters: (() => void)[] = [];

  private async pullFromDatabase(user: AccessUser, checkpoint: Checkpoint | null, limit: number, former?: Former): Promise<PullAnswer> {
    await this.migrated;
    const documents: SyncedDocument[] = [];
    let since: Checkpoint['seq'] = checkpoint?.seq ?? 0;
    const ownTeam = user.teamId;
    // Keep scanning past documents the user may not read: RxDB stops pulling when a batch comes back short.
    for (;;) {
      const page = await this.db.changes({ since, limit, include_docs: true });
      for (const change of page.results) {
        since = change.seq;
        const stored = change.doc?.doc ? change.doc : null;
        let withShadow = former;
        if (stored && former && ownTeam !== null && stored.doc.teamId !== ownTeam && !canRead(user, stored.doc, this.name)) {
          const own = await this.get(storageKey(stored.doc.id, ownTeam));
          withShadow = { ...former, shadowed: () => canReadStored(user, own, this.name) };
        }
        const doc = stored ? visibleTo(user, stored, this.name, withShadow) : null;
        if (doc) documents.push(doc);
        if (documents.length === limit) return { documents, checkpoint: { seq: since } };
      }
      if (page.results.length < limit) return { documents, checkpoint: { seq: page.last_seq } };
      since = page.last_seq;
    }
  }

  async push(user: AccessUser, rows: PushRow[]): Promise<PushOutcome> {
    const outcome: PushOutcome = { conflicts: [], written: [], refused: [], merges: [], moved: [] };
    for (const row of rows) {
      const team = this.routeTeam(user, row);
      await this.exclusive(storageKey(row.newDocumentState.id, team ?? ''), () => this.pushRow(user, team, row, outcome));
    }
    return outcome;
  }

  /**
   * The team whose id space a pushed row is decided in. A member's push is always decided in their own team's (so it
   * can neither reach nor sense another team's document of the same id); an Admin's in the team of the master state
   * they last saw (a move to another team starts there), or of the document for a create.
   */
  private routeTeam(user: AccessUser, row: PushRow): string | null {
    if (user.role !== 'admin') return user.teamId;
    return row.assumedMasterState?.teamId ?? row.newDocumentState.teamId;
  }

  /**
   * Runs `task` after every earlier task for the same document id in this process, so two pushes of one document
   * (two replicas reconnecting at once) are decided one after the other instead of racing read-merge-write.
   */
  private exclusive<T>(id: string, task: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(id) ?? Promise.resolve();
    const result = previous.then(task, task);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.locks.set(id, settled);
    void settled.then(() => {
      if (this.locks.get(id) === settled) this.locks.delete(id);
    });
    return result;
  }

  /**
   * Decides one pushed row against the stored master and writes the result. A write can still lose a race on the
   * stored revision (another server instance on the same CouchDB); the row is then decided again against the new
   * master. Answering with the bare new master instead would make the client's conflict handler (take the master)
   * silently drop the pushed edit.
   */
  private async pushRow(user: AccessUser, team: string | null, row: PushRow, outcome: PushOutcome): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const done = await this.tryPushRow(user, team, row, outcome);
      if (done) return;
      if (attempt >= MAX_WRITE_ATTEMPTS) {
        throw new Error(`"${row.newDocumentState.id}" changed under ${MAX_WRITE_ATTEMPTS} consecutive writes; giving up`);
      }
    }
  }

  /** False when the write lost a race on the stored revision and nothing was recorded. */
  private async tryPushRow(user: AccessUser, team: string | null, row: PushRow, outcome: PushOutcome): Promise<boolean> {
    const key = team === null ? null : storageKey(row.newDocumentState.id, team);
    // The tombstone a move to another team left behind is this team's master like any deleted document: re-creating
    // the id merges onto it (and gets a fresh notes room, see write).
    const stored = key === null ? null : await this.get(key);
    const master = stored?.doc ?? null;
    // fieldHistory is append-only and written by the server alone (withHistory): whatever a client sends in it is
    // replaced by the stored history, so invented entries cannot evict the real ones.
    const incoming = this.keepFieldHistory ? withStoredHistory(row.newDocumentState, master) : row.newDocumentState;
    const refuse = () => {
      outcome.refused.push(incoming.id);
      outcome.conflicts.push(master && canRead(user, master, this.name) ? master : rollback(incoming));
      return true;
    };

    if (master && !sameState(master, row.assumedMasterState)) {
      if (!canRead(user, master, this.name)) return refuse();
      const merge = mergeFields(master, incoming);
      if (!canWrite(user, master, merge.merged, this.name)) {
        outcome.conflicts.push(master);
        return true;
      }
      const merged = this.keepFieldHistory ? this.withHistory(user, row, merge.merged, merge.losers) : merge.merged;
      if (sameState(merged, master)) {
        outcome.conflicts.push(master);
        return true;
      }
      const wrote = await decidedWrite(this.storage, key!, stored, merged);
      if (wrote === 'taken') {
        outcome.refused.push(incoming.id);
        outcome.conflicts.push(master);
        return true;
      }
      if (!wrote) return false;
      noteMove(outcome.moved, master, merged);
      outcome.merges.push({ id: incoming.id, losers: merge.losers });
      outcome.written.push(merged);
      outcome.conflicts.push(merged);
      return true;
    }

    if (key === null || !canWrite(user, master, incoming, this.name) || claimsAnotherTeamsId(incoming)) return refuse();
    const wrote = await decidedWrite(this.storage, key, stored, incoming);
    if (wrote === 'taken') return refuse();
    if (!wrote) return false;
    noteMove(outcome.moved, master, incoming);
    outcome.written.push(incoming);
    return true;
  }

  /** The merged document with the concurrent writes the merge discarded appended to its `fieldHistory`. */
  private withHistory(user: AccessUser, row: PushRow, merged: SyncedDocument, losers: LosingValue[]): SyncedDocument {
    const incoming = row.newDocumentState;
    const entries = historyEntriesFor(losers, merged, {
      recordedAt: new Date().toISOString(),
      base: row.assumedMasterState ?? null,
      userOf: (loser) =>
        fieldStampOf(incoming, loser.field) === loser.stamp &&
        sameJson(fieldValueOf(incoming, loser.field), loser.value)
          ? user.id
          : undefined,
    });
    if (entries.length === 0) return merged;
    return { ...merged, fieldHistory: mergeFieldHistory(merged['fieldHistory'] as never, entries) };
  }

  /**
   * A write the server makes itself (re-assignment): `change` maps the current document to the next one, or
   * null to leave it. Retried against the new revision when a push wins the race. Returns the written document.
   */
  async serverWrite(teamId: string, id: string, change: (current: SyncedDocument) => SyncedDocument | null): Promise<SyncedDocument | null> {
    const key = storageKey(id, teamId);
    return this.exclusive(key, async () => {
      for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
        const stored = await this.get(key);
        if (!stored) return null;
        const next = change(stored.doc);
        if (!next || sameState(next, stored.doc)) return null;
        const wrote = await decidedWrite(this.storage, key, stored, next);
        if (wrote === 'taken') throw new IdTakenError(id, next.teamId);
        if (wrote) return next;
      }
      throw new Error(`"${id}" changed under ${MAX_WRITE_ATTEMPTS} consecutive writes; giving up`);
    });
  }

  /** The documents of an account that a re-assignment from `fromTeamId` would move (a preview). */
  async accountDocumentsIn(accountId: string, fromTeamId: string): Promise<SyncedDocument[]> {
    const found: SyncedDocument[] = [];
    for (const id of await this.idsForAccount(fromTeamId, accountId)) {
      const doc = await this.read(fromTeamId, id);
      if (doc && !doc._deleted && doc.teamId === fromTeamId) found.push(doc);
    }
    return found;
  }

  /** Every stored document (latest state, tombstones included) passing `keep`: for admin questions, not hot paths. */
  async scan(keep: (stored: StoredDocument) => boolean): Promise<StoredDocument[]> {
    const all = await this.db.allDocs({ include_docs: true });
    return all.rows.flatMap((row) => (row.doc && !row.id.startsWith('_') && row.doc.doc && keep(row.doc) ? [row.doc] : []));
  }

  /**
   * Erases a document's personal data: the stored state and every departed tombstone become `redact`ed tombstones
   * (stamped `at`, so every replica takes them at its next sync). Call `compactStorage()` after a batch of erasures:
   * until then the former revisions and LevelDB's superseded values still hold the data on disk.
   */
  async erase(teamId: string, id: string, redact: (doc: SyncedDocument) => SyncedDocument, at: string): Promise<boolean> {
    return this.rewriteStored(teamId, id, (stored) => {
      const base = redact(stored.doc);
      const doc = { ...base, updatedAt: at, fieldStamps: Object.fromEntries(Object.keys(base.fieldStamps ?? {}).map((field) => [field, at])) };
      const departed = stored.departed?.map((scope) => ({ ...scope, tombstone: redact(scope.tombstone) }));
      return { doc, ...(departed ? { departed } : {}) };
    });
  }

  /**
   * Replaces the stored document and its departed tombstones with `change(stored)` (null: leave it), retried against
   * the new revision when a push wins the race. For erasures: `change` must stamp what it changes. True if written.
   */
  async rewriteStored(teamId: string, id: string, change: (stored: StoredDocument) => StoredDocument | null): Promise<boolean> {
    const key = storageKey(id, teamId);
    return this.exclusive(key, async () => {
      for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
        const stored = await this.get(key);
        if (!stored) return false;
        const next = change(stored);
        if (!next) return false;
        try {
          await this.db.put({ ...stored, _id: key, _rev: stored._rev, doc: next.doc, ...(next.departed ? { departed: next.departed } : {}) });
          return true;
        } catch (error) {
          if (!isConflict(error)) throw error;
        }
      }
      throw new Error(`"${id}" changed under ${MAX_WRITE_ATTEMPTS} consecutive writes; giving up`);
    });
  }

  /** Drops superseded revisions and values from disk (after erasures; see storage.ts, compactFully). */
  async compactStorage(): Promise<void> {
    await compactFully(this.db);
  }

  /** The stored copy with its departed tombstones (for exports). */
  async readStored(teamId: string, id: string): Promise<StoredDocument | null> {
    const stored = await this.get(storageKey(id, teamId));
    if (!stored) return null;
    const { _rev, ...rest } = stored as StoredDocument & { _rev: string; _id?: string };
    delete (rest as { _id?: string })._id;
    return rest;
  }

  /** The scopes a document has left, newest first (see stored-document.ts). */
  async departedScopes(teamId: string, id: string): Promise<DepartedScope[]> {
    return (await this.get(storageKey(id, teamId)))?.departed ?? [];
  }

  /** The team a document last came from by a move between teams, if any. */
  async movedFrom(teamId: string, id: string): Promise<string | undefined> {
    return (await this.get(storageKey(id, teamId)))?.movedFrom;
  }

  async exists(teamId: string, id: string): Promise<boolean> {
    return (await this.get(storageKey(id, teamId))) !== null;
  }

  /** Every team's stored copy of `id` (tombstones and the tombstones moves left behind included). */
  async copies(id: string): Promise<StoredDocument[]> {
    await this.migrated;
    const page = await this.db.allDocs({ include_docs: true, ...copiesRange(id) });
    return page.rows.flatMap((row) => (row.doc?.doc ? [row.doc] : []));
  }

  /** An account's Yjs notes room (team-keys.ts, notesRoomOf). */
  async notesRoom(teamId: string, id: string): Promise<string> {
    const key = storageKey(id, teamId);
    const stored = await this.get(key);
    return stored ? notesRoomOf(stored, key) : key;
  }

  /**
   * Ids of the documents of a team that belong to its account (their `accountId`): from the in-memory index where the
   * store keeps one (LevelDB), else through a CouchDB view. PouchDB brings such a view up to date by evaluating its
   * map function in a new VM context for every batch of changes, which made a bulk re-assignment (one look-up per
   * account and collection, each after the previous account's writes) cost tens of milliseconds per account.
   */
  async idsForAccount(teamId: string, accountId: string): Promise<string[]> {
    if (this.index) {
      await this.caughtUp();
      return this.index.accountKeys(teamId, accountId).map(idOfKey);
    }
    await this.ensureAccountView();
    const result = await this.db.query<StoredDocument>(`${DESIGN}/by_account`, { key: [teamId, accountId] });
    return result.rows.map((row) => idOfKey(row.id));
  }

  /**
   * How many documents name these accounts, each within its team: from the in-memory index, or with one query of the
   * CouchDB view for all of them (not one per account).
   */
  async countForAccounts(accounts: readonly { teamId: string; accountId: string }[]): Promise<number> {
    if (accounts.length === 0) return 0;
    if (this.index) {
      await this.caughtUp();
      return accounts.reduce((count, { teamId, accountId }) => count + this.index!.accountKeys(teamId, accountId).length, 0);
    }
    await this.ensureAccountView();
    const result = await this.db.query<StoredDocument>(`${DESIGN}/by_account`, { keys: accounts.map(({ teamId, accountId }) => [teamId, accountId]) });
    return result.rows.length;
  }

  /** Moves an account's documents of its team into `scope` (team-moves.ts). */
  moveAccountDocuments(accountId: string, fromTeamId: string, scope: Scope, stamp: () => string): Promise<SyncedDocument[]> {
    return moveAccountDocuments(this, accountId, fromTeamId, scope, stamp);
  }

  private viewReady: Promise<void> | undefined;

  private ensureAccountView(): Promise<void> {
    this.viewReady ??= (async () => {
      const design = {
        _id: `_design/${DESIGN}`,
        // Keyed by team and account: each team's id space has its own account of an id.
        views: { by_account: { map: 'function (row) { if (row.doc && row.doc.accountId) { emit([row.doc.teamId, row.doc.accountId]); } }' } },
      };
      // A design document written by anything but this code (an older server, or a pushed `_design/…` id before
      // such ids were refused) is replaced, so the view is always there.
      const existing = (await this.db.get(design._id).catch(() => null)) as (typeof design & { _rev: string }) | null;
      if (existing && JSON.stringify(existing.views) === JSON.stringify(design.views)) return;
      try {
        await this.db.put({ ...design, ...(existing ? { _rev: existing._rev } : {}) } as never);
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    })().catch((error: unknown) => {
      this.viewReady = undefined;
      throw error;
    });
    return this.viewReady;
  }

  /** Live changes from now on; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    this.follow();
    return () => this.listeners.delete(listener);
  }

  /** Starts following the database's changes (at construction, so no first subscriber waits on `since: now`). */
  private follow(): void {
    if (this.feed || this.closed) return;
    const onChange = (change: PouchDB.Core.ChangesResponseChange<StoredDocument>) => {
      const stored = change.doc;
      if (this.index && typeof change.seq === 'number') {
        if (stored?.doc && !change.deleted) this.index.put(change.seq, change.id, stored);
        else if (change.deleted) this.index.remove(change.seq, change.id);
        else this.index.advance(change.seq);
        for (const resolve of this.waiters.splice(0)) resolve();
      }
      if (stored?.doc && !change.deleted) for (const each of this.listeners) each({ stored, seq: change.seq });
    };
    if (!this.index) {
      this.feed = this.db.changes({ live: true, since: 'now', include_docs: true }).on('change', onChange);
      return;
    }
    // Load the cache from the start of the feed, then follow it live from where the load ended.
    this.feed = { cancel: () => undefined } as PouchDB.Core.Changes<StoredDocument>;
    this.loaded = (async () => {
      await this.migrated;
      let since: number | string = 0;
      for (;;) {
        const page: PouchDB.Core.ChangesResponse<StoredDocument> = await this.db.changes({ since, limit: 5000, include_docs: true });
        for (const change of page.results) onChange(change);
        since = page.last_seq;
        if (page.results.length < 5000) break;
      }
      if (this.closed) return;
      this.feed = this.db.changes({ live: true, since, include_docs: true }).on('change', onChange);
    })();
  }

  /** The stored document with this id in this team's id space (tombstones included), or null. */
  async read(teamId: string, id: string): Promise<SyncedDocument | null> {
    return (await this.get(storageKey(id, teamId)))?.doc ?? null;
  }

  /** Ids a move between teams left where they were, because the new team already used them (for the audit log). */
  readonly collisions: { id: string; teamId: string }[] = [];

  private loaded: Promise<void> = Promise.resolve();

  /** Resolves when the in-memory cache (if any) holds the whole collection. */
  ready(): Promise<void> {
    return this.loaded;
  }

  private closed = false;

  close(): void {
    this.closed = true;
    this.feed?.cancel();
    this.listeners.clear();
  }

  private async get(key: string): Promise<Stored | null> {
    await this.migrated;
    try {
      return await this.db.get(key);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }
}
