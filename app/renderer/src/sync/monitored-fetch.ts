import { canWrite, type AccessUser, type ScopedDocument } from '../../../../common/sync/access-policy';

/**
 * The fetch under the team replication (common/sync/http-replication.ts, which retries with backoff and reports
 * the status). This layer adds what needs the app's session: a renewed token after a 401, a time limit on pull and
 * push (a request that hangs on a dead network would hold RxDB's push queue forever), and spotting pushed writes
 * the server refused, so the person is told their change was rolled back.
 */
export type RefusedDocument = ScopedDocument & { id: string; name?: unknown };

export interface MonitoredFetchOptions {
  base?: typeof fetch;
  user: AccessUser;
  /** Renews the access token after a 401; resolves to the new one. */
  renewToken(): Promise<string>;
  onRefused(collection: string, documents: RefusedDocument[]): void;
  /** Pull and push requests that take longer are aborted; the live stream has no limit. */
  requestTimeoutMs?: number;
}

/** Pushed rows this user could not write and that came back as conflicts: the server refused them. */
function refusedRows(user: AccessUser, body: BodyInit | null | undefined, conflicts: unknown): RefusedDocument[] {
  if (typeof body !== 'string' || !Array.isArray(conflicts) || conflicts.length === 0) return [];
  const rows = JSON.parse(body) as { assumedMasterState: ScopedDocument | null; newDocumentState: RefusedDocument }[];
  const conflicted = new Set(conflicts.map((doc: { id?: string }) => doc.id));
  return rows
    .filter((row) => conflicted.has(row.newDocumentState.id) && !canWrite(user, row.assumedMasterState, row.newDocumentState))
    .map((row) => row.newDocumentState);
}

export function createMonitoredFetch(options: MonitoredFetchOptions): typeof fetch {
  const base = options.base ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  return (async (input: RequestInfo | URL, init: RequestInit = {}) => {
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
      const refused = refusedRows(options.user, request.body, await response.clone().json().catch(() => null));
      if (refused.length) options.onRefused(/\/sync\/([^/]+)\/push$/.exec(url.pathname)?.[1] ?? '', refused);
    }
    return response;
  }) as typeof fetch;
}
