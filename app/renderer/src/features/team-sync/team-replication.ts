import type { RxCollection } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { Subscription } from 'rxjs';
import type { OutpostDatabase } from '../../../../../common/db/create-database';
import { replicateCollectionsWithSyncServer, type ServerCheckpoint } from '../../../../../common/sync/http-replication';
import { SYNCED_COLLECTIONS, type SyncedCollectionName } from '../../../../../common/sync/synced-collections';
import type { AccessUser } from '../../../../../common/sync/access-policy';
import { createMonitoredFetch, type RefusedDocument } from './monitored-fetch';
import type { TokenKeeper } from '../../session/token-keeper';
import type { SyncStatusState, SyncRefusal } from './sync-status-store';
import { SyncStatusTracker } from '../../../../../common/sync/sync-status';
import { FirstSyncProgress } from '../../../../../common/sync/first-sync-progress';
import { ArrivalProgress } from '../../../../../common/sync/arrival-progress';
import { holdReactions } from '../../../../../common/db/write-hold';
import { catchUpReplications } from '../../../../../common/sync/replica-catch-up';
import type { ArrivalNotice } from '../../../../../common/sync/wire-contract';

export interface StatusSink {
  set(patch: Partial<SyncStatusState>): void;
  refused(refusals: SyncRefusal[]): void;
}

/** How often the count of arriving documents is passed on while they stream in (one store update per frame is too many). */
const ARRIVAL_SHOWN_EVERY_MS = 200;

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
  /**
   * Which synced collections to replicate; default all (common/sync/synced-collections.ts). A test holding two
   * replicas in one process opens fewer (the free RxDB opens at most 13 collections per process).
   */
  collections?: readonly SyncedCollectionName[];
}

export interface TeamReplication {
  states: RxReplicationState<any, ServerCheckpoint>[];
  tracker: SyncStatusTracker;
  /** Resolves when every collection has pulled what the server had at the start. */
  initialSync(): Promise<void>;
  stop(): Promise<void>;
}

function describeRefusal(user: AccessUser, collection: string, doc: RefusedDocument): string {
  const what = collection === 'accounts' && typeof doc.name === 'string' ? `account "${doc.name}"` : `a ${collection.replace(/s$/, '')} record`;
  const why = user.role === 'viewer' ? 'a Viewer cannot change anything' : 'you may only change what you own';
  return `The server refused your change to ${what} (${why}); it was rolled back.`;
}

/**
 * Live replication of the synced collections with the team server. One SyncStatusTracker (common/sync)
 * follows all of them; the app mirrors its status, plus refused writes, into the shell's store.
 */
export function startTeamReplication(options: TeamReplicationOptions): TeamReplication {
  const { status, user } = options;
  const now = options.now ?? Date.now;
  const tracker = new SyncStatusTracker();
  const subscriptions: Subscription[] = [tracker.status$.subscribe((current) => status.set({ status: current }))];

  const fetcher = createMonitoredFetch({
    ...(options.fetch ? { base: options.fetch } : {}),
    renewToken: () => options.tokens.renew(),
    onRefused: (collection, documents) =>
      status.refused(documents.map((doc) => ({ id: doc.id, collection, message: describeRefusal(user, collection, doc), at: now() }))),
  });

  // One live stream for all collections (a browser allows 6 connections per host); a Viewer's device only pulls,
  // and scores computed for accounts the user may not change stay on the device (common/sync/push-policy.ts).
  const names = options.collections ?? SYNCED_COLLECTIONS;
  // Counted until every collection has pulled what the server had (initialSync), for the shell's progress bar.
  const progress = new FirstSyncProgress(names);
  let initialSyncDone = false;
  const startedAt = now();
  status.set({ firstSync: { ...progress.summary(), startedAt } });
  // Accounts re-assigned to this person (or within the team they lead) while the app is open: the server announces how many documents are coming
  // (common/sync/arrival-progress.ts); the count is shown at most every ARRIVAL_SHOWN_EVERY_MS as they stream in.
  const arrival = new ArrivalProgress(new Set(names));
  let arrivalStartedAt = 0;
  let arrivalShownAt = -Infinity;
  // While it lasts, watchers that react to every write (the scoring engine's per-account rescoring, which would also
  // push every half-arrived account's assessment) wait and react once at its end, as after a first sync (write-hold.ts).
  let releaseArrival: (() => void) | undefined;
  const showArrival = (force: boolean) => {
    const count = arrival.summary();
    if (count && !releaseArrival) releaseArrival = holdReactions(options.db);
    if (!count && releaseArrival) {
      releaseArrival();
      releaseArrival = undefined;
    }
    const at = now();
    if (!force && at - arrivalShownAt < ARRIVAL_SHOWN_EVERY_MS) return;
    arrivalShownAt = at;
    status.set({ arrival: count ? { ...count, startedAt: arrivalStartedAt } : null });
  };
  const received = (documents: number) => {
    if (arrival.summary() === null) return;
    arrival.receive(documents);
    showArrival(false);
  };
  const onNotice = (notice: ArrivalNotice) => {
    if (notice.notice === 'arriving') {
      if (arrival.summary() === null) arrivalStartedAt = now();
      arrival.arriving(notice.arrival, notice.documents ?? {}, notice.to);
      showArrival(true);
      return;
    }
    // Written on the server: over once this device has pulled everything up to now (the stream may lag behind).
    void catchUpReplications(states).then(() => {
      arrival.over(notice.arrival);
      showArrival(true);
    });
  };
  const onPulledPage = (collection: string, documents: number, remaining: number | undefined) => {
    received(documents);
    if (initialSyncDone) return;
    progress.page(collection, documents, remaining);
    status.set({ firstSync: { ...progress.summary(), startedAt } });
  };
  const replication = replicateCollectionsWithSyncServer({
    collections: Object.fromEntries(names.map((name) => [name, options.db[name] as RxCollection<any>])),
    serverUrl: options.serverUrl,
    getAccessToken: () => options.tokens.getAccessToken(),
    fetch: fetcher,
    status: tracker,
    user,
    onPulledPage,
    onStreamed: (_collection, documents) => received(documents),
    onNotice,
    ...(options.retryTimeMs ? { retryTimeMs: options.retryTimeMs } : {}),
  });
  const states = Object.values(replication.states);
  // A lost stream may have lost an arrival's end with it: forget what was announced rather than show it forever.
  subscriptions.push(
    tracker.status$.subscribe((current) => {
      if (current.phase === 'offline' && arrival.summary() !== null) {
        arrival.clear();
        showArrival(true);
      }
    }),
  );

  // The browser knows before any request fails; on return, pull what was missed at once (not at the next probe).
  const goOnline = () => {
    fetcher.probeNow();
    for (const state of states) state.reSync();
  };
  const goOffline = () => tracker.record({ type: 'stream-lost', at: new Date(now()).toISOString() });
  options.events?.addEventListener('online', goOnline);
  options.events?.addEventListener('offline', goOffline);

  return {
    states,
    tracker,
    async initialSync() {
      await Promise.all(states.map((state) => state.awaitInitialReplication()));
      initialSyncDone = true;
      status.set({ firstSync: null });
    },
    async stop() {
      releaseArrival?.();
      options.events?.removeEventListener('online', goOnline);
      options.events?.removeEventListener('offline', goOffline);
      for (const subscription of subscriptions) subscription.unsubscribe();
      await replication.cancel();
    },
  };
}
