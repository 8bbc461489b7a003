import { syncSessionSchema, type SyncSession } from '../../../../common/bridge/contract';

/**
 * Sign-in and token refresh against an Outpost sync server. Errors are SyncAuthError with a kind the Settings page
 * turns into a clear message (and a TOTP field when the server asks for a second factor).
 */
export type SyncAuthErrorKind = 'bad-url' | 'unreachable' | 'credentials' | 'totp-required' | 'totp-wrong' | 'rate-limited' | 'session-ended' | 'server';

export class SyncAuthError extends Error {
  constructor(
    readonly kind: SyncAuthErrorKind,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'SyncAuthError';
  }
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** `sync.example.com` → `https://sync.example.com`; refuses plain http except on this machine. */
export function normalizeServerUrl(input: string): string {
  const trimmed = input.trim().replace(/\/+$/, '');
  if (!trimmed) throw new SyncAuthError('bad-url', 'Enter the server URL your team lead gave you, e.g. https://sync.example.com');
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    throw new SyncAuthError('bad-url', `"${input.trim()}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SyncAuthError('bad-url', 'The server URL must start with https://');
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) {
    throw new SyncAuthError('bad-url', 'Use https:// for a server on another machine; plain http is only allowed for 127.0.0.1 and localhost');
  }
  if (url.search || url.hash) throw new SyncAuthError('bad-url', 'The server URL must not have a query or #fragment');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

interface TokenAnswer {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; email: string; name: string; role: SyncSession['user']['role']; teamId: string | null };
}

async function post(fetcher: typeof fetch, url: string, body: unknown): Promise<{ status: number; body: any; retryAfter: number | undefined }> {
  let response: Response;
  try {
    response = await fetcher(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new SyncAuthError('unreachable', `Could not reach the sync server at ${new URL(url).origin}. Check the URL and your network.`);
  }
  const text = await response.text();
  let parsed: any = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  const retryAfter = Number(response.headers.get('retry-after') ?? NaN);
  return { status: response.status, body: parsed, retryAfter: Number.isFinite(retryAfter) ? retryAfter : undefined };
}

function toSession(serverUrl: string, answer: TokenAnswer, now: number): SyncSession {
  return syncSessionSchema.parse({
    serverUrl,
    user: { id: answer.user.id, email: answer.user.email, name: answer.user.name, role: answer.user.role, teamId: answer.user.teamId },
    refreshToken: answer.refreshToken,
    accessToken: answer.accessToken,
    accessExpiresAt: now + answer.expiresIn * 1000,
  });
}

function failure(status: number, body: any, retryAfter: number | undefined, context: 'sign-in' | 'refresh'): SyncAuthError {
  const message: string = typeof body?.error === 'string' ? body.error : `the server answered ${status}`;
  if (status === 429) {
    const wait = retryAfter ?? 30;
    return new SyncAuthError('rate-limited', `Too many attempts (RATE001): try again in ${wait} s`, wait);
  }
  if (body?.code === 'AUTH003') return new SyncAuthError('totp-required', message);
  if (body?.code === 'AUTH004') return new SyncAuthError('totp-wrong', message);
  // Locked (AUTH006) or disabled (AUTH007): the server's message says what to do (ask an Admin).
  if (body?.code === 'AUTH006' || body?.code === 'AUTH007') return new SyncAuthError(context === 'refresh' ? 'session-ended' : 'credentials', message);
  if (status === 401 || status === 403) {
    return context === 'refresh' ? new SyncAuthError('session-ended', `${message}; sign in again`) : new SyncAuthError('credentials', message);
  }
  return new SyncAuthError('server', `The sync server could not ${context === 'refresh' ? 'renew the session' : 'sign you in'}: ${message}`);
}

export async function signIn(
  input: { serverUrl: string; email: string; password: string; totp?: string },
  options: { fetch?: typeof fetch; now?: () => number } = {},
): Promise<SyncSession> {
  const serverUrl = normalizeServerUrl(input.serverUrl);
  const fetcher = options.fetch ?? ((url, init) => fetch(url, init));
  const body: Record<string, string> = { email: input.email.trim(), password: input.password };
  // Only sent when asked for: the server refuses fields it does not know.
  if (input.totp) body['totpCode'] = input.totp.trim();
  const answer = await post(fetcher, `${serverUrl}/auth/login`, body);
  if (answer.status !== 200) throw failure(answer.status, answer.body, answer.retryAfter, 'sign-in');
  return toSession(serverUrl, answer.body as TokenAnswer, (options.now ?? Date.now)());
}

export async function refreshSession(session: SyncSession, options: { fetch?: typeof fetch; now?: () => number } = {}): Promise<SyncSession> {
  const fetcher = options.fetch ?? ((url, init) => fetch(url, init));
  const answer = await post(fetcher, `${session.serverUrl}/auth/refresh`, { refreshToken: session.refreshToken });
  if (answer.status !== 200) throw failure(answer.status, answer.body, answer.retryAfter, 'refresh');
  return toSession(session.serverUrl, answer.body as TokenAnswer, (options.now ?? Date.now)());
}

/** Signs this session out on the server (`POST /auth/logout`): its tokens, streams and note sockets end at once. */
export async function endServerSession(session: SyncSession, options: { fetch?: typeof fetch } = {}): Promise<void> {
  const fetcher = options.fetch ?? ((url, init) => fetch(url, init));
  await fetcher(`${session.serverUrl}/auth/logout`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.accessToken}` },
    signal: AbortSignal.timeout(5000),
  });
}
