import type { Database } from '../storage/storage';
import type { IngestEvent } from './segment-messages';

/**
 * `pending` when logged; `held` when its account is unknown; `not-stored` when its user is rolled up but its feature is
 * over the team's cap on own features (OWN_FEATURE_CAP). `applied` only on events a server before the rollup
 * checkpoint marked one by one (they are rolled up already); now what is rolled up is what the checkpoint has passed.
 */
export type EventStatus = 'pending' | 'applied' | 'held' | 'not-stored';

/** A position in the log: PouchDB's update sequence (a number on LevelDB, a string on CouchDB). */
export type LogSeq = number | string;

/**
 * How far the rollup has got (`seq`: every change up to it is rolled up), and the turn under way if a crash came
 * between its usage writes and its checkpoint: the last change the turn takes and the HLC stamp its usage writes
 * carry, so a replay after a restart can tell the months it wrote from those it did not.
 */
export interface RollupCheckpoint {
  seq: LogSeq;
  turn?: { to: LogSeq; stamp: string };
}

const CHECKPOINT_ID = '_local/usage-rollup';

export interface LoggedEvent {
  _id: string;
  _rev?: string;
  teamId: string;
  event: IngestEvent;
  status: EventStatus;
  receivedAt: string;
  /** Why a held event is held, or a not-stored event's feature is not stored. */
  reason?: string;
}

/**
 * The durable log of accepted events, one PouchDB document per event (`<teamId>:<messageId>`, so a retried message
 * is stored once). A request is answered only after its events are in the log: an acknowledged event survives a
 * crash of the process; events still `pending` are rolled up when the server starts again.
 */
export class EventLog {
  constructor(private readonly db: Database<LoggedEvent>) {}

  /** Stores the events; returns the message ids that could not be stored (with why). Duplicates count as stored. */
  async append(teamId: string, events: readonly IngestEvent[], receivedAt: string): Promise<{ stored: LoggedEvent[]; failed: { messageId: string; error: string }[] }> {
    const docs: LoggedEvent[] = events.map((event) => ({ _id: `${teamId}:${event.messageId}`, teamId, event, status: 'pending', receivedAt }));
    const results = await this.db.bulkDocs(docs);
    const stored: LoggedEvent[] = [];
    const failed: { messageId: string; error: string }[] = [];
    results.forEach((result, i) => {
      const doc = docs[i]!;
      if ('ok' in result && result.ok) stored.push({ ...doc, _rev: result.rev });
      else if ((result as { status?: number }).status === 409) return; // already stored: a retry of an acknowledged message
      else failed.push({ messageId: doc.event.messageId, error: `could not be stored (${(result as { message?: string }).message ?? 'storage error'})` });
    });
    return { stored, failed };
  }

  /** The next changes after `since` (at most `limit`), each event at its latest state, with its change's sequence. */
  async since(since: LogSeq, limit: number): Promise<{ events: { seq: LogSeq; logged: LoggedEvent }[]; last: LogSeq }> {
    const changes = await this.db.changes({ since, limit, include_docs: true });
    const events = changes.results.flatMap((change) => (change.doc && !change.deleted ? [{ seq: change.seq, logged: change.doc as LoggedEvent }] : []));
    return { events, last: changes.last_seq };
  }

  /** The log's latest change. */
  async head(): Promise<LogSeq> {
    return (await this.db.info()).update_seq;
  }

  async checkpoint(): Promise<RollupCheckpoint> {
    try {
      const doc = (await this.db.get(CHECKPOINT_ID)) as unknown as RollupCheckpoint;
      return { seq: doc.seq, ...(doc.turn ? { turn: doc.turn } : {}) };
    } catch (error) {
      if ((error as { status?: number }).status === 404) return { seq: 0 };
      throw error;
    }
  }

  /** Replaces the checkpoint (a local document: never replicated, never in the changes it counts). */
  async saveCheckpoint(checkpoint: RollupCheckpoint): Promise<void> {
    const local = this.db as unknown as PouchDB.Database<RollupCheckpoint>;
    const current = await local.get(CHECKPOINT_ID).catch(() => null);
    await local.put({ _id: CHECKPOINT_ID, ...(current?._rev ? { _rev: current._rev } : {}), ...checkpoint });
  }

  async mark(docs: readonly LoggedEvent[], status: EventStatus, reason?: string): Promise<void> {
    if (docs.length === 0) return;
    const results = await this.db.bulkDocs(docs.map((d) => ({ ...d, status, ...(reason ? { reason } : {}) })));
    results.forEach((r, i) => {
      if ('ok' in r && r.ok) (docs[i] as LoggedEvent)._rev = r.rev;
    });
  }

  async withStatus(status: EventStatus, teamId?: string): Promise<LoggedEvent[]> {
    const all = await this.db.allDocs({ include_docs: true });
    return all.rows.flatMap((row) => {
      const doc = row.doc as LoggedEvent | undefined;
      return doc && doc.status === status && (!teamId || doc.teamId === teamId) ? [doc] : [];
    });
  }

  async get(id: string): Promise<LoggedEvent | null> {
    try {
      return await this.db.get(id);
    } catch {
      return null;
    }
  }
}
