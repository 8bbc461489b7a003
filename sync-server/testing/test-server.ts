import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { stampNew } from '../../common/db/stamp-writes';
import type { Role } from '../../common/sync/access-policy';
import { startSyncServer, type SyncServer, type SyncServerOptions } from '../server';

/** Test fixtures: a real server on 127.0.0.1, port 0, in a temp data dir, and a small HTTP client for it. */
export const ADMIN = { email: 'admin@example.com', password: 'admin-password-123' };
export const PASSWORD = 'team-password-1234';

export interface TestServer {
  server: SyncServer;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startTestServer(options: Partial<SyncServerOptions> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-sync-'));
  // Tests sign in far more often than people do: the per-address sign-in limit is loosened unless a test sets it.
  const server = await startSyncServer({ dataDir, admin: ADMIN, signInRateLimit: { burst: 10_000, perSecond: 10_000 }, ...options });
  return {
    server,
    dataDir,
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}.key`, { force: true });
    },
  };
}

export interface ApiResponse {
  status: number;
  body: any;
  headers: Headers;
}

export async function api(
  server: SyncServer,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

export async function login(server: SyncServer, email: string, password: string): Promise<{ accessToken: string; refreshToken: string; user: { id: string } }> {
  const response = await api(server, 'POST', '/auth/login', { body: { email, password } });
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export interface Member {
  id: string;
  token: string;
  teamId: string;
}

/** Two teams: A with a manager, two reps and a viewer; B with one rep. */
export async function seedTeams(server: SyncServer): Promise<Record<'managerA' | 'repA' | 'repA2' | 'viewerA' | 'repB', Member>> {
  const admin = await login(server, ADMIN.email, ADMIN.password);
  const team = async (name: string) => (await api(server, 'POST', '/admin/teams', { token: admin.accessToken, body: { name } })).body.id as string;
  const teamA = await team('Team A');
  const teamB = await team('Team B');
  const member = async (email: string, role: Role, teamId: string): Promise<Member> => {
    const created = await api(server, 'POST', '/admin/users', {
      token: admin.accessToken,
      body: { email, password: PASSWORD, name: email, role, teamId },
    });
    if (created.status !== 201) throw new Error(`create ${email}: ${JSON.stringify(created.body)}`);
    return { id: created.body.id, token: (await login(server, email, PASSWORD)).accessToken, teamId };
  };
  return {
    managerA: await member('manager.a@example.com', 'cs-manager', teamA),
    repA: await member('rep.a@example.com', 'cs-rep', teamA),
    repA2: await member('rep.a2@example.com', 'cs-rep', teamA),
    viewerA: await member('viewer.a@example.com', 'viewer', teamA),
    repB: await member('rep.b@example.com', 'cs-rep', teamB),
  };
}

const clock = new HybridLogicalClock('testnode');

/** A stamped, schema-valid account as RxDB would push it. */
export function syncedDoc(id: string, owner: Member, fields: Record<string, unknown> = {}) {
  const account = {
    id,
    ownerId: owner.id,
    teamId: owner.teamId,
    externalId: `ext-${id}`,
    name: `Account ${id}`,
    domain: `${id}.example`,
    industry: 'Software',
    region: 'EMEA',
    tier: 'SMB',
    status: 'active',
    lifecycleStage: 'adoption',
    ownerName: 'Owner',
    plan: 'Pro',
    seatsPurchased: 10,
    seatsActive: 5,
    mrr: 100,
    contractStart: '2026-01-01',
    renewalDate: '2027-01-01',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
  return { ...stampNew(account, clock), _deleted: false };
}

export async function pullAll(server: SyncServer, member: Member, collection = 'accounts', limit = 100): Promise<any[]> {
  const documents: any[] = [];
  let checkpoint: unknown = null;
  for (;;) {
    const query = new URLSearchParams({ limit: String(limit), ...(checkpoint ? { checkpoint: JSON.stringify(checkpoint) } : {}) });
    const response = await api(server, 'GET', `/sync/${collection}/pull?${query}`, { token: member.token });
    if (response.status !== 200) throw new Error(`pull: ${response.status} ${JSON.stringify(response.body)}`);
    documents.push(...response.body.documents);
    checkpoint = response.body.checkpoint;
    if (response.body.documents.length < limit) return documents;
  }
}
