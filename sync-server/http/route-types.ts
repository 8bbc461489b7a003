import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HybridLogicalClock } from '../../common/clock/hlc';
import type { AccessUser } from '../../common/sync/access-policy';
import type { AuditLog } from '../admin/audit-log';
import type { CollectionStore } from '../sync/collection-store';
import type { createPushValidator } from '../sync/document-validator';
import type { Scope } from '../sync/stored-document';
import type { TokenIssuer } from '../auth/tokens';
import type { UserDirectory, UserRecord } from '../auth/user-directory';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The route pattern's capture groups. */
  params: string[];
}

export type Handler = (ctx: RequestContext) => Promise<void>;

export type Route = [method: string, pattern: RegExp, handler: Handler];

export interface SyncedCollection {
  store: CollectionStore;
  validate: ReturnType<typeof createPushValidator>;
}

/** What the route handlers share: the server's directories, stores and request helpers (built by startSyncServer). */
export interface ServerServices {
  users: UserDirectory;
  tokens: TokenIssuer;
  audit: AuditLog;
  /** Stamps the server's own writes (re-assignments). */
  serverClock: HybridLogicalClock;
  maxBodyBytes: number;
  heartbeatMs: number;
  /** Live SSE responses, ended when the server closes. */
  openStreams: Set<ServerResponse>;
  /** Takes one request from the rate-limit bucket `key`, or throws 429 with Retry-After. */
  limit(key: string): void;
  /** The bearer token's user, or throws 401. */
  authenticate(ctx: RequestContext): Promise<{ record: UserRecord; user: AccessUser }>;
  /** A synced collection by name, or throws 404. */
  collectionFor(name: string | undefined): SyncedCollection;
  /** An account moved from `fromTeamId` to another owner: that team's contacts, usage, activities and revenue of it follow. */
  moveDependents(actorId: string, accountId: string, fromTeamId: string, scope: Scope): Promise<void>;
}
