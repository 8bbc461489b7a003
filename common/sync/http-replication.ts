import type { RxCollection } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { Subject } from 'rxjs';

/**
 * Client side of the Outpost sync server: RxDB replication over its HTTP endpoints (pull, push) and its
 * server-sent-event stream (read with fetch, which can send the bearer header that EventSource cannot).
 * Conflicts are merged per field on the server, so RxDB's default conflict handler (take the master) suffices.
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
  batchSize?: number;
  /** The fetch to use (tests simulate being offline with one that fails). */
  fetch?: typeof fetch;
  retryTimeMs?: number;
}

export interface ServerCheckpoint {
  seq: number | string;
}

async function request(fetcher: typeof fetch, url: string, token: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetcher(url, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  if (!response.ok) throw new Error(`Sync server ${response.status}: ${body?.error ?? response.statusText}`);
  return body;
}

/** Emits each `data:` payload of the stream; on any drop emits RESYNC and reconnects until `stop` aborts. */
function followStream(
  fetcher: typeof fetch,
  url: string,
  getAccessToken: () => string | Promise<string>,
  stop: AbortSignal,
  retryMs: number,
) {
  const events = new Subject<any>();
  void (async () => {
    while (!stop.aborted) {
      try {
        const response = await fetcher(url, { headers: { authorization: `Bearer ${await getAccessToken()}` }, signal: stop });
        if (!response.ok || !response.body) throw new Error(`stream ${response.status}`);
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
        if (stop.aborted) break;
      }
      if (stop.aborted) break;
      events.next('RESYNC');
      await new Promise((resolve) => setTimeout(resolve, retryMs));
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
  const fetcher = options.fetch ?? ((input, init) => fetch(input, init));

  const state = replicateRxCollection<T, ServerCheckpoint>({
    collection: options.collection,
    replicationIdentifier: `outpost-sync:${options.serverUrl}:${name}`,
    live,
    retryTime,
    pull: {
      batchSize: options.batchSize ?? 100,
      handler: async (checkpoint, batchSize) => {
        const query = new URLSearchParams({ limit: String(batchSize) });
        if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
        return (await request(fetcher, `${base}/pull?${query}`, await options.getAccessToken())) as any;
      },
      stream$: live ? followStream(fetcher, `${base}/stream`, options.getAccessToken, stop.signal, retryTime) : undefined,
    },
    push: {
      batchSize: options.batchSize ?? 100,
      handler: async (rows) =>
        (await request(fetcher, `${base}/push`, await options.getAccessToken(), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(rows),
        })) as any,
    },
  });
  void state.canceled$.subscribe((canceled) => {
    if (canceled) stop.abort();
  });
  return state;
}
