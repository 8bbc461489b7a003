import { randomUUID } from 'node:crypto';
import type { Database } from '../storage/storage';

export type AuditAction =
  | 'sign-in'
  | 'sign-in-refused'
  | 'team-created'
  | 'user-created'
  | 'role-changed'
  | 'write'
  | 'merge'
  | 'second-factor-enrolled'
  | 'second-factor-enabled'
  | 'second-factor-disabled'
  | 'reassigned';

export interface AuditEntry {
  at: string;
  action: AuditAction;
  /** The acting user's id, or null before sign-in. */
  actorId: string | null;
  detail: Record<string, unknown>;
}

/**
 * Append-only: entries get fresh time-ordered ids and nothing here updates or deletes one. The database is the
 * server's own (`audit`); nothing is exposed over HTTP that writes to it.
 */
export class AuditLog {
  constructor(private readonly db: Database<AuditEntry>) {}

  async append(action: AuditAction, actorId: string | null, detail: Record<string, unknown> = {}): Promise<void> {
    const at = new Date().toISOString();
    await this.db.put({ _id: `${at}-${randomUUID()}`, at, action, actorId, detail });
  }

  async entries(): Promise<AuditEntry[]> {
    const all = await this.db.allDocs({ include_docs: true });
    return all.rows.flatMap((row) => (row.doc ? [{ at: row.doc.at, action: row.doc.action, actorId: row.doc.actorId, detail: row.doc.detail }] : []));
  }
}
