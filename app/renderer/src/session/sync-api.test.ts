import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, PASSWORD, seedTeams, startTestServer, type TestServer } from '../../../../sync-server/testing/test-server';
import { normalizeServerUrl, signIn } from './sync-api';
import { createTokenKeeper } from './token-keeper';

let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;

beforeAll(async () => {
  t = await startTestServer({ tokenTtls: { accessSeconds: 3, refreshSeconds: 600 } });
  team = await seedTeams(t.server);
});
afterAll(() => t.stop());

describe('sign-in', () => {
  it('asks for the authenticator code when the user has a second factor, then signs in with it', async () => {
    const enrol = await api(t.server, 'POST', '/auth/totp/enrol', { token: team.repA2.token });
    const secret: string = enrol.body.secret;
    const now = Math.floor(Date.now() / 1000);
    const confirmed = await api(t.server, 'POST', '/auth/totp/confirm', { token: team.repA2.token, body: { code: await generate({ secret, epoch: now - 30 }) } });
    expect(confirmed.status).toBe(200);

    const input = { serverUrl: t.server.url, email: 'rep.a2@example.com', password: PASSWORD };
    await expect(signIn(input)).rejects.toMatchObject({ kind: 'totp-required' });
    await expect(signIn({ ...input, totp: (await generate({ secret })) === '000000' ? '111111' : '000000' })).rejects.toMatchObject({ kind: 'totp-wrong' });
    const session = await signIn({ ...input, totp: await generate({ secret }) });
    expect(session.user).toMatchObject({ email: 'rep.a2@example.com', role: 'cs-rep' });
  });

  it('normalises the server URL and refuses plain http to another machine', () => {
    expect(normalizeServerUrl(' sync.example.com/ ')).toBe('https://sync.example.com');
    expect(normalizeServerUrl('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787');
    expect(() => normalizeServerUrl('http://10.0.0.5:8787')).toThrow(/Use https:\/\//);
    expect(() => normalizeServerUrl('ftp://x')).toThrow(/https:\/\//);
  });
});

describe('token keeper', () => {
  it('renews the access token by itself before it expires and keeps each renewed session', async () => {
    const session = await signIn({ serverUrl: t.server.url, email: 'rep.a@example.com', password: PASSWORD });
    const saved: string[] = [];
    const keeper = createTokenKeeper(session, { save: async (next) => void saved.push(next.accessToken), onSessionEnded: () => undefined });
    try {
      const until = Date.now() + 10_000;
      while (saved.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(saved[0]).toBeDefined();
      expect(saved[0]).not.toBe(session.accessToken);
      expect(await keeper.getAccessToken()).toBe(keeper.session().accessToken);
    } finally {
      keeper.stop();
    }
  });

  it('reports a session the server ended', async () => {
    const session = await signIn({ serverUrl: t.server.url, email: 'manager.a@example.com', password: PASSWORD });
    const ended: string[] = [];
    const keeper = createTokenKeeper({ ...session, refreshToken: 'forged.refresh.token' }, { save: async () => undefined, onSessionEnded: (e) => ended.push(e.message) });
    try {
      await expect(keeper.renew()).rejects.toMatchObject({ kind: 'session-ended' });
      expect(ended).toEqual([expect.stringMatching(/sign in again/)]);
    } finally {
      keeper.stop();
    }
  });
});
