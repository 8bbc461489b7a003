import type { ArrivalNotice, Checkpoint, StreamFrame } from './wire-contract';
import type { RxReplicationPullStreamItem } from 'rxdb';
import { Subject, type Observable } from 'rxjs';
import { DEFAULT_BACKOFF, parseRetryAfter, retryDelayMs, sleep, type BackoffPolicy } from './backoff';
import type { SyncStatusTracker } from './sync-status';

/**
 * The live half of team sync: ONE server-sent-event stream (`GET /sync/stream?collections=a,b,…`) for all of a
 * client's collections, read with fetch (which can send the bearer header that EventSource cannot). A browser
 * allows 6 HTTP/1.1 connections per host; one stream per collection would leave none for pulls and pushes.
 * Each event names its collection and is handed to that collection's replication as its `pull.stream$`.
 */
export interface SyncStreamOptions {
  /** e.g. `https://sync.example.com` */
  serverUrl: string;
  /** Names of the collections on the server. */
  collections: readonly string[];
  /** A current access token; called before every (re)connect. */
  getAccessToken: () => string | Promise<string>;
  fetch?: typeof fetch;
  backoff?: BackoffPolicy;
  /** Told when the stream connects and drops (the app's online / offline). */
  status?: SyncStatusTracker;
  /** Receives the stream's notices (a bulk re-assignment to this person begins and ends). */
  onNotice?: (notice: ArrivalNotice) => void;
}

/** The server's checkpoint, as the wire contract defines it. */
export type ServerCheckpoint = Checkpoint;

export type StreamItem = RxReplicationPullStreamItem<any, ServerCheckpoint>;

export interface SyncStream {
  /** The `pull.stream$` for one of the followed collections. */
  events(collection: string): Observable<StreamItem>;
  /** Ends the connection and completes every collection's events. */
  close(): void;
}

/** A frame as it arrives: shaped like the contract's StreamFrame or ArrivalNotice, but checked before use. */
type ArrivingFrame = { [K in keyof StreamFrame | keyof ArrivalNotice]?: unknown };

/** The notice a frame carries, if it is a well-formed one. */
function noticeOf(frame: ArrivingFrame): ArrivalNotice | undefined {
  if ((frame.notice !== 'arriving' && frame.notice !== 'arrived') || typeof frame.arrival !== 'string') return undefined;
  const counts = frame.documents !== null && typeof frame.documents === 'object' && !Array.isArray(frame.documents) ? frame.documents : {};
  const documents = Object.fromEntries(Object.entries(counts).filter(([, count]) => Number.isSafeInteger(count) && (count as number) >= 0)) as Record<string, number>;
  if (frame.notice === 'arrived') return { notice: 'arrived', arrival: frame.arrival };
  return { notice: 'arriving', arrival: frame.arrival, documents, to: frame.to === 'team' ? 'team' : 'you' };
}

/**
 * Opens the stream at once and keeps it open until `close()`: on any drop it reconnects with backoff (honouring
 * Retry-After). The stream only carries changes made after it connected, so every collection gets RESYNC (RxDB
 * pulls from its checkpoint) each time the stream connects or drops; otherwise a change made while it reconnected
 * would never arrive.
 */
export function openSyncStream(options: SyncStreamOptions): SyncStream {
  const subjects = new Map(options.collections.map((name) => [name, new Subject<StreamItem>()]));
  const stop = new AbortController();
  const fetcher = options.fetch ?? ((input, init) => fetch(input, init));
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const url = `${options.serverUrl.replace(/\/$/, '')}/sync/stream?collections=${options.collections.map(encodeURIComponent).join(',')}`;
  const resyncAll = () => {
    for (const subject of subjects.values()) subject.next('RESYNC');
  };
  const deliver = (frame: ArrivingFrame) => {
    const notice = noticeOf(frame);
    if (notice) return options.onNotice?.(notice);
    const subject = typeof frame.collection === 'string' ? subjects.get(frame.collection) : undefined;
    if (subject && Array.isArray(frame.documents)) subject.next({ documents: frame.documents, checkpoint: frame.checkpoint as ServerCheckpoint });
  };

  void (async () => {
    let failures = 0;
    while (!stop.signal.aborted) {
      let retryAfterMs: number | null = null;
      try {
        const response = await fetcher(url, {
          headers: { authorization: `Bearer ${await options.getAccessToken()}` },
          signal: stop.signal,
        });
        if (!response.ok || !response.body) {
          retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
          throw new Error(`stream ${response.status}`);
        }
        options.status?.record({ type: 'stream-connected', at: new Date().toISOString() });
        failures = 0;
        resyncAll();
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
            if (frame.startsWith('data: ')) deliver(JSON.parse(frame.slice(6)) as ArrivingFrame);
          }
        }
      } catch {
        if (stop.signal.aborted) break;
      }
      if (stop.signal.aborted) break;
      failures += 1;
      options.status?.record({ type: 'stream-lost', at: new Date().toISOString() });
      resyncAll();
      await sleep(retryDelayMs(failures, retryAfterMs, backoff), stop.signal).catch(() => undefined);
    }
    for (const subject of subjects.values()) subject.complete();
  })();

  return {
    events(collection) {
      const subject = subjects.get(collection);
      if (!subject) throw new Error(`The sync stream does not follow "${collection}"; it follows ${options.collections.join(', ')}`);
      return subject.asObservable();
    },
    close: () => stop.abort(),
  };
}
