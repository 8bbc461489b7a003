import { ArrivalNotices } from './sync/arrival-notices';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { RxJsonSchema } from 'rxdb';
import { HybridLogicalClock } from '../common/clock/hlc';
import type { AccessUser } from '../common/sync/access-policy';
import { codeForStatus } from '../common/sync/error-codes';
import { REFUSED_HEADER } from '../common/sync/refused-header';
import { adminRoutes } from './admin/admin-routes';
import { peopleRoutes } from './admin/people-routes';
import { privacyRoutes } from './admin/privacy-routes';
import { privacyLookupRoutes } from './admin/privacy-lookup-routes';
import { AuditLog, type AuditEntry, type ChainCheck } from './admin/audit-log';
import { modelRoutes } from './models/model-routes';
import { authRoutes } from './auth/auth-routes';
import { CollectionStore } from './sync/collection-store';
import { createPushValidator, SYNCED_COLLECTION_SCHEMAS } from './sync/document-validator';
import { bearerToken, HttpError, sendJson } from './http/http-io';
import { RateLimiter, type RateLimit } from './http/rate-limiter';
import type { Authenticated, RequestContext, Route, ServerServices, SyncedCollection } from './http/route-types';
import { loadOrCreateSecret } from './auth/secret';
import { isSealed, keyedHash, loadOrCreateKeyApart, open as openSealed, seal, subKey } from './auth/keys-apart';
import type { SecondFactor } from './auth/second-factor';
import { LiveConnections } from './http/live-connections';
import type { Scope, StoredDocument } from './sync/stored-document';
import { isRemote, openDatabase, type StorageLocation } from './storage/storage';
import { syncRoutes } from './sync/sync-routes';
import { ingestRoutes } from './ingest/ingest-routes';
import { DEFAULT_TTLS, TokenIssuer, type TokenTtls } from './auth/tokens';
import { DirectoryError, toAccessUser, UserDirectory, type UserRecord } from './auth/user-directory';
import { notesAccess, playbookAccess, type RoomAccess } from './notes/room-access';
import { locate } from './sync/team-scope';
import { YjsRooms } from './notes/yjs-rooms';

export interface SyncServerOptions {
  /** Directory for the LevelDB databases and the token secret. */
  dataDir: string;
  /** A CouchDB URL to keep the databases there instead (the secret stays in dataDir). */
  storage?: string;
  port?: number;
  /** Defaults to 127.0.0.1; put a TLS-terminating proxy in front for anything else. */
  host?: string;
  /** Synced collections by name, with the RxDB JSON schema pushes must satisfy (null: sync fields only). */
  collections?: Record<string, RxJsonSchema<any> | null>;
  tokenTtls?: TokenTtls;
  rateLimit?: RateLimit;
  maxBodyBytes?: number;
  /** Creates this Admin on start if no user has the email yet. */
  admin?: { email: string; password: string; name?: string };
  /**
   * The app's origin for CORS (the desktop app is a file:// page, the browser host another port). Defaults to any
   * origin: every request carries a bearer token, never a cookie, so a foreign page gains nothing by calling.
   */
  corsOrigin?: string;
  /**
   * Keep every synced document in memory, in sequence order, so pulls need no database reads (fast first sync).
   * Default: on for local LevelDB storage, off for CouchDB (whose sequences are opaque and may be shared).
   */
  cacheDocuments?: boolean;
  /** SSE keep-alive comment interval. */
  heartbeatMs?: number;
  /** Sign-in attempts per client address (default: a burst of 10, then one every 6 s). */
  signInRateLimit?: RateLimit;
  /**
   * The file holding the key kept apart from the data (TOTP secrets at rest, audit chain); default `<data>.key`
   * beside the data folder. `OUTPOST_KEY` (base64) overrides it.
   */
  keyFile?: string;
  /** Live streams one person may hold open at once (default 8); more are refused with 429. */
  maxStreamsPerUser?: number;
  /** Bytes a live stream may have queued unread before the server closes it (default 4 MB). */
  maxStreamBufferBytes?: number;
}

export interface SyncServer {
  url: string;
  port: number;
  users: UserDirectory;
  auditEntries(): Promise<AuditEntry[]>;
  verifyAudit(): Promise<ChainCheck>;
  /** Resolves once every collection's document cache is loaded (requests before then wait for it). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export async function startSyncServer(options: SyncServerOptions): Promise<SyncServer> {
  const location: StorageLocation = { dataDir: options.dataDir, storage: options.storage };
  const databases: { close(): Promise<void> }[] = [];
  const open = <T extends object>(name: string) => {
    const db = openDatabase<T>(location, name);
    databases.push(db);
    return db;
  };
  const tokens = new TokenIssuer(loadOrCreateSecret(options.dataDir), options.tokenTtls ?? DEFAULT_TTLS);
  const keyApart = loadOrCreateKeyApart(options.keyFile ?? `${resolve(options.dataDir)}.key`);
  const totpKey = subKey(keyApart, 'totp-secrets');
  const ingestUserKey = subKey(keyApart, 'ingest-users');
  const users = new UserDirectory(open('directory'), subKey(keyApart, 'email-claims'));
  const audit = new AuditLog(open<AuditEntry>('audit'), subKey(keyApart, 'audit-chain'));
  const chain = await audit.verify();
  if (!chain.ok) console.error(`sync-server: AUDIT LOG TAMPERED: ${chain.problem}`);
  const limiter = new RateLimiter(options.rateLimit ?? { burst: 300, perSecond: 50 });
  const signInLimiter = new RateLimiter(options.signInRateLimit ?? { burst: 10, perSecond: 1 / 6 });
  const live = new LiveConnections();
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const stores = new Map(
    Object.entries(options.collections ?? SYNCED_COLLECTION_SCHEMAS).map(([name, schema]) => [
      name,
      { store: new CollectionStore(name, open<StoredDocument>(`sync-${name}`), name === 'accounts', options.cacheDocuments ?? !isRemote(location)), validate: createPushValidator(schema ?? undefined), schema: schema ?? null },
    ]),
  );
  const openStreams = new Set<ServerResponse>();
  /** Stamps the server's own writes (re-assignments); a random node id per instance keeps stamps unique. */
  const serverClock = new HybridLogicalClock(`server${randomBytes(4).toString('hex')}`);

  const dependentCollections = () => [...stores.keys()].filter((name) => name !== 'accounts' && name !== 'teamsettings');
  /** An account moved to another owner: its contacts, usage, activities and revenue follow it. */
  async function moveDependents(actorId: string, accountId: string, fromTeamId: string, scope: Scope): Promise<void> {
    let moved = 0;
    for (const name of dependentCollections()) {
      const { store } = stores.get(name)!;
      moved += (await store.moveAccountDocuments(accountId, fromTeamId, scope, () => serverClock.now())).length;
    }
    await audit.append('reassigned', actorId, { accountId, fromTeamId, ...scope, dependentsMoved: moved });
  }

  if (options.admin && !(await users.findByEmail(options.admin.email))) {
    const admin = await users.createUser({ ...options.admin, name: options.admin.name ?? 'Administrator', role: 'admin', teamId: null });
    await audit.append('user-created', null, { userId: admin.id, role: 'admin', via: 'startup' });
  }

  const limitBy = (bucket: RateLimiter) => (key: string) => {
    const retryAfter = bucket.take(key);
    if (retryAfter > 0) throw new HttpError(429, `Too many requests; retry in ${retryAfter} s`, { 'retry-after': String(retryAfter) });
  };
  const limit = limitBy(limiter);

  /** The person and session of an access token, checked afresh: ended sessions and disabled people are refused. */
  async function sessionOf(token: string | null): Promise<Authenticated | HttpError> {
    if (!token) return new HttpError(401, 'Missing bearer access token', { 'www-authenticate': 'Bearer' });
    const verified = await tokens.verifyAccess(token);
    if (verified instanceof Error) return new HttpError(401, verified.message, { 'www-authenticate': 'Bearer error="invalid_token"' });
    const record = await users.getUser(verified.userId);
    if (!record) return new HttpError(401, 'User no longer exists', {}, 'AUTH005');
    if (record.disabled) return new HttpError(401, 'This account is disabled', {}, 'AUTH007');
    if (!record.sessions?.some((session) => session.id === verified.sessionId)) return new HttpError(401, 'Session ended; sign in again', {}, 'AUTH005');
    return { record, user: toAccessUser(record), sessionId: verified.sessionId, expiresAt: verified.expiresAt };
  }

  async function authenticate(ctx: RequestContext): Promise<Authenticated> {
    const token = bearerToken(ctx.req, ctx.url);
    if (token) {
      const verified = await tokens.verifyAccess(token);
      if (!(verified instanceof Error)) limit(`user:${verified.userId}`);
    }
    const result = await sessionOf(token);
    if (result instanceof HttpError) throw result;
    return result;
  }

  async function endSessions(userId: string, reason: string, sessionId?: string): Promise<void> {
    await audit.append('signed-out', userId, { userId, reason, ...(sessionId ? { sessionId } : { everywhere: true }) });
    await users.changeUser(userId, (user) => ({
      ...user,
      sessions: sessionId === undefined ? [] : (user.sessions ?? []).filter((session) => session.id !== sessionId),
    }));
    live.end(userId, reason, sessionId);
  }

  const secondFactors = {
    seal: (factor: SecondFactor): SecondFactor => ({ ...factor, secret: isSealed(factor.secret) ? factor.secret : seal(totpKey, factor.secret) }),
    /** Secrets written before encryption at rest are read as they are and sealed at their next write. */
    open: (factor: SecondFactor): SecondFactor => ({ ...factor, secret: isSealed(factor.secret) ? openSealed(totpKey, factor.secret) : factor.secret }),
  };

  function collectionFor(name: string | undefined): SyncedCollection {
    const store = name === undefined ? undefined : stores.get(name);
    if (!store) throw new HttpError(404, `No synced collection "${name}"; known: ${[...stores.keys()].join(', ')}`);
    return store;
  }

  const closing: (() => Promise<void>)[] = [];
  const services: ServerServices = {
    beforeClose: (finish) => closing.push(finish),
    users,
    tokens,
    audit,
    serverClock,
    maxBodyBytes,
    heartbeatMs: options.heartbeatMs ?? 25_000,
    openStreams,
    limit,
    limitSignIn: limitBy(signInLimiter),
    authenticate,
    collectionFor,
    moveDependents,
    live,
    arrivals: new ArrivalNotices(),
    endSessions,
    accessChanged: (userId, reason) => live.end(userId, reason),
    secondFactors,
    pseudonymise: (user) => keyedHash(ingestUserKey, user),
    dependentCollections,
    notes: () => notes,
    maxStreamsPerUser: options.maxStreamsPerUser ?? 8,
    maxStreamBufferBytes: options.maxStreamBufferBytes ?? 4 * 1024 * 1024,
  };
  const routes: Route[] = [
    ...authRoutes(services),
    ...adminRoutes(services),
    ...peopleRoutes(services),
    ...privacyRoutes(services),
    ...privacyLookupRoutes(services),
    ...syncRoutes(services),
    ...modelRoutes(services, open('models')),
    ...ingestRoutes(services, open),
  ];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.setHeader('access-control-allow-origin', options.corsOrigin ?? '*');
    res.setHeader('access-control-expose-headers', `retry-after, ${REFUSED_HEADER}`);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, PUT, DELETE',
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    try {
      const matching = routes.filter(([, pattern]) => pattern.test(url.pathname));
      if (matching.length === 0) throw new HttpError(404, `No route ${url.pathname}`);
      const route = matching.find(([method]) => method === req.method);
      if (!route) throw new HttpError(405, `${req.method} is not allowed on ${url.pathname}`, { allow: matching.map(([m]) => m).join(', ') });
      const params = route[1].exec(url.pathname)!.slice(1);
      await route[2]({ req, res, url, params });
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) sendJson(res, error.status, { ...error.details, error: error.message, code: error.code }, error.headers);
      else if (error instanceof DirectoryError) sendJson(res, error.status, { error: error.message, code: codeForStatus(error.status) });
      else {
        console.error('sync-server:', error);
        sendJson(res, 500, { error: 'Internal error', code: 'SYNC001' });
      }
    }
  }

  const inFlight = new Set<Promise<void>>();
  const server: Server = createServer((req, res) => {
    const handling = handle(req, res);
    inFlight.add(handling);
    void handling.finally(() => inFlight.delete(handling));
  });
  /** What a person may do in the notes of the account they reach by this id (their team's; team-scope.ts), and its room. */
  async function notesOf(user: AccessUser, accountId: string, team?: string): Promise<RoomAccess> {
    const store = collectionFor('accounts').store;
    const located = await locate(store, user, accountId, team);
    if ('ambiguous' in located) return { status: 403, message: 'Several teams have an account of this id: name one with ?team=' };
    if ('missing' in located) return notesAccess(user, null);
    const access = notesAccess(user, await store.read(located.teamId, accountId));
    return 'status' in access ? access : { ...access, room: await store.notesRoom(located.teamId, accountId) };
  }

  const notes = new YjsRooms({
    dir: join(options.dataDir, 'yjs-notes'),
    authorize: async (token, accountId, team) => {
      const session = await sessionOf(token);
      if (session instanceof HttpError) return { status: 401, message: session.message };
      if (limiter.take(`user:${session.record.id}`) > 0) return { status: 429, message: 'Too many requests' };
      const access = await notesOf(session.user, accountId, team);
      return 'status' in access ? access : { ...access, userId: session.record.id, sessionId: session.sessionId, expiresAt: session.expiresAt };
    },
    live,
    recheck: async (userId, accountId, team) => {
      const record = await users.getUser(userId);
      if (!record || record.disabled) return { status: 401, message: 'This account is disabled' };
      return notesOf(toAccessUser(record), accountId, team);
    },
    authorizePlaybook: async (token) => {
      const session = await sessionOf(token);
      if (session instanceof HttpError) return { status: 401, message: session.message };
      if (limiter.take(`user:${session.record.id}`) > 0) return { status: 429, message: 'Too many requests' };
      const access = playbookAccess(session.user);
      if ('status' in access) return access;
      return { readOnly: access.readOnly, teamId: access.teamId!, userId: session.record.id, sessionId: session.sessionId, expiresAt: session.expiresAt };
    },
  });
  server.on('upgrade', (req, socket, head) => {
    if (!notes.handleUpgrade(req, socket, head)) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    port,
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    users,
    auditEntries: () => audit.entries(),
    verifyAudit: () => audit.verify(),
    ready: async () => {
      await Promise.all([...stores.values()].map(({ store }) => store.ready()));
    },
    async close() {
      // Notes first (their sockets and LevelDB writes), then stop accepting, let requests already inside finish (a
      // push is answered only once stored), then close.
      live.endAll('server stopping');
      await notes.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const res of openStreams) res.end();
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, 10_000))),
      ]);
      clearTimeout(timer);
      await Promise.allSettled(closing.map((finish) => finish()));
      for (const { store } of stores.values()) store.close();
      server.closeAllConnections();
      await closed;
      await Promise.all(databases.map((db) => db.close()));
    },
  };
}
