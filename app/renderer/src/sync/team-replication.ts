import type { RxCollection } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { Subscription } from 'rxjs';
import type { OutpostDatabase } from '../../../../common/db/create-database';
import { replicateWithSyncServer, type ServerCheckpoint } from '../../../../common/sync/http-replication';
import type { AccessUser } from '../../../../common/sync/access-policy';
import { createMonitoredFetch, type FetchOutcome } from './monitored-fetch';
import type { TokenKeeper } from './token-keeper';
import type { SyncStatusState, SyncRefusal } from './sync-status-store';

/** The account-scoped collections that sync; `preferences` stays on the device. */
export const SYNCED_COLLECTIONS = ['accounts', 'contacts', 'activities', 'revenue', 'usage'] as const;

export interface StatusSink {
  set(patch: Partial<SyncStatusState>): void;
  get(): SyncStatusState;
  refused(refusals: SyncRefusal[]): void;
}

export interface TeamReplicationOptions {
  db: OutpostDatabase;
  serverUrl: string;
  user: AccessUser;
  tokens: TokenKeeper;
  status: StatusSink;
  fetch?: typeof fetch;
  retryTimeMs?: number;
  /** window, to follow online/offline events; absent in Node tests. */
  events?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  now?: () => number;
}

export interface TeamReplication {
  states: RxReplicationState<any, ServerCheckpoint>[];
  /** Resolves when every collection has pulled what the server had at the start. */
  initialSync(): Promise<void>;
  stop(): Promise<void>;
}

function describeRefusal(user: AccessUser, collection: string, doc: { id?: string; name?: unknown }): string {
  const what = collection === 'accounts' && typeof doc.name === 'string' ? `account "${doc.name}"` : `a ${collection.replace(/s$/, '')} record`;
  const why = user.role === 'viewer' ? 'a Viewer cannot change anything' : 'you may only change what you own';
  return `The server refused your change to ${what} (${why}); it was rolled back.`;
}

/**
 * Live two-way replication of the synced collections with the team server, feeding the sync status: online,
 * syncing, pending local changes (local writes not yet acknowledged), last successful sync, and problems.
 */
export function startTeamReplication(options: TeamReplicationOptions): TeamReplication {
  const { status, user } = options;
  const now = options.now ?? Date.now;
  const pending = new Map<string, string>();
  const subscriptions: Subscription[] = [];
  const updatePending = () => status.set({ pending: pending.size });

  const report = (outcome: FetchOutcome) => {
    switch (outcome.kind) {
      case 'offline':
        status.set({ network: 'offline' });
        break;
      case 'ok': {
        const problem = status.get().problem;
        const patch: Partial<SyncStatusState> = { network: 'online', problem: problem?.code === 'AUTH' ? problem : null };
        if (!outcome.path.endsWith('/stream')) patch.lastSyncedAt = now();
        status.set(patch);
        break;
      }
      case 'rate-limited':
        status.set({
          network: 'online',
          problem: {
            code: 'RATE001',
            message: `The server is rate limiting this device (RATE001); retrying in ${outcome.retryInSeconds} s`,
            retryAt: now() + outcome.retryInSeconds * 1000,
          },
        });
        break;
      case 'failed':
        if (outcome.status === 401) {
          status.set({ problem: { code: 'AUTH', message: `The server no longer accepts this sign-in: ${outcome.message}. Sign in again in Settings.` } });
        } else {
          status.set({
            network: 'online',
            problem: {
              code: 'SYNC001',
              message: `Sync failed (SYNC001): ${outcome.message}. Retrying automatically.`,
              retryAt: now() + (options.retryTimeMs ?? 5000),
            },
          });
        }
        break;
      case 'refused':
        status.refused(
          outcome.documents.map((doc) => ({
            id: doc.id,
            collection: outcome.collection,
            message: describeRefusal(user, outcome.collection, doc),
            at: now(),
          })),
        );
        break;
    }
  };

  const fetcher = createMonitoredFetch({
    ...(options.fetch ? { base: options.fetch } : {}),
    user,
    renewToken: () => options.tokens.renew(),
    report,
  });

  const states = SYNCED_COLLECTIONS.map((name) => {
    const collection = options.db[name] as RxCollection<any>;
    const state = replicateWithSyncServer({
      collection,
      serverUrl: options.serverUrl,
      getAccessToken: () => options.tokens.getAccessToken(),
      fetch: fetcher,
      ...(options.retryTimeMs ? { retryTimeMs: options.retryTimeMs } : {}),
    });
    // Local writes are pending until the server acknowledges them (or answers with its own state).
    subscriptions.push(
      collection.eventBulks$.subscribe((bulk) => {
        if (bulk.context.startsWith('replication-')) {
          if (bulk.context === 'replication-up-write-conflict') for (const event of bulk.events) pending.delete(`${name}/${event.documentId}`);
        } else {
          for (const event of bulk.events) pending.set(`${name}/${event.documentId}`, String((event.documentData as { updatedAt?: string }).updatedAt ?? ''));
        }
        updatePending();
      }),
      state.sent$.subscribe((doc: { id: string; updatedAt?: string }) => {
        const key = `${name}/${doc.id}`;
        if ((pending.get(key) ?? '') <= String(doc.updatedAt ?? '')) pending.delete(key);
        updatePending();
      }),
      state.received$.subscribe(() => status.set({ lastSyncedAt: now(), network: 'online' })),
    );
    return state;
  });

  const active = states.map(() => false);
  states.forEach((state, index) =>
    subscriptions.push(
      state.active$.subscribe((isActive) => {
        active[index] = isActive;
        status.set({ syncing: active.some(Boolean) });
      }),
    ),
  );

  const goOnline = () => {
    status.set({ network: 'online' });
    for (const state of states) state.reSync();
  };
  const goOffline = () => status.set({ network: 'offline' });
  options.events?.addEventListener('online', goOnline);
  options.events?.addEventListener('offline', goOffline);

  return {
    states,
    async initialSync() {
      await Promise.all(states.map((state) => state.awaitInitialReplication()));
    },
    async stop() {
      options.events?.removeEventListener('online', goOnline);
      options.events?.removeEventListener('offline', goOffline);
      for (const subscription of subscriptions) subscription.unsubscribe();
      await Promise.all(states.map((state) => state.cancel()));
    },
  };
}
