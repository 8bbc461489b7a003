import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_FILE } from './secret';
import { ADMIN, api, login, PASSWORD, seedTeams, startTestServer, type Member, type TestServer } from '../testing/test-server';

let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;

beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
});
afterAll(() => t.stop());

const pull = (token: string) => api(t.server, 'GET', '/sync/accounts/pull', { token });

function sign(claims: Record<string, unknown>, key: Uint8Array, expiresAt: number) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(team.repA.id)
    .setIssuer('outpost-sync')
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(key);
}
const serverKey = () => new Uint8Array(Buffer.from(readFileSync(join(t.dataDir, SECRET_FILE), 'utf8'), 'base64'));
const inAMinute = () => Math.floor(Date.now() / 1000) + 60;

describe('sign-in and refresh', () => {
  it('signs in with the right password and returns tokens and the user without secrets', async () => {
    const response = await api(t.server, 'POST', '/auth/login', { body: { email: 'REP.A@example.com', password: PASSWORD } });
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({ id: team.repA.id, role: 'cs-rep', teamId: team.repA.teamId });
    expect(response.body.user).not.toHaveProperty('passwordHash');
    expect((await pull(response.body.accessToken)).status).toBe(200);
  });

  it('refuses a wrong password and an unknown email with the same message, and audits both', async () => {
    const wrong = await api(t.server, 'POST', '/auth/login', { body: { email: 'rep.a@example.com', password: 'nope' } });
    const unknown = await api(t.server, 'POST', '/auth/login', { body: { email: 'who@example.com', password: 'nope' } });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.error).toBe(unknown.body.error);
    expect([wrong.body.code, unknown.body.code]).toEqual(['AUTH002', 'AUTH002']);
    const actions = (await t.server.auditEntries()).map((entry) => entry.action);
    expect(actions.filter((action) => action === 'sign-in-refused').length).toBeGreaterThanOrEqual(2);
    expect(actions).toContain('sign-in');
  });

  it('rejects a malformed login body with a message naming the field', async () => {
    const response = await api(t.server, 'POST', '/auth/login', { body: { email: 'not-an-email', password: 'x' } });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/email/);
  });

  it('exchanges a refresh token for new tokens, but not an access token for one', async () => {
    const session = await login(t.server, 'rep.a@example.com', PASSWORD);
    const refreshed = await api(t.server, 'POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect((await pull(refreshed.body.accessToken)).status).toBe(200);
    const misuse = await api(t.server, 'POST', '/auth/refresh', { body: { refreshToken: session.accessToken } });
    expect(misuse.status).toBe(401);
    expect((await pull(session.refreshToken)).status).toBe(401);
  });

  it('ends refresh sessions when the user role changes', async () => {
    const session = await login(t.server, 'rep.a2@example.com', PASSWORD);
    const admin = await login(t.server, ADMIN.email, ADMIN.password);
    const changed = await api(t.server, 'PUT', `/admin/users/${team.repA2.id}/role`, { token: admin.accessToken, body: { role: 'viewer' } });
    expect(changed.status).toBe(200);
    expect(changed.body.role).toBe('viewer');
    expect((await api(t.server, 'POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
    expect((await t.server.auditEntries()).some((entry) => entry.action === 'role-changed' && entry.detail['to'] === 'viewer')).toBe(true);
    await api(t.server, 'PUT', `/admin/users/${team.repA2.id}/role`, { token: admin.accessToken, body: { role: 'cs-rep' } });
  });
});

describe('tokens that must be refused', () => {
  it('refuses an expired token signed with the server key', async () => {
    const expired = await sign({ typ: 'access' }, serverKey(), Math.floor(Date.now() / 1000) - 10);
    const response = await pull(expired);
    expect(response.status).toBe(401);
    expect(response.body.error).toMatch(/expired/i);
    expect(response.body.code).toBe('AUTH001');
  });

  it('refuses a token signed with another key, an unsigned token and no token', async () => {
    const forged = await sign({ typ: 'access' }, new Uint8Array(32).fill(7), inAMinute());
    expect((await pull(forged)).status).toBe(401);
    const [header, payload] = (await sign({ typ: 'access' }, serverKey(), inAMinute())).split('.');
    const noneHeader = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    expect((await pull(`${noneHeader}.${payload}.`)).status).toBe(401);
    expect((await pull(`${header}.${payload}.`)).status).toBe(401);
    expect((await api(t.server, 'GET', '/sync/accounts/pull')).status).toBe(401);
  });

  it('accepts a well-formed token signed with the server key (so the refusals above are about the token)', async () => {
    // Access tokens name their session (sid): one of the person's open sign-ins.
    const { sid } = JSON.parse(Buffer.from(team.repA.token.split('.')[1]!, 'base64url').toString('utf8'));
    expect((await pull(await sign({ typ: 'access', sid }, serverKey(), inAMinute()))).status).toBe(200);
    expect((await pull(await sign({ typ: 'access', sid: 'not-a-session' }, serverKey(), inAMinute()))).status).toBe(401);
  });
});

describe('user administration', () => {
  it('lets a manager add a rep to their own team but not to another team or as an admin', async () => {
    const add = (member: Member, body: Record<string, unknown>) =>
      api(t.server, 'POST', '/admin/users', { token: member.token, body: { password: PASSWORD, name: 'New', ...body } });
    expect((await add(team.managerA, { email: 'new.rep@example.com', role: 'cs-rep', teamId: team.managerA.teamId })).status).toBe(201);
    expect((await add(team.managerA, { email: 'x1@example.com', role: 'cs-rep', teamId: team.repB.teamId })).status).toBe(403);
    expect((await add(team.managerA, { email: 'x2@example.com', role: 'admin', teamId: team.managerA.teamId })).status).toBe(403);
    expect((await add(team.repA, { email: 'x3@example.com', role: 'viewer', teamId: team.repA.teamId })).status).toBe(403);
    const duplicate = await add(team.managerA, { email: 'new.rep@example.com', role: 'cs-rep', teamId: team.managerA.teamId });
    expect(duplicate.status).toBe(409);
  });

  it('only lets an admin create teams', async () => {
    expect((await api(t.server, 'POST', '/admin/teams', { token: team.managerA.token, body: { name: 'Mine' } })).status).toBe(403);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a user exceeds the burst', async () => {
    const limited = await startTestServer({ rateLimit: { burst: 3, perSecond: 0.5 } });
    try {
      const session = await login(limited.server, ADMIN.email, ADMIN.password);
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      const codes: string[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await api(limited.server, 'GET', '/sync/accounts/pull', { token: session.accessToken });
        statuses.push(response.status);
        retryAfter ??= response.headers.get('retry-after');
        if (response.body.code) codes.push(response.body.code);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(codes).toEqual(['RATE001', 'RATE001']);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.stop();
    }
  });
});
