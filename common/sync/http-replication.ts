import type { PushRow } from './wire-contract';
import { getComposedPrimaryKeyOfDocumentData, type RxCollection } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { combineLatest, tap, type Subscription } from 'rxjs';
import type { AccessUser } from './access-policy';
import { DEFAULT_BACKOFF, parseRetryAfter, retryDelayMs, sleep, type BackoffPolicy } from './backoff';
import { codeForStatus, isSyncErrorCode, type SyncErrorCode } from './error-codes';
import { keepsLocal, pushesAnything } from './push-policy';
import { persistedPagesGate } from './persisted-pages-gate';
import { readAheadPull, type PulledPage } from './read-ahead-pull';
import { unrecordedPushes } from './unrecorded-pushes';
import { canonicalJson } from '../json/json-equality';
import { openSyncStream, type ServerCheckpoint, type SyncStream, type SyncStreamOptions } from './sync-stream';
import type { SyncStatusTracker } from './sync-status';

export type { ServerCheckpoint } from './sync-stream';

/**
 * Client side of the Outpost sync server: RxDB replication over its HTTP endpoints (pull, push) and its live
 * server-sent-event stream (common/sync/sync-stream.ts; one connection for all of a client's collections).
 * Conflicts are merged per field on the server, so RxDB's default conflict handler (take the master) suffices.
 * Requests that fail for a passing reason (offline, 5xx: SYNC001; 429: RATE001) are retried inside the handler
 * with backoff that honours Retry-After; refusals (4xx) are thrown to RxDB, which reports them on `error$`.
 */
export interface SyncServerReplicationOptions<T> {
  collection: RxCollection<T>;
  /** e.g. `https://sync.example.com` */
  serverUrl: string;
  /** Name of the collection on the server; defaults to the RxDB collection name. */
  remoteName?: string;
  /** A current access token (refreshing it is the caller's job); called before every request. */
  getAccessToken: () => string | Promise<string>;
  live?: boolean;
  /** Documents per pull request (the server answers at most 5000). */
  pullBatchSize?: number;
  /** Rows per push request (the server accepts at most 200). */
  pushBatchSize?: number;
  /** The fetch to use (tests simulate being offline with one that fails). */
  fetch?: typeof fetch;
  /** RxDB's retry time after a thrown (non-transient) error. */
  retryTimeMs?: number;
  backoff?: BackoffPolicy;
  /** Receives the events the app's sync indicator is derived from; share one tracker across collections. */
  status?: SyncStatusTracker;
  /**
   * The signed-in user, to push only what the server would accept from this device (common/sync/push-policy.ts):
   * nothing for a Viewer, and no device-computed documents outside the user's write scope. Absent: push everything.
   */
  user?: AccessUser;
  /** A stream shared with other collections (`replicateCollectionsWithSyncServer`); absent: live opens its own. */
  stream?: SyncStream;
  /**
   * Each pulled page handed to RxDB: its collection (the name on the server), its size, and, until the server has
   * answered one, how many more documents follow it (asked of the server with the session's first pulls; see
   * common/sync/first-sync-progress.ts).
   */
  onPulledPage?: (collection: string, documents: number, remaining: number | undefined) => void;
  /** Each batch of documents the live stream hands to RxDB: its collection (the name on the server) and size. */
  onStreamed?: (collection: string, documents: number) => void;
}

/** A pull's answer as the replication reads it: `remaining` when asked for and the server could count. */
type CountedPage = PulledPage<ServerCheckpoint> & { remaining?: unknown };

/** A request the server refused or that could not be made; `code` is one of common/sync/error-codes.ts. */
export class SyncRequestError extends Error {
  constructor(
    message: string,
    readonly code: SyncErrorCode,
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'SyncRequestError';
  }

  /** Worth retrying by itself: unreachable, rate limited or a server failure. */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

async function requestOnce(fetcher: typeof fetch, url: string, token: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetcher(url, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new SyncRequestError(`Sync server unreachable: ${(error as Error).message}`, 'SYNC001', 0);
  }
  const body = (await response.json().catch(() => null)) as { error?: string; code?: unknown } | null;
  if (!response.ok) {
    const code = isSyncErrorCode(body?.code) ? body.code : codeForStatus(response.status);
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    throw new SyncRequestError(`${body?.error ?? response.statusText} (${code})`, code, response.status, retryAfter);
  }
  return body;
}

export interface RequestContext {
  fetcher: typeof fetch;
  getAccessToken: () => string | Promise<string>;
  stop: AbortSignal;
  backoff: BackoffPolicy;
  /** Delay for a thrown (non-transient) error before RxDB tries again, for the status's next retry time. */
  retryTimeMs: number;
  status?: SyncStatusTracker;
}

/** One request with retries for transient failures, reporting each attempt to the status tracker. */
export async function syncRequest(context: RequestContext, url: string, init: RequestInit = {}): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    context.status?.record({ type: 'request-started', at: new Date().toISOString() });
    try {
      const body = await requestOnce(context.fetcher, url, await context.getAccessToken(), { ...init, signal: context.stop });
      context.status?.record({ type: 'request-succeeded', at: new Date().toISOString() });
      return body;
    } catch (error) {
      if (context.stop.aborted) throw error;
      const failure =
        error instanceof SyncRequestError ? error : new SyncRequestError(`Sync failed: ${(error as Error).message}`, 'SYNC001', 0);
      const delay = failure.transient ? retryDelayMs(attempt, failure.retryAfterMs, context.backoff) : context.retryTimeMs;
      context.status?.record({
        type: 'request-failed',
        at: new Date().toISOString(),
        code: failure.code,
        message: failure.message,
        reachable: failure.status !== 0,
        nextRetryAt: new Date(Date.now() + delay).toISOString(),
      });
      if (!failure.transient) throw failure;
      await sleep(delay, context.stop);
    }
  }
}


type Doc = Record<string, unknown>;

/** The meta-instance writes in which RxDB records the outcome of a push (replication-protocol/upstream.js). */
const RECORDS_PUSH = new Set(['replication-up-write-meta', 'replication-up-write-conflict-meta']);

export function replicateWithSyncServer<T>(options: SyncServerReplicationOptions<T>): RxReplicationState<T, ServerCheckpoint> {
  const name = options.remoteName ?? options.collection.name;
  const base = `${options.serverUrl.replace(/\/$/, '')}/sync/${encodeURIComponent(name)}`;
  const live = options.live ?? true;
  const stop = new AbortController();
  const retryTime = options.retryTimeMs ?? 5000;
  const context: RequestContext = {
    fetcher: options.fetch ?? ((input, init) => fetch(input, init)),
    getAccessToken: options.getAccessToken,
    stop: stop.signal,
    backoff: options.backoff ?? { ...DEFAULT_BACKOFF, baseMs: Math.min(DEFAULT_BACKOFF.baseMs, retryTime) },
    retryTimeMs: retryTime,
    status: options.status,
  };
  const key = (id: string) => `${name}:${id}`;
  const primaryPath = options.collection.schema.primaryPath as string;
  const user = options.user;
  const pushes = !user || pushesAnything(user);
  // A replication of its own opens a stream for just its collection and closes it when cancelled.
  const ownStream =
    live && !options.stream
      ? openSyncStream({ serverUrl: options.serverUrl, collections: [name], getAccessToken: options.getAccessToken, fetch: context.fetcher, backoff: context.backoff, status: options.status })
      : undefined;
  const stream = options.stream ?? ownStream;
  // Pulls ask the server to count what follows until a page with that count has been handed to RxDB (a page read
  // ahead may be dropped, so the first two or so ask), for the progress of a first sync.
  let counted = !options.onPulledPage;
  const pager = readAheadPull<ServerCheckpoint, CountedPage>(async (checkpoint, batchSize) => {
    const query = new URLSearchParams({ limit: String(batchSize) });
    if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
    if (!counted) query.set('remaining', '1');
    return (await syncRequest(context, `${base}/pull?${query}`)) as CountedPage;
  });
  // Master states RxDB may drop while a push of the same document is unrecorded, and the pull that goes back over
  // them once it is recorded (common/sync/unrecorded-pushes.ts).
  const unrecorded = unrecordedPushes<ServerCheckpoint, Doc>(
    (doc) => String(doc[primaryPath]),
    (doc) => canonicalJson({ ...doc, _deleted: doc['_deleted'] === true }),
  );
  // Any stream event (documents or RESYNC) means the server has news a page read ahead may lack.
  const events =
    live && stream
      ? stream.events(name).pipe(
          tap((item) => {
            pager.invalidate();
            if (item === 'RESYNC') return;
            unrecorded.handedOut(item.documents as Doc[]);
            options.onStreamed?.(name, item.documents.length);
          }),
        )
      : undefined;
  // Pages go to RxDB at most one ahead of what it has stored (common/sync/persisted-pages-gate.ts), known from the
  // pull checkpoints RxDB stores in its replication meta instance after writing each page.
  const pages = persistedPagesGate<ServerCheckpoint>((checkpoint) => JSON.stringify(checkpoint.seq));
  let storedCheckpoints: Subscription | undefined;
  const watchStoredCheckpoints = (): boolean => {
    const meta = state?.metaInstance;
    if (!storedCheckpoints && meta) {
      storedCheckpoints = meta.changeStream().subscribe((bulk) => {
        const recorded: string[] = [];
        for (const event of bulk.events) {
          const doc = event.documentData as { isCheckpoint?: string; itemId?: string; checkpointData?: ServerCheckpoint };
          if (doc.isCheckpoint === '1' && doc.itemId === 'down' && doc.checkpointData) pages.stored(doc.checkpointData);
          // RxDB records a push's outcome (accepted, or the conflict's master state) in these writes.
          if (doc.isCheckpoint === '0' && doc.itemId !== undefined && RECORDS_PUSH.has(bulk.context)) recorded.push(doc.itemId);
        }
        if (recorded.length > 0 && unrecorded.recorded(recorded)) void state?.reSync();
      });
    }
    return storedCheckpoints !== undefined;
  };
  /** The pull checkpoint RxDB has stored (null before its first). */
  const storedPullCheckpoint = async (): Promise<ServerCheckpoint | null> => {
    const meta = state?.metaInstance;
    if (!meta) return null;
    const id = getComposedPrimaryKeyOfDocumentData(meta.schema, { isCheckpoint: '1', itemId: 'down' });
    // Unreadable (closing): from the beginning, should a catch-up be due.
    const [stored] = await meta.findDocumentsById([id], false).catch(() => []);
    return (stored?.checkpointData as ServerCheckpoint | undefined) ?? null;
  };

  // Declared before it is assigned: the pull handler reads it, and RxDB calls the handler only once started.
  let state: RxReplicationState<T, ServerCheckpoint> | undefined;
  state = replicateRxCollection<T, ServerCheckpoint>({
    collection: options.collection,
    replicationIdentifier: `outpost-sync:${options.serverUrl}:${name}`,
    live,
    retryTime,
    pull: {
      batchSize: options.pullBatchSize ?? 1000,
      handler: async (requested, batchSize) => {
        // Without the meta instance (not expected) nothing would report stored pages, so nothing is held back.
        const gated = watchStoredCheckpoints();
        const checkpoint = unrecorded.pullFrom(requested ?? null) ?? undefined;
        if (gated) await pages.beforePage(checkpoint);
        const page = await pager.pull(checkpoint, batchSize);
        if (gated && page.documents.length > 0 && page.checkpoint) pages.handedOut(page.checkpoint);
        unrecorded.handedOut(page.documents as Doc[]);
        const remaining = typeof page.remaining === 'number' ? page.remaining : undefined;
        if (remaining !== undefined) counted = true;
        options.onPulledPage?.(name, page.documents.length, remaining);
        return page as any;
      },
      stream$: events,
    },
    // A Viewer's device only pulls: RxDB then lets pulled documents replace anything written locally.
    push: pushes
      ? {
          batchSize: options.pushBatchSize ?? 100,
          handler: async (rows) => {
            const pushed = rows.map((row) => row.newDocumentState as Doc);
            watchStoredCheckpoints();
            unrecorded.sending(pushed, await storedPullCheckpoint());
            const versions = rows.map((row) => {
              const doc = row.newDocumentState as Record<string, unknown>;
              return { key: key(String(doc[primaryPath])), version: String(doc['updatedAt'] ?? '') };
            });
            // Rows RxDB found unpushed at start-up (e.g. after a restart offline) are pending too.
            options.status?.record({ type: 'local-changes', changes: versions });
            // Rows kept on the device are answered as accepted: RxDB takes them as the master state until the
            // server sends a newer one, which then replaces them.
            const sent = user ? rows.filter((row) => !keepsLocal(user, name, row as unknown as PushRow)) : rows;
            const answer =
              sent.length === 0
                ? []
                : ((await syncRequest(context, `${base}/push`, {
                    method: 'POST',
                    headers: { 'content-type': 'application/json' },
                    body: JSON.stringify(sent),
                  })) as any);
            options.status?.record({ type: 'pushed-changes', changes: versions });
            // RxDB records the master state answered for a document, or else the pushed one.
            const masters = new Map((answer as Doc[]).map((doc) => [String(doc[primaryPath]), doc]));
            unrecorded.answered(pushed.map((doc) => masters.get(String(doc[primaryPath])) ?? doc));
            return answer;
          },
        }
      : undefined,
  });

  if (options.status && pushes) {
    const status = options.status;
    // Local writes (not those the replication itself makes) are pending until a push acknowledges them.
    const local = options.collection.storageInstance.changeStream().subscribe((bulk) => {
      if (bulk.context.startsWith('replication-')) return;
      const changes = bulk.events.map((event) => ({ key: key(event.documentId), version: String((event.documentData as Record<string, unknown>)['updatedAt'] ?? '') }));
      status.record({ type: 'local-changes', changes });
    });
    void state.canceled$.subscribe((canceled) => {
      if (canceled) local.unsubscribe();
    });
  }
  // A write that failed never stores its checkpoint: hold nothing back for it.
  void state.error$.subscribe(() => pages.forget());
  void state.canceled$.subscribe((canceled) => {
    if (canceled) {
      stop.abort();
      ownStream?.close();
      pages.close();
      unrecorded.clear();
      storedCheckpoints?.unsubscribe();
    }
  });
  return state;
}

export interface CollectionsReplicationOptions extends Omit<SyncServerReplicationOptions<any>, 'collection' | 'remoteName' | 'stream'> {
  /** The collections to replicate, by their name on the server. */
  collections: Readonly<Record<string, RxCollection<any>>>;
  /** The shared stream's notices (sync-stream.ts). */
  onNotice?: SyncStreamOptions['onNotice'];
}

export interface CollectionsReplication {
  states: Record<string, RxReplicationState<any, ServerCheckpoint>>;
  /** Cancels every replication and closes the shared stream. */
  cancel(): Promise<void>;
}

/**
 * Live replication of several collections over one shared stream connection (plus a pull and push per request),
 * as a device replicates its book.
 */
export function replicateCollectionsWithSyncServer(options: CollectionsReplicationOptions): CollectionsReplication {
  const { collections, onNotice, ...shared } = options;
  const live = options.live ?? true;
  const retryTime = options.retryTimeMs ?? 5000;
  const stream = live
    ? openSyncStream({
        serverUrl: options.serverUrl,
        collections: Object.keys(collections),
        getAccessToken: options.getAccessToken,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        backoff: options.backoff ?? { ...DEFAULT_BACKOFF, baseMs: Math.min(DEFAULT_BACKOFF.baseMs, retryTime) },
        ...(options.status ? { status: options.status } : {}),
        ...(onNotice ? { onNotice } : {}),
      })
    : undefined;
  const states = Object.fromEntries(
    Object.entries(collections).map(([name, collection]) => [
      name,
      replicateWithSyncServer({ ...shared, collection, remoteName: name, ...(stream ? { stream } : {}) }),
    ]),
  );
  // The stream ends with the last replication, however that is cancelled.
  void combineLatest(Object.values(states).map((state) => state.canceled$)).subscribe((canceled) => {
    if (canceled.every(Boolean)) stream?.close();
  });
  return {
    states,
    async cancel() {
      await Promise.all(Object.values(states).map((state) => state.cancel()));
    },
  };
}
