import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the subset of Google Calendar API v3 (and the OAuth token endpoint) Outpost uses, written from
 * Google's published request and response shapes (developers.google.com/calendar/api/v3/reference and
 * /calendar/api/guides/sync). Google itself cannot be reached from our machines; README says which calls were
 * verified only against this server. 127.0.0.1 only, port 0 by default.
 *
 *   GET  /o/oauth2/v2/auth                            the consent page, answered at once as if the person clicked
 *                                                     Allow (or Deny, see `consent`): 302 to the loopback redirect_uri
 *                                                     with code and state; refuses a non-loopback redirect_uri and a
 *                                                     missing or non-S256 code_challenge (Google also accepts "plain")
 *   POST /token                                       grant_type=authorization_code: code, redirect_uri, client_id and
 *                                                     the PKCE code_verifier are checked (BASE64URL(SHA256(verifier))
 *                                                     must equal the challenge) → access and refresh token;
 *                                                     grant_type=refresh_token → { access_token, expires_in, token_type }
 *   GET  /calendar/v3/calendars/:cal/events           full list (no deleted), or changes since syncToken (with deleted);
 *                                                     pageToken / maxResults; nextSyncToken on the last page; 410 on a
 *                                                     token the server no longer knows
 *   POST /calendar/v3/calendars/:cal/events           insert (client-supplied id allowed; 409 when it exists)
 *   GET  /calendar/v3/calendars/:cal/events/:id       get (404 when unknown; cancelled events are returned)
 *   PUT  /calendar/v3/calendars/:cal/events/:id       update, If-Match → 412 when the etag changed
 *   DELETE /calendar/v3/calendars/:cal/events/:id     cancel (status cancelled, kept for sync); 410 when already deleted
 *   POST /calendar/v3/freeBusy                        { timeMin, timeMax, items: [{ id }] } → busy intervals
 */
export interface GoogleEventResource {
  kind: 'calendar#event';
  id: string;
  etag: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  summary?: string;
  description?: string;
  start?: { dateTime?: string; date?: string; timeZone?: string };
  end?: { dateTime?: string; date?: string; timeZone?: string };
  transparency?: 'opaque' | 'transparent';
  eventType?: 'default' | 'focusTime' | 'outOfOffice';
  attendees?: { email: string; displayName?: string; responseStatus?: string }[];
  extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
  created: string;
  updated: string;
  sequence: number;
  iCalUID: string;
}

interface Stored {
  event: GoogleEventResource;
  changedAt: number;
}

interface Fault {
  status: number;
  retryAfterSeconds?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

const ACCESS_LIFETIME_SECONDS = 3599;

export class LocalGoogleCalendarServer {
  readonly requests: RecordedRequest[] = [];
  /** Refresh tokens the token endpoint accepts. */
  readonly refreshTokens = new Set<string>(['refresh-token-1']);
  tokenRefreshes = 0;
  /** What the consent page answers: the person allows access, or denies it (error=access_denied). */
  consent: 'allow' | 'deny' = 'allow';
  /** Every consent request as received (to check what the app sent). */
  readonly authorizations: Record<string, string>[] = [];
  /** Every authorization_code exchange: the verifier sent and whether it was accepted. */
  readonly codeExchanges: { codeVerifier: string | null; accepted: boolean; error?: string }[] = [];
  private readonly codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; scope: string; used: boolean }>();
  private readonly calendars = new Map<string, Map<string, Stored>>();
  private readonly accessTokens = new Map<string, number>();
  private readonly faults: Fault[] = [];
  private sequence = 1;
  /** Sync tokens below this change number answer 410 Gone. */
  private oldestValidSyncSequence = 0;
  private server?: Server;
  url = '';

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => send(res, 500, { error: { code: 500, message: String(error) } }));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `count` Calendar API requests answer `status` (429, 500, 503 …), with Retry-After when given. */
  failNext(count: number, status: number, retryAfterSeconds?: number): void {
    for (let i = 0; i < count; i += 1) this.faults.push({ status, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) });
  }

  /** Every access token handed out so far stops working (as when it expires): the next call gets 401. */
  expireAccessTokens(): void {
    this.accessTokens.clear();
  }

  /** Google may invalidate sync tokens at any time; clients must then do a full sync (410 Gone). */
  invalidateSyncTokens(): void {
    this.oldestValidSyncSequence = this.sequence;
  }

  events(calendarId = 'primary'): GoogleEventResource[] {
    return [...this.calendar(calendarId).values()].map((s) => s.event);
  }

  /** A change made on Google's side (by the CSM in Google Calendar, or an attendee). */
  editEvent(calendarId: string, id: string, changes: Partial<GoogleEventResource>): GoogleEventResource {
    const stored = this.calendar(calendarId).get(id);
    if (!stored) throw new Error(`No event ${id}`);
    return this.put(calendarId, { ...stored.event, ...changes, sequence: stored.event.sequence + 1 });
  }

  /** An event created on Google's side. */
  addEvent(calendarId: string, event: Partial<GoogleEventResource> & { summary: string; start: GoogleEventResource['start']; end: GoogleEventResource['end'] }): GoogleEventResource {
    const now = new Date().toISOString();
    return this.put(calendarId, { kind: 'calendar#event', id: event.id ?? randomUUID().replaceAll('-', ''), etag: '', status: 'confirmed', created: now, updated: now, sequence: 0, iCalUID: '', ...event });
  }

  private calendar(id: string): Map<string, Stored> {
    let calendar = this.calendars.get(id);
    if (!calendar) this.calendars.set(id, (calendar = new Map()));
    return calendar;
  }

  private put(calendarId: string, event: GoogleEventResource): GoogleEventResource {
    const changedAt = this.sequence++;
    // Google's `updated` has millisecond precision; two writes in one millisecond still get distinct, later stamps.
    const previous = this.calendar(calendarId).get(event.id)?.event.updated;
    let updated = Date.now();
    if (previous && Date.parse(previous) >= updated) updated = Date.parse(previous) + 1;
    const stored: GoogleEventResource = { ...event, etag: `"${changedAt}${Date.now()}"`, updated: new Date(updated).toISOString(), iCalUID: event.iCalUID || `${event.id}@google.com` };
    this.calendar(calendarId).set(event.id, { event: stored, changedAt });
    return stored;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const record = (status: number) => this.requests.push({ method: req.method ?? '', path: url.pathname, query, status });
    const body = await readBody(req);
    if (url.pathname === '/o/oauth2/v2/auth' && req.method === 'GET') {
      record(this.authorize(query, res));
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST' && new URLSearchParams(body).get('grant_type') === 'authorization_code') {
      record(this.exchangeCode(new URLSearchParams(body), res));
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'refresh_token' || !this.refreshTokens.has(form.get('refresh_token') ?? '')) {
        record(400);
        send(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
        return;
      }
      this.tokenRefreshes += 1;
      const token = `ya29.local-${randomUUID()}`;
      this.accessTokens.set(token, Date.now() + ACCESS_LIFETIME_SECONDS * 1000);
      record(200);
      send(res, 200, { access_token: token, expires_in: ACCESS_LIFETIME_SECONDS, scope: 'https://www.googleapis.com/auth/calendar', token_type: 'Bearer' });
      return;
    }
    if (!url.pathname.startsWith('/calendar/v3/')) {
      record(404);
      send(res, 404, googleError(404, 'Not Found', 'notFound'));
      return;
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const expires = token ? this.accessTokens.get(token) : undefined;
    if (!expires || expires < Date.now()) {
      record(401);
      send(res, 401, { error: { code: 401, message: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.', status: 'UNAUTHENTICATED', errors: [{ message: 'Invalid Credentials', domain: 'global', reason: 'authError', location: 'Authorization', locationType: 'header' }] } });
      return;
    }
    const fault = this.faults.shift();
    if (fault) {
      record(fault.status);
      if (fault.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(fault.retryAfterSeconds));
      send(res, fault.status, fault.status === 429 ? googleError(429, 'Rate Limit Exceeded', 'rateLimitExceeded') : googleError(fault.status, 'Backend Error', 'backendError'));
      return;
    }
    const status = this.route(req.method ?? 'GET', url, query, body, req.headers['if-match'], res);
    record(status);
  }

  private authorize(query: Record<string, string>, res: ServerResponse): number {
    this.authorizations.push(query);
    const refuse = (message: string) => {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(`<h1>400. That’s an error.</h1><p>Error 400: invalid_request</p><p>${message}</p>`);
      return 400;
    };
    const redirectUri = query['redirect_uri'] ?? '';
    if (!query['client_id']) return refuse('Missing required parameter: client_id');
    if (query['response_type'] !== 'code') return refuse('Invalid response_type');
    if (!/^http:\/\/(127\.0\.0\.1|\[::1\]):\d+(\/|$)/.test(redirectUri)) return refuse('redirect_uri must be a loopback address');
    if (!query['scope']?.includes('https://www.googleapis.com/auth/calendar')) return refuse('Missing required parameter: scope');
    const challenge = query['code_challenge'] ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(challenge)) return refuse('Invalid code_challenge');
    if (query['code_challenge_method'] !== 'S256') return refuse('code_challenge_method must be S256');
    const target = new URL(redirectUri);
    if (query['state'] !== undefined) target.searchParams.set('state', query['state']);
    if (this.consent === 'deny') {
      target.searchParams.set('error', 'access_denied');
    } else {
      const code = `4/0local-${randomUUID()}`;
      this.codes.set(code, { clientId: query['client_id'], redirectUri, challenge, scope: query['scope'], used: false });
      target.searchParams.set('code', code);
      target.searchParams.set('scope', query['scope']);
    }
    res.writeHead(302, { location: target.toString() }).end();
    return 302;
  }

  private exchangeCode(form: URLSearchParams, res: ServerResponse): number {
    const grant = this.codes.get(form.get('code') ?? '');
    const verifier = form.get('code_verifier');
    const refuse = (description: string) => {
      this.codeExchanges.push({ codeVerifier: verifier, accepted: false, error: description });
      return send(res, 400, { error: 'invalid_grant', error_description: description });
    };
    if (!grant || grant.used) return refuse('Malformed auth code.');
    if (form.get('client_id') !== grant.clientId) return refuse('Unauthorized client.');
    if (form.get('redirect_uri') !== grant.redirectUri) return refuse('Bad Request: redirect_uri_mismatch');
    if (!verifier) return refuse('Missing code verifier.');
    if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) return refuse('Invalid code verifier.');
    grant.used = true;
    this.codeExchanges.push({ codeVerifier: verifier, accepted: true });
    const refreshToken = `1//local-${randomUUID()}`;
    this.refreshTokens.add(refreshToken);
    const accessToken = `ya29.local-${randomUUID()}`;
    this.accessTokens.set(accessToken, Date.now() + ACCESS_LIFETIME_SECONDS * 1000);
    return send(res, 200, { access_token: accessToken, expires_in: ACCESS_LIFETIME_SECONDS, refresh_token: refreshToken, scope: grant.scope, token_type: 'Bearer' });
  }

  private route(method: string, url: URL, query: Record<string, string>, body: string, ifMatch: string | string[] | undefined, res: ServerResponse): number {
    if (url.pathname === '/calendar/v3/freeBusy' && method === 'POST') {
      const request = JSON.parse(body) as { timeMin: string; timeMax: string; items: { id: string }[] };
      const calendars = Object.fromEntries(
        request.items.map(({ id }) => [
          id,
          {
            busy: this.events(id)
              .filter((e) => e.status !== 'cancelled' && e.transparency !== 'transparent' && e.start?.dateTime && e.end?.dateTime)
              .filter((e) => e.end!.dateTime! > request.timeMin && e.start!.dateTime! < request.timeMax)
              .map((e) => ({ start: e.start!.dateTime!, end: e.end!.dateTime! })),
          },
        ]),
      );
      return send(res, 200, { kind: 'calendar#freeBusy', timeMin: request.timeMin, timeMax: request.timeMax, calendars });
    }
    const match = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match) return send(res, 404, googleError(404, 'Not Found', 'notFound'));
    const calendarId = decodeURIComponent(match[1]!);
    const eventId = match[2] ? decodeURIComponent(match[2]) : undefined;
    const calendar = this.calendar(calendarId);
    if (!eventId && method === 'GET') return this.list(calendarId, query, res);
    if (!eventId && method === 'POST') {
      const input = JSON.parse(body) as Partial<GoogleEventResource>;
      if (!input.start || !input.end) return send(res, 400, googleError(400, 'Missing time information.', 'required'));
      if (input.id && !/^[a-v0-9]{5,1024}$/.test(input.id)) return send(res, 400, googleError(400, 'Invalid resource id value.', 'invalid'));
      if (input.id && calendar.has(input.id)) return send(res, 409, googleError(409, 'The requested identifier already exists.', 'duplicate'));
      const now = new Date().toISOString();
      const event = this.put(calendarId, { ...input, kind: 'calendar#event', id: input.id ?? randomUUID().replaceAll('-', ''), etag: '', status: input.status ?? 'confirmed', created: now, updated: now, sequence: 0, iCalUID: '' });
      return send(res, 200, event);
    }
    const stored = eventId ? calendar.get(eventId) : undefined;
    if (!stored) return send(res, 404, googleError(404, 'Not Found', 'notFound'));
    if (method === 'GET') return send(res, 200, stored.event);
    if (ifMatch !== undefined && ifMatch !== stored.event.etag) return send(res, 412, googleError(412, 'Precondition Failed', 'conditionNotMet'));
    if (method === 'PUT') {
      const input = JSON.parse(body) as Partial<GoogleEventResource>;
      if (!input.start || !input.end) return send(res, 400, googleError(400, 'Missing time information.', 'required'));
      const event = this.put(calendarId, { ...input, kind: 'calendar#event', id: stored.event.id, etag: '', status: input.status ?? 'confirmed', created: stored.event.created, updated: '', sequence: stored.event.sequence + 1, iCalUID: stored.event.iCalUID });
      return send(res, 200, event);
    }
    if (method === 'DELETE') {
      if (stored.event.status === 'cancelled') return send(res, 410, googleError(410, 'Resource has been deleted', 'deleted'));
      this.put(calendarId, { ...stored.event, status: 'cancelled', sequence: stored.event.sequence + 1 });
      res.writeHead(204).end();
      return 204;
    }
    return send(res, 405, googleError(405, 'Method Not Allowed', 'notAllowed'));
  }

  private list(calendarId: string, query: Record<string, string>, res: ServerResponse): number {
    const maxResults = Math.min(Number(query['maxResults'] ?? 250) || 250, 2500);
    let since: number | undefined;
    if (query['syncToken'] !== undefined) {
      since = Number(/^s(\d+)$/.exec(query['syncToken'])?.[1] ?? NaN);
      if (!Number.isFinite(since) || since < this.oldestValidSyncSequence) {
        return send(res, 410, googleError(410, 'Sync token is no longer valid, a full sync is required.', 'fullSyncRequired'));
      }
    }
    const all = [...this.calendar(calendarId).values()]
      .filter((s) => (since === undefined ? s.event.status !== 'cancelled' || query['showDeleted'] === 'true' : s.changedAt > since))
      .sort((a, b) => a.changedAt - b.changedAt);
    const offset = Number(query['pageToken'] ?? 0) || 0;
    const page = all.slice(offset, offset + maxResults);
    const last = offset + maxResults >= all.length;
    return send(res, 200, {
      kind: 'calendar#events',
      etag: `"p${this.sequence}"`,
      summary: calendarId,
      updated: new Date().toISOString(),
      timeZone: 'UTC',
      accessRole: 'owner',
      items: page.map((s) => s.event),
      ...(last ? { nextSyncToken: `s${this.sequence - 1}` } : { nextPageToken: String(offset + maxResults) }),
    });
  }
}

function googleError(code: number, message: string, reason: string) {
  return { error: { code, message, errors: [{ domain: 'global', reason, message }] } };
}

function send(res: ServerResponse, status: number, body: unknown): number {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body));
  return status;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    req.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
