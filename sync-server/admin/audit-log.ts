import { createHmac } from 'node:crypto';
import { isConflict, type Database } from '../storage/storage';

export type AuditAction =
  | 'sign-in'
  | 'sign-in-refused'
  | 'account-locked'
  | 'account-unlocked'
  | 'refresh-reused'
  | 'signed-out'
  | 'team-created'
  | 'user-created'
  | 'user-invited'
  | 'invite-accepted'
  | 'role-changed'
  | 'shares-changed'
  | 'user-disabled'
  | 'user-enabled'
  | 'user-deleted'
  | 'write-intent'
  | 'write'
  | 'merge'
  | 'second-factor-enrolled'
  | 'second-factor-enabled'
  | 'second-factor-disabled'
  | 'reassigned'
  | 'exported'
  | 'erased'
  | 'audit-verified';

export interface AuditEntry {
  /** Position in the chain, from 1. */
  seq: number;
  at: string;
  action: AuditAction;
  /** The acting user's id, or null before sign-in. */
  actorId: string | null;
  detail: Record<string, unknown>;
  /** The previous entry's hash ('' for the first). */
  prev: string;
  /** HMAC-SHA256 (key kept apart from the data) of prev and this entry's content. */
  hash: string;
}

export interface ChainCheck {
  ok: boolean;
  entries: number;
  /** The first entry whose hash or link does not hold (edited, removed or inserted), if any. */
  brokenAt?: number;
  problem?: string;
}

const idFor = (seq: number) => `entry-${String(seq).padStart(12, '0')}`;

/**
 * Append-only, hash-chained: each entry holds the previous entry's hash and its own HMAC over both, keyed by the
 * key kept apart from the data (sync-server/auth/keys-apart.ts), so editing, removing or inserting an entry in the
 * database breaks the chain and `verify()` names where. Appends run one after the other; on CouchDB shared by
 * several instances an append that loses the race for the next position is retried after it.
 */
export class AuditLog {
  private tail: { seq: number; hash: string } | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database<AuditEntry>,
    private readonly key: Uint8Array,
  ) {}

  private digest(entry: Omit<AuditEntry, 'hash'>): string {
    const content = JSON.stringify([entry.seq, entry.at, entry.action, entry.actorId, entry.detail, entry.prev]);
    return createHmac('sha256', this.key).update(content).digest('base64url');
  }

  private async loadTail(): Promise<{ seq: number; hash: string }> {
    const last = await this.db.allDocs({ include_docs: true, descending: true, limit: 1, startkey: 'entry-\uffff', endkey: 'entry-' });
    const doc = last.rows[0]?.doc;
    return doc ? { seq: doc.seq, hash: doc.hash } : { seq: 0, hash: '' };
  }

  /** Resolves once the entry is stored: callers await it before acknowledging what it records. */
  append(action: AuditAction, actorId: string | null, detail: Record<string, unknown> = {}): Promise<void> {
    const run = this.queue.then(async () => {
      for (;;) {
        this.tail ??= await this.loadTail();
        const body = { seq: this.tail.seq + 1, at: new Date().toISOString(), action, actorId, detail, prev: this.tail.hash };
        const entry: AuditEntry = { ...body, hash: this.digest(body) };
        try {
          await this.db.put({ _id: idFor(entry.seq), ...entry });
          this.tail = { seq: entry.seq, hash: entry.hash };
          return;
        } catch (error) {
          if (!isConflict(error)) throw error;
          this.tail = null;
        }
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async entries(): Promise<AuditEntry[]> {
    const all = await this.db.allDocs({ include_docs: true, startkey: 'entry-', endkey: 'entry-\uffff' });
    return all.rows.flatMap((row) => {
      if (!row.doc) return [];
      const { _id, _rev, ...entry } = row.doc as AuditEntry & { _id: string; _rev: string };
      return [entry];
    });
  }

  /** Walks the whole chain. */
  async verify(): Promise<ChainCheck> {
    const entries = await this.entries();
    let prev = '';
    for (const [index, entry] of entries.entries()) {
      const { hash, ...body } = entry;
      if (entry.seq !== index + 1) return { ok: false, entries: entries.length, brokenAt: index + 1, problem: `entry ${index + 1} is missing or out of place` };
      if (entry.prev !== prev) return { ok: false, entries: entries.length, brokenAt: entry.seq, problem: `entry ${entry.seq} does not link to the one before` };
      if (this.digest(body) !== hash) return { ok: false, entries: entries.length, brokenAt: entry.seq, problem: `entry ${entry.seq} was changed after it was written` };
      prev = hash;
    }
    return { ok: true, entries: entries.length };
  }
}
