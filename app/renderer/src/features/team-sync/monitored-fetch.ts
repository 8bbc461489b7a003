import type { ScopedDocument } from '../../../../../common/sync/access-policy';
import { parseRefusedHeader, REFUSED_HEADER } from '../../../../../common/sync/refused-header';
import { gateUnreachable } from './unreachable-gate';

/**
 * The fetch under the team replication (common/sync/http-replication.ts, which retries with backoff and reports
 * the status). This layer adds what needs the app's session: a renewed token after a 401, a time limit on pull and
 * push (a request that hangs on a dead network would hold RxDB's push queue forever), and spotting pushed writes
 * the server refused (it names them in a response header), so the person is told their change was rolled back.
 */
export type RefusedDocument = ScopedDocument & { id: string; name?: unknown };

export interface MonitoredFetchOptions {
  base?: typeof fetch;
  /** Renews the access token after a 401; resolves to the new one. */
  renewToken(): Promise<string>;
  onRefused(collection: string, documents: RefusedDocument[]): void;
  /** Pull and push requests that take longer are aborted; the live stream has no limit. */
  requestTimeoutMs?: number;
}

/** The pushed documents the server names as refused (its answer for them is a roll-back, not a merge). */
function refusedRows(body: BodyInit | null | undefined, refusedIds: string[]): RefusedDocument[] {
  if (typeof body !== 'string' || refusedIds.length === 0) return [];
  const ids = new Set(refusedIds);
  const rows = JSON.parse(body) as { newDocumentState: RefusedDocument }[];
  return rows.map((row) => row.newDocumentState).filter((doc) => ids.has(doc.id));
}

/** The monitored fetch, and a way to let the next request try an unreachable server at once (see unreachable-gate.ts). */
export type MonitoredFetch = typeof fetch & { probeNow(): void };

export function createMonitoredFetch(options: MonitoredFetchOptions): MonitoredFetch {
  // One probe at a time while the server is unreachable (see unreachable-gate.ts).
  const base = gateUnreachable(options.base ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init)));

  const monitored = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const timeout = url.pathname.endsWith('/stream') ? null : AbortSignal.timeout(options.requestTimeoutMs ?? 20_000);
    let request: RequestInit = timeout ? { ...init, signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout } : init;
    let response = await base(input, request);
    if (response.status === 401) {
      const token = await options.renewToken().catch(() => null);
      if (token) {
        request = { ...request, headers: { ...(request.headers as Record<string, string>), authorization: `Bearer ${token}` } };
        response = await base(input, request);
      }
    }
    if (response.ok && url.pathname.endsWith('/push')) {
      const refused = refusedRows(request.body, parseRefusedHeader(response.headers.get(REFUSED_HEADER)));
      if (refused.length) options.onRefused(/\/sync\/([^/]+)\/push$/.exec(url.pathname)?.[1] ?? '', refused);
    }
    return response;
  }) as typeof fetch;
  return Object.assign(monitored, { probeNow: () => base.probeNow() });
}
