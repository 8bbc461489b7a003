import type { RxCollection } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { Subject } from 'rxjs';
import { DEFAULT_BACKOFF, parseRetryAfter, retryDelayMs, type BackoffPolicy } from './backoff';
import { codeForStatus, isSyncErrorCode, type SyncErrorCode } from './error-codes';
import type { SyncStatusTracker } from './sync-status';

/**
 * Client side of the Outpost sync server: RxDB replication over its HTTP endpoints (pull, push) and its
 * server-sent-event stream (read with fetch, which can send the bearer header that EventSource cannot).
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
  /** Documents per pull request (the server answers at most 1000). */
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
}

export interface ServerCheckpoint {
  seq: number | string;
}

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

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
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

/** Emits each `data:` payload of the stream; on any drop emits RESYNC and reconnects with backoff until `stop`. */
function followStream(context: RequestContext, url: string) {
  const events = new Subject<any>();
  void (async () => {
    let failures = 0;
    while (!context.stop.aborted) {
      let retryAfterMs: number | null = null;
      try {
        const response = await context.fetcher(url, {
          headers: { authorization: `Bearer ${await context.getAccessToken()}` },
          signal: context.stop,
        });
        if (!response.ok || !response.body) {
          retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
          throw new Error(`stream ${response.status}`);
        }
        context.status?.record({ type: 'stream-connected', at: new Date().toISOString() });
        failures = 0;
        // The stream only carries changes from now on: pull from the checkpoint once more, or a change made
        // between the last pull and this connection (e.g. while reconnecting) would never arrive.
        events.next('RESYNC');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (frame.startsWith('data: ')) events.next(JSON.parse(frame.slice(6)));
          }
        }
      } catch {
        if (context.stop.aborted) break;
      }
      if (context.stop.aborted) break;
      failures += 1;
      context.status?.record({ type: 'stream-lost', at: new Date().toISOString() });
      events.next('RESYNC');
      await sleep(retryDelayMs(failures, retryAfterMs, context.backoff), context.stop).catch(() => undefined);
    }
    events.complete();
  })();
  return events.asObservable();
}

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

  const state = replicateRxCollection<T, ServerCheckpoint>({
    collection: options.collection,
    replicationIdentifier: `outpost-sync:${options.serverUrl}:${name}`,
    live,
    retryTime,
    pull: {
      batchSize: options.pullBatchSize ?? 500,
      handler: async (checkpoint, batchSize) => {
        const query = new URLSearchParams({ limit: String(batchSize) });
        if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
        return (await syncRequest(context, `${base}/pull?${query}`)) as any;
      },
      stream$: live ? followStream(context, `${base}/stream`) : undefined,
    },
    push: {
      batchSize: options.pushBatchSize ?? 100,
      handler: async (rows) => {
        const versions = rows.map((row) => {
          const doc = row.newDocumentState as Record<string, unknown>;
          return { key: key(String(doc[primaryPath])), version: String(doc['updatedAt'] ?? '') };
        });
        // Rows RxDB found unpushed at start-up (e.g. after a restart offline) are pending too.
        for (const version of versions) options.status?.record({ type: 'local-change', ...version });
        const answer = (await syncRequest(context, `${base}/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(rows),
        })) as any;
        for (const version of versions) options.status?.record({ type: 'pushed', ...version });
        return answer;
      },
    },
  });

  if (options.status) {
    const status = options.status;
    // Local writes (not those the replication itself makes) are pending until a push acknowledges them.
    const local = options.collection.storageInstance.changeStream().subscribe((bulk) => {
      if (bulk.context.startsWith('replication-')) return;
      for (const event of bulk.events) {
        const doc = event.documentData as Record<string, unknown>;
        status.record({ type: 'local-change', key: key(event.documentId), version: String(doc['updatedAt'] ?? '') });
      }
    });
    void state.canceled$.subscribe((canceled) => {
      if (canceled) local.unsubscribe();
    });
  }
  void state.canceled$.subscribe((canceled) => {
    if (canceled) stop.abort();
  });
  return state;
}
