import { canWrite, type AccessUser, type ScopedDocument } from '../../../../common/sync/access-policy';

/**
 * The fetch the team replication uses. It turns HTTP answers into sync status: offline (the request never left),
 * rate limited (429: waits Retry-After and tries again, doubling without one: RATE001), integration failure
 * (any other error answer: SYNC001), a renewed token after a 401, and writes the server refused.
 */
export type FetchOutcome =
  | { kind: 'ok'; path: string }
  | { kind: 'offline' }
  | { kind: 'rate-limited'; retryInSeconds: number }
  | { kind: 'failed'; status: number; message: string }
  | { kind: 'refused'; collection: string; documents: RefusedDocument[] };

export type RefusedDocument = ScopedDocument & { id: string; name?: unknown };

export interface MonitoredFetchOptions {
  base?: typeof fetch;
  user: AccessUser;
  /** Renews the access token after a 401; resolves to the new one. */
  renewToken(): Promise<string>;
  report(outcome: FetchOutcome): void;
  sleep?: (ms: number) => Promise<void>;
  maxRateLimitRetries?: number;
  /**
   * Pull and push requests that take longer are aborted (and count as offline): a request that hangs on a dead
   * network would otherwise hold RxDB's push queue forever. The live stream has no time limit.
   */
  requestTimeoutMs?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.clone().json()) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch {
    // not JSON
  }
  return response.statusText || `HTTP ${response.status}`;
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
  const sleep = options.sleep ?? defaultSleep;
  const maxRetries = options.maxRateLimitRetries ?? 6;

  return (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const timeout = url.pathname.endsWith('/stream') ? null : AbortSignal.timeout(options.requestTimeoutMs ?? 20_000);
    let request: RequestInit = timeout ? { ...init, signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout } : init;
    let renewed = false;
    for (let attempt = 0; ; attempt += 1) {
      let response: Response;
      try {
        response = await base(input, request);
      } catch (error) {
        if (!(init.signal?.aborted ?? false)) options.report({ kind: 'offline' });
        throw error;
      }
      if (response.status === 401 && !renewed) {
        renewed = true;
        const token = await options.renewToken();
        request = { ...request, headers: { ...(request.headers as Record<string, string>), authorization: `Bearer ${token}` } };
        continue;
      }
      if (response.status === 429 && attempt < maxRetries) {
        const header = Number(response.headers.get('retry-after') ?? NaN);
        const seconds = Number.isFinite(header) && header > 0 ? header : Math.min(60, 2 ** (attempt + 1));
        options.report({ kind: 'rate-limited', retryInSeconds: seconds });
        await sleep(seconds * 1000);
        continue;
      }
      if (!response.ok) {
        options.report({ kind: 'failed', status: response.status, message: await errorMessage(response) });
        return response;
      }
      options.report({ kind: 'ok', path: url.pathname });
      if (url.pathname.endsWith('/push')) {
        const refused = refusedRows(options.user, request.body, await response.clone().json().catch(() => null));
        const collection = /\/sync\/([^/]+)\/push$/.exec(url.pathname)?.[1] ?? '';
        if (refused.length) options.report({ kind: 'refused', collection, documents: refused });
      }
      return response;
    }
  }) as typeof fetch;
}
