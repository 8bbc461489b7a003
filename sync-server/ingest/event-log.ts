import type { Database } from '../storage/storage';
import type { IngestEvent } from './segment-messages';

/** `not-stored`: rolled up for its user, but its feature is over the team's cap on own features (OWN_FEATURE_CAP). */
export type EventStatus = 'pending' | 'applied' | 'held' | 'not-stored';

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
