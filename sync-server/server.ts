import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { RxJsonSchema } from 'rxdb';
import { HybridLogicalClock } from '../common/clock/hlc';
import { canManageUser, canWrite, type AccessUser } from '../common/sync/access-policy';
import { codeForStatus } from '../common/sync/error-codes';
import { AuditLog, type AuditEntry } from './audit-log';
import { createPushValidator, SYNCED_COLLECTION_SCHEMAS } from './document-validator';
import { CollectionStore, visibleTo, type Scope, type StoredDocument } from './collection-store';
import { bearerToken, HttpError, parseInput, readJson, sendJson, sendJsonText } from './http-io';
import { RateLimiter, type RateLimit } from './rate-limiter';
import {
  createTeamSchema,
  createUserSchema,
  loginSchema,
  pullQuerySchema,
  pushSchema,
  refreshSchema,
  setRoleSchema,
  reassignSchema,
  setSharesSchema,
  streamQuerySchema,
  totpCodeSchema,
} from './request-schemas';
import { acceptCode, enrolSecondFactor } from './second-factor';
import { loadOrCreateSecret } from './secret';
import { isRemote, openDatabase, type StorageLocation } from './storage';
import { DEFAULT_TTLS, TokenIssuer, type TokenTtls } from './tokens';
import { DirectoryError, toAccessUser, UserDirectory, type UserRecord } from './user-directory';
import { notesAccess, YjsRooms } from './yjs-rooms';
import { REFUSED_HEADER } from '../common/sync/refused-header';


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
}

export interface SyncServer {
  url: string;
  port: number;
  users: UserDirectory;
  auditEntries(): Promise<AuditEntry[]>;
  /** Resolves once every collection's document cache is loaded (requests before then wait for it). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

type Handler = (ctx: RequestContext) => Promise<void>;

interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: string[];
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
  const users = new UserDirectory(open('directory'));
  const audit = new AuditLog(open<AuditEntry>('audit'));
  const limiter = new RateLimiter(options.rateLimit ?? { burst: 300, perSecond: 50 });
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const stores = new Map(
    Object.entries(options.collections ?? SYNCED_COLLECTION_SCHEMAS).map(([name, schema]) => [
      name,
      { store: new CollectionStore(name, open<StoredDocument>(`sync-${name}`), name === 'accounts', options.cacheDocuments ?? !isRemote(location)), validate: createPushValidator(schema ?? undefined) },
    ]),
  );
  const openStreams = new Set<ServerResponse>();
  /** Stamps the server's own writes (re-assignments); a random node id per instance keeps stamps unique. */
  const serverClock = new HybridLogicalClock(`server${randomBytes(4).toString('hex')}`);

  /** An account moved to another owner: its contacts, usage, activities and revenue follow it. */
  async function moveDependents(actorId: string, accountId: string, scope: Scope): Promise<void> {
    let moved = 0;
    for (const [name, { store }] of stores) {
      if (name === 'accounts') continue;
      moved += (await store.moveAccountDocuments(accountId, scope, () => serverClock.now())).length;
    }
    await audit.append('reassigned', actorId, { accountId, ...scope, dependentsMoved: moved });
  }

  if (options.admin && !(await users.findByEmail(options.admin.email))) {
    const admin = await users.createUser({ ...options.admin, name: options.admin.name ?? 'Administrator', role: 'admin', teamId: null });
    await audit.append('user-created', null, { userId: admin.id, role: 'admin', via: 'startup' });
  }

  function limit(key: string): void {
    const retryAfter = limiter.take(key);
    if (retryAfter > 0) throw new HttpError(429, `Too many requests; retry in ${retryAfter} s`, { 'retry-after': String(retryAfter) });
  }

  async function authenticate(ctx: RequestContext): Promise<{ record: UserRecord; user: AccessUser }> {
    const token = bearerToken(ctx.req, ctx.url);
    if (!token) throw new HttpError(401, 'Missing bearer access token', { 'www-authenticate': 'Bearer' });
    const verified = await tokens.verifyAccess(token);
    if (verified instanceof Error) throw new HttpError(401, verified.message, { 'www-authenticate': 'Bearer error="invalid_token"' });
    limit(`user:${verified.userId}`);
    const record = await users.getUser(verified.userId);
    if (!record) throw new HttpError(401, 'User no longer exists');
    return { record, user: toAccessUser(record) };
  }

  function storeFor(name: string | undefined): CollectionStore {
    return collectionFor(name).store;
  }

  function collectionFor(name: string | undefined) {
    const store = name === undefined ? undefined : stores.get(name);
    if (!store) throw new HttpError(404, `No synced collection "${name}"; known: ${[...stores.keys()].join(', ')}`);
    return store;
  }

  const publicUser = ({ passwordHash, tokenVersion, secondFactor, ...rest }: UserRecord) => ({
    ...rest,
    secondFactorEnabled: secondFactor?.enabled === true,
  });

  /** Checks a TOTP code against the user's factor and records its time step so it cannot be used again. */
  async function requireCode(record: UserRecord, code: string, pending = false): Promise<void> {
    const factor = record.secondFactor;
    if (!factor || factor.enabled === pending) {
      throw new HttpError(409, pending ? 'Start enrolment first' : 'Second factor is not enabled', {}, 'REQ005');
    }
    const accepted = await acceptCode(factor, code);
    if (!accepted) throw new HttpError(401, 'The authenticator code is wrong, expired or already used', {}, 'AUTH004');
    await users.setSecondFactor(record.id, { ...accepted, enabled: true });
  }

  const routes: [method: string, pattern: RegExp, handler: Handler][] = [
    [
      'POST',
      /^\/auth\/login$/,
      async (ctx) => {
        limit(`ip:${ctx.req.socket.remoteAddress}`);
        const { email, password, totpCode } = parseInput(loginSchema, await readJson(ctx.req, 16 * 1024), 'login');
        const record = await users.authenticate(email, password);
        if (!record) {
          await audit.append('sign-in-refused', null, { email: email.toLowerCase() });
          throw new HttpError(401, 'Email or password is wrong', {}, 'AUTH002');
        }
        if (record.secondFactor?.enabled) {
          // The password was right; say so only through the distinct code, so the app can ask for the TOTP code.
          if (totpCode === undefined) throw new HttpError(401, 'Enter the code from your authenticator app', {}, 'AUTH003');
          try {
            await requireCode(record, totpCode);
          } catch (error) {
            await audit.append('sign-in-refused', record.id, { reason: 'second-factor' });
            throw error;
          }
        }
        await audit.append('sign-in', record.id, { secondFactor: record.secondFactor?.enabled === true });
        sendJson(ctx.res, 200, { ...(await tokens.issue(record.id, record.tokenVersion)), user: publicUser(record) });
      },
    ],
    [
      'POST',
      /^\/auth\/refresh$/,
      async (ctx) => {
        limit(`ip:${ctx.req.socket.remoteAddress}`);
        const { refreshToken } = parseInput(refreshSchema, await readJson(ctx.req, 16 * 1024), 'refresh request');
        const verified = await tokens.verifyRefresh(refreshToken);
        if (verified instanceof Error) throw new HttpError(401, verified.message, {}, 'AUTH005');
        const record = await users.getUser(verified.userId);
        if (!record || record.tokenVersion !== verified.tokenVersion) throw new HttpError(401, 'Session ended; sign in again', {}, 'AUTH005');
        sendJson(ctx.res, 200, { ...(await tokens.issue(record.id, record.tokenVersion)), user: publicUser(record) });
      },
    ],
    [
      'POST',
      /^\/auth\/totp\/enrol$/,
      async (ctx) => {
        const { record } = await authenticate(ctx);
        if (record.secondFactor?.enabled) throw new HttpError(409, 'A second factor is already enabled; disable it first', {}, 'REQ005');
        const { factor, otpauthUri } = enrolSecondFactor(record.email);
        await users.setSecondFactor(record.id, factor);
        await audit.append('second-factor-enrolled', record.id, {});
        sendJson(ctx.res, 200, { secret: factor.secret, otpauthUri });
      },
    ],
    [
      'POST',
      /^\/auth\/totp\/confirm$/,
      async (ctx) => {
        const { record } = await authenticate(ctx);
        const { code } = parseInput(totpCodeSchema, await readJson(ctx.req, 1024), 'confirmation');
        await requireCode(record, code, true);
        await audit.append('second-factor-enabled', record.id, {});
        sendJson(ctx.res, 200, { secondFactorEnabled: true });
      },
    ],
    [
      'POST',
      /^\/auth\/totp\/disable$/,
      async (ctx) => {
        const { record } = await authenticate(ctx);
        const { code } = parseInput(totpCodeSchema, await readJson(ctx.req, 1024), 'code');
        await requireCode(record, code);
        await users.setSecondFactor(record.id, null);
        await audit.append('second-factor-disabled', record.id, { userId: record.id });
        sendJson(ctx.res, 200, { secondFactorEnabled: false });
      },
    ],
    [
      'DELETE',
      /^\/admin\/users\/([A-Za-z0-9_-]{1,128})\/totp$/,
      async (ctx) => {
        // For a person who lost their authenticator: an Admin turns the factor off so they can enrol again.
        const { record } = await authenticate(ctx);
        if (record.role !== 'admin') throw new HttpError(403, 'Only an Admin can reset a second factor');
        const target = await users.getUser(ctx.params[0]!);
        if (!target) throw new HttpError(404, `User "${ctx.params[0]}" does not exist`);
        await users.setSecondFactor(target.id, null);
        await audit.append('second-factor-disabled', record.id, { userId: target.id, via: 'admin-reset' });
        sendJson(ctx.res, 200, publicUser({ ...target, secondFactor: null }));
      },
    ],
    [
      'POST',
      /^\/admin\/teams$/,
      async (ctx) => {
        const { record } = await authenticate(ctx);
        if (record.role !== 'admin') throw new HttpError(403, 'Only an Admin can create teams');
        const { name } = parseInput(createTeamSchema, await readJson(ctx.req, 16 * 1024), 'team');
        const team = await users.createTeam(name);
        await audit.append('team-created', record.id, { teamId: team.id, name });
        sendJson(ctx.res, 201, team);
      },
    ],
    [
      'POST',
      /^\/admin\/users$/,
      async (ctx) => {
        const { record, user } = await authenticate(ctx);
        const input = parseInput(createUserSchema, await readJson(ctx.req, 16 * 1024), 'user');
        if (!canManageUser(user, { targetTeamId: null, role: input.role, teamId: input.teamId })) {
          throw new HttpError(403, `A ${record.role} cannot create a ${input.role} in team "${input.teamId}"`);
        }
        const created = await users.createUser(input);
        await audit.append('user-created', record.id, { userId: created.id, role: created.role, teamId: created.teamId });
        sendJson(ctx.res, 201, publicUser(created));
      },
    ],
    [
      'PUT',
      /^\/admin\/users\/([A-Za-z0-9_-]{1,128})\/role$/,
      async (ctx) => {
        const { record, user } = await authenticate(ctx);
        const input = parseInput(setRoleSchema, await readJson(ctx.req, 16 * 1024), 'role change');
        const target = await users.getUser(ctx.params[0]!);
        if (!target) throw new HttpError(404, `User "${ctx.params[0]}" does not exist`);
        const teamId = input.teamId === undefined ? target.teamId : input.teamId;
        const change = { targetTeamId: target.teamId, targetRole: target.role, role: input.role, teamId };
        if (!canManageUser(user, change)) throw new HttpError(403, `A ${record.role} cannot make this user a ${input.role}`);
        if (input.role !== 'admin' && teamId === null) throw new HttpError(400, `A ${input.role} must belong to a team: give teamId`);
        if (teamId !== null && !(await users.getTeam(teamId))) throw new HttpError(404, `Team "${teamId}" does not exist`);
        const updated = await users.updateUser(target.id, { role: input.role, teamId });
        await audit.append('role-changed', record.id, { userId: target.id, from: target.role, to: input.role, fromTeam: target.teamId, toTeam: teamId });
        sendJson(ctx.res, 200, publicUser(updated));
      },
    ],
    [
      'PUT',
      /^\/admin\/users\/([A-Za-z0-9_-]{1,128})\/shares$/,
      async (ctx) => {
        const { record, user } = await authenticate(ctx);
        const { sharedOwnerIds } = parseInput(setSharesSchema, await readJson(ctx.req, 64 * 1024), 'shares');
        const target = await users.getUser(ctx.params[0]!);
        if (!target) throw new HttpError(404, `User "${ctx.params[0]}" does not exist`);
        const change = { targetTeamId: target.teamId, targetRole: target.role, role: target.role, teamId: target.teamId };
        if (!canManageUser(user, change)) throw new HttpError(403, `A ${record.role} cannot change this user's shares`);
        const updated = await users.updateUser(target.id, { sharedOwnerIds });
        await audit.append('role-changed', record.id, { userId: target.id, sharedOwnerIds });
        sendJson(ctx.res, 200, publicUser(updated));
      },
    ],
    [
      'PUT',
      /^\/admin\/accounts\/([A-Za-z0-9_.:-]{1,128})\/owner$/,
      async (ctx) => {
        const { record, user } = await authenticate(ctx);
        const { ownerId } = parseInput(reassignSchema, await readJson(ctx.req, 16 * 1024), 're-assignment');
        const owner = await users.getUser(ownerId);
        if (!owner || owner.teamId === null || owner.role === 'viewer') {
          throw new HttpError(400, `"${ownerId}" cannot own accounts: it must be a CS Rep or CS Manager in a team`);
        }
        const scope: Scope = { ownerId: owner.id, teamId: owner.teamId };
        const accounts = storeFor('accounts');
        let refused = false;
        const written = await accounts.serverWrite(ctx.params[0]!, (current) => {
          const at = serverClock.now();
          const next = {
            ...current,
            ...scope,
            ownerName: owner.name,
            updatedAt: at,
            fieldStamps: { ...current.fieldStamps, ownerId: at, teamId: at, ownerName: at },
          };
          if (current._deleted || !canWrite(user, current, next)) {
            refused = true;
            return null;
          }
          return current.ownerId === scope.ownerId && current.teamId === scope.teamId ? null : next;
        });
        if (refused) throw new HttpError(403, `A ${record.role} cannot move this account to ${owner.name}`);
        if (!written && !(await accounts.exists(ctx.params[0]!))) throw new HttpError(404, `Account "${ctx.params[0]}" does not exist`);
        // Dependents follow even when the account had already moved (e.g. a retry after a crash between the two).
        await moveDependents(record.id, ctx.params[0]!, scope);
        sendJson(ctx.res, 200, { id: ctx.params[0], ...scope, moved: written !== null });
      },
    ],
    [
      'GET',
      /^\/sync\/([a-z]+)\/pull$/,
      async (ctx) => {
        const { user } = await authenticate(ctx);
        const store = storeFor(ctx.params[0]);
        const query = parseInput(pullQuerySchema, Object.fromEntries(ctx.url.searchParams), 'pull query');
        const page = await store.pullJson(user, query.checkpoint, query.limit);
        sendJsonText(ctx.res, 200, `{"documents":[${page.documents.join(',')}],"checkpoint":${JSON.stringify(page.checkpoint)}}`);
      },
    ],
    [
      'POST',
      /^\/sync\/([a-z]+)\/push$/,
      async (ctx) => {
        const { user } = await authenticate(ctx);
        const { store, validate } = collectionFor(ctx.params[0]);
        const rows = parseInput(pushSchema, await readJson(ctx.req, maxBodyBytes), 'push');
        validate(rows);
        const outcome = await store.push(user, rows);
        for (const doc of outcome.written) {
          await audit.append('write', user.id, { collection: store.name, id: doc.id, updatedAt: doc.updatedAt, deleted: doc._deleted });
        }
        for (const merge of outcome.merges) await audit.append('merge', user.id, { collection: store.name, ...merge });
        if (store.name === 'accounts') for (const move of outcome.moved) await moveDependents(user.id, move.id, move.scope);
        if (outcome.refused.length) await audit.append('write', user.id, { collection: store.name, refused: outcome.refused });
        // Which conflicts are refusals (not merges), so the app can tell the person their change was rolled back.
        const refusedHeader: Record<string, string> = outcome.refused.length ? { [REFUSED_HEADER]: outcome.refused.map(encodeURIComponent).join(',') } : {};
        sendJson(ctx.res, 200, outcome.conflicts, refusedHeader);
      },
    ],
    [
      'GET',
      /^\/sync\/stream$/,
      async (ctx) => {
        // One live connection per client for all its collections (a browser allows 6 per host; pulls and pushes
        // need the rest). Each event names its collection; every document is filtered for the user as in a pull.
        const { user } = await authenticate(ctx);
        const { collections } = parseInput(streamQuerySchema, Object.fromEntries(ctx.url.searchParams), 'stream query');
        const followed = collections.map((name) => storeFor(name));
        const { res } = ctx;
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        // RxDB iterates from its checkpoint when it starts, and clients emit RESYNC themselves on every (re)connect,
        // so the stream opens with a comment that only flushes the headers.
        res.write(': connected\n\n');
        const unsubscribes = followed.map((store) =>
          store.subscribe(({ stored, seq }) => {
            const doc = visibleTo(user, stored, store.name);
            if (doc) res.write(`data: ${JSON.stringify({ collection: store.name, documents: [doc], checkpoint: { seq } })}\n\n`);
          }),
        );
        const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), options.heartbeatMs ?? 25_000);
        openStreams.add(res);
        res.on('close', () => {
          clearInterval(heartbeat);
          for (const unsubscribe of unsubscribes) unsubscribe();
          openStreams.delete(res);
        });
      },
    ],
  ];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.setHeader('access-control-allow-origin', options.corsOrigin ?? '*');
    res.setHeader('access-control-expose-headers', `retry-after, ${REFUSED_HEADER}`);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, PUT',
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
      if (error instanceof HttpError) sendJson(res, error.status, { error: error.message, code: error.code }, error.headers);
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
  const notes = new YjsRooms({
    dir: join(options.dataDir, 'yjs-notes'),
    authorize: async (token, accountId) => {
      const verified = token ? await tokens.verifyAccess(token) : null;
      const record = verified && !(verified instanceof Error) ? await users.getUser(verified.userId) : null;
      if (record && limiter.take(`user:${record.id}`) > 0) return { status: 429, message: 'Too many requests' };
      return notesAccess(record && toAccessUser(record), await storeFor('accounts').read(accountId));
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
    ready: async () => {
      await Promise.all([...stores.values()].map(({ store }) => store.ready()));
    },
    async close() {
      // Notes first (their sockets and LevelDB writes), then stop accepting, let requests already inside finish (a
      // push is answered only once stored), then close.
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
      for (const { store } of stores.values()) store.close();
      server.closeAllConnections();
      await closed;
      await Promise.all(databases.map((db) => db.close()));
    },
  };
}
