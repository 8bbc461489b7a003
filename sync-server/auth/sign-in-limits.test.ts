import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncServer } from '../server';
import { ADMIN, api, login, PASSWORD, seedTeams, startTestServer, type TestServer } from '../testing/test-server';

// Finding 4 (high): no brute-force limit (hundreds of password and TOTP guesses, never a 429), no lockout, a refresh
// token that worked twice, and no sign-out or revoke.
let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;

beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
});
afterAll(() => t.stop());

const signIn = (email: string, password: string, totpCode?: string) =>
  api(t.server, 'POST', '/auth/login', { body: { email, password, ...(totpCode ? { totpCode } : {}) } });

describe('guessing', () => {
  it('limits sign-in attempts per client address with the default limit (429 with Retry-After well before 30 tries)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'outpost-limit-'));
    const server = await startSyncServer({ dataDir, admin: ADMIN });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 30 && !statuses.includes(429); i++) {
        statuses.push((await api(server, 'POST', '/auth/login', { body: { email: `nobody${i}@example.com`, password: 'wrong-guess' } })).status);
      }
      expect(statuses).toContain(429);
      expect(statuses.indexOf(429)).toBeLessThanOrEqual(11);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}.key`, { force: true });
    }
  });

  it('makes wrong passwords for one account wait longer and longer, then locks it until an Admin unlocks it', async () => {
    const email = 'rep.a2@example.com';
    const answers: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const answer = await signIn(email, 'wrong-password-guess');
      answers.push(answer.status);
      retryAfter ??= answer.headers.get('retry-after');
    }
    // Three free failures, then the fourth attempt must wait (no password is even checked meanwhile).
    expect(answers).toEqual([401, 401, 401, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // Even the right password is refused while the delay runs.
    expect((await signIn(email, PASSWORD)).status).toBe(429);

    // Lock it: push the counter to the threshold directly (waiting out the doubling delays would take minutes).
    await t.server.users.changeUser(team.repA2.id, (user) => ({ ...user, failedSignIns: 10, lockedAt: new Date().toISOString() }));
    const locked = await signIn(email, PASSWORD);
    expect(locked).toMatchObject({ status: 403, body: { code: 'AUTH006' } });

    const admin = await login(t.server, ADMIN.email, ADMIN.password);
    const unlock = await api(t.server, 'POST', `/admin/users/${team.repA2.id}/unlock`, { token: admin.accessToken });
    expect(unlock).toMatchObject({ status: 200, body: { locked: false, failedSignIns: 0 } });
    expect((await signIn(email, PASSWORD)).status).toBe(200);
    const actions = (await t.server.auditEntries()).map((entry) => entry.action);
    expect(actions).toContain('account-unlocked');
  });

  it('counts wrong second-factor codes against the account too', async () => {
    const session = await login(t.server, 'viewer.a@example.com', PASSWORD);
    const { secret } = (await api(t.server, 'POST', '/auth/totp/enrol', { token: session.accessToken })).body;
    const code = await generate({ secret });
    expect((await api(t.server, 'POST', '/auth/totp/confirm', { token: session.accessToken, body: { code } })).status).toBe(200);
    const wrong = code === '000000' ? '111111' : '000000';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn('viewer.a@example.com', PASSWORD, wrong)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

describe('sessions', () => {
  it('rotates the refresh token; using an old one again ends the whole session', async () => {
    const first = await login(t.server, 'rep.a@example.com', PASSWORD);
    const second = await api(t.server, 'POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    for (const hidden of ['sessions', 'pastAccess', 'passwordHash', 'failedSignIns']) expect(second.body.user).not.toHaveProperty(hidden);

    // The first refresh token again: a copy is in someone else's hands.
    const reused = await api(t.server, 'POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(reused).toMatchObject({ status: 401, body: { code: 'AUTH005' } });
    // The family is over: the newest refresh token and the access token fail too.
    expect((await api(t.server, 'POST', '/auth/refresh', { body: { refreshToken: second.body.refreshToken } })).status).toBe(401);
    expect((await api(t.server, 'GET', '/sync/accounts/pull', { token: second.body.accessToken })).status).toBe(401);
    expect((await t.server.auditEntries()).some((entry) => entry.action === 'refresh-reused')).toBe(true);
    // Another sign-in of the same person is unaffected.
    expect((await api(t.server, 'GET', '/sync/accounts/pull', { token: team.repA.token })).status).toBe(200);
  });

  it('signs out one session at once, and an Admin can sign a person out everywhere', async () => {
    const a = await login(t.server, 'manager.a@example.com', PASSWORD);
    const b = await login(t.server, 'manager.a@example.com', PASSWORD);
    expect((await api(t.server, 'POST', '/auth/logout', { token: a.accessToken })).status).toBe(200);
    expect((await api(t.server, 'GET', '/sync/accounts/pull', { token: a.accessToken })).status).toBe(401);
    expect((await api(t.server, 'POST', '/auth/refresh', { body: { refreshToken: a.refreshToken } })).status).toBe(401);
    expect((await api(t.server, 'GET', '/sync/accounts/pull', { token: b.accessToken })).status).toBe(200);

    const admin = await login(t.server, ADMIN.email, ADMIN.password);
    expect((await api(t.server, 'POST', `/admin/users/${team.managerA.id}/sign-out`, { token: admin.accessToken })).status).toBe(200);
    expect((await api(t.server, 'GET', '/sync/accounts/pull', { token: b.accessToken })).status).toBe(401);
    expect((await api(t.server, 'POST', '/auth/refresh', { body: { refreshToken: b.refreshToken } })).status).toBe(401);
  });
});
