import type { ArrivalNotices } from '../sync/arrival-notices';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RxJsonSchema } from 'rxdb';
import type { HybridLogicalClock } from '../../common/clock/hlc';
import type { AccessUser } from '../../common/sync/access-policy';
import type { AuditLog } from '../admin/audit-log';
import type { CollectionStore } from '../sync/collection-store';
import type { createPushValidator } from '../sync/document-validator';
import type { Scope } from '../sync/stored-document';
import type { TokenIssuer } from '../auth/tokens';
import type { UserDirectory, UserRecord } from '../auth/user-directory';
import type { SecondFactor } from '../auth/second-factor';
import type { LiveConnections } from './live-connections';
import type { YjsRooms } from '../notes/yjs-rooms';

export interface Authenticated {
  record: UserRecord;
  user: AccessUser;
  sessionId: string;
  /** When the access token expires (epoch ms). */
  expiresAt: number;
}

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
  /** The collection's RxDB JSON schema (null: sync fields only), for redacting tombstones. */
  schema: RxJsonSchema<any> | null;
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
  /** The same for sign-in attempts (a much smaller bucket per client address). */
  limitSignIn(key: string): void;
  /** The bearer token's user and session, or throws 401 (ended session, disabled person, bad token). */
  authenticate(ctx: RequestContext): Promise<Authenticated>;
  /** Open streams and note sockets by person and session. */
  live: LiveConnections;
  /** Notices for a person's live streams (a bulk re-assignment to them begins and ends). */
  arrivals: ArrivalNotices;
  /** Ends one session (or all of a person's): refresh and access tokens stop working, live connections close. */
  endSessions(userId: string, reason: string, sessionId?: string): Promise<void>;
  /** What a person may read changed: their live connections close and reconnect under the new scope. */
  accessChanged(userId: string, reason: string): void;
  /** Seals TOTP secrets for storage and opens them again (key kept apart from the data). */
  secondFactors: { seal(factor: SecondFactor): SecondFactor; open(factor: SecondFactor): SecondFactor };
  /** A keyed hash of an ingested user id (Segment's userId is often an email address): what ingestion stores instead. */
  pseudonymise(user: string): string;
  /** Collections whose documents follow their account on a re-assignment (all synced ones but accounts, teamsettings). */
  dependentCollections(): string[];
  /** The Yjs notes rooms (created after the routes, hence a function). */
  notes(): YjsRooms;
  maxStreamsPerUser: number;
  maxStreamBufferBytes: number;
  /** Work a route group must finish before the server closes its databases (background jobs). */
  beforeClose(finish: () => Promise<void>): void;
  /** A synced collection by name, or throws 404. */
  collectionFor(name: string | undefined): SyncedCollection;
  /** An account moved from `fromTeamId` to another owner: that team's contacts, usage, activities and revenue of it follow. */
  moveDependents(actorId: string, accountId: string, fromTeamId: string, scope: Scope): Promise<void>;
}
