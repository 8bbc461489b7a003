import type { AccessUser } from '../../common/sync/access-policy';
import type { SyncedDocument } from '../../common/sync/wire-contract';
import type { CollectionStore } from '../sync/collection-store';

/** The server's own identity for writes the ingestion makes (an Admin may write every team's documents). */
export const INGEST_USER: AccessUser = { id: 'ingest', role: 'admin', teamId: null };

/**
 * Resolves an event's account key (Outpost id or the external id from the source system) within its team, from the
 * server's accounts; re-reads them when a key is unknown, at most every few seconds.
 */
export class AccountIndex {
  private byKey = new Map<string, SyncedDocument>();
  private loadedAt = 0;

  constructor(private readonly accounts: CollectionStore) {}

  private async load(): Promise<void> {
    const next = new Map<string, SyncedDocument>();
    let checkpoint = null;
    for (;;) {
      const page = await this.accounts.pull(INGEST_USER, checkpoint, 5000);
      for (const doc of page.documents) {
        if (doc._deleted) continue;
        next.set(`${doc.teamId}\u0000${doc.id}`, doc);
        if (typeof doc['externalId'] === 'string' && doc['externalId']) next.set(`${doc.teamId}\u0000${doc['externalId']}`, doc);
      }
      if (page.documents.length < 5000) break;
      checkpoint = page.checkpoint;
    }
    this.byKey = next;
    this.loadedAt = Date.now();
  }

  /** The account for a key from what is loaded, without waiting (undefined: not loaded, ask `find`). */
  known(teamId: string, key: string): SyncedDocument | undefined {
    return this.byKey.get(`${teamId}\u0000${key}`);
  }

  async find(teamId: string, key: string): Promise<SyncedDocument | null> {
    const hit = this.known(teamId, key);
    if (hit) return hit;
    if (Date.now() - this.loadedAt > 2000) {
      await this.load();
      return this.known(teamId, key) ?? null;
    }
    return null;
  }
}
