import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptCode, enrolSecondFactor } from './second-factor';
import { ADMIN, api, login, PASSWORD, seedTeams, startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;

beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
});
afterAll(() => t.stop());

const STEP = 30;
/** A code for a given 30-second step, so tests never reuse the step the previous code used. */
const codeAt = (secret: string, epoch: number) => generate({ secret, epoch });

describe('TOTP codes', () => {
  it('accepts the current code once, a neighbouring step for clock drift, and refuses wrong or replayed codes', async () => {
    const { factor, otpauthUri } = enrolSecondFactor('ann@example.com');
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Outpost:ann%40example\.com\?.*secret=[A-Z2-7]+/);
    const now = 1_800_000_000;
    const accepted = await acceptCode(factor, await codeAt(factor.secret, now), now);
    expect(accepted?.lastTimeStep).toBe(Math.floor(now / STEP));
    expect(await acceptCode(accepted!, await codeAt(factor.secret, now), now)).toBeNull();
    expect(await acceptCode(accepted!, await codeAt(factor.secret, now + STEP), now)).not.toBeNull();
    expect(await acceptCode(factor, await codeAt(factor.secret, now - 5 * STEP), now)).toBeNull();
    expect(await acceptCode(factor, 'abcdef', now)).toBeNull();
  });
});

describe('second factor on the server', () => {
  const signIn = (body: Record<string, unknown>) => api(t.server, 'POST', '/auth/login', { body: { email: 'rep.a2@example.com', password: PASSWORD, ...body } });

  it('enrols, confirms, is then required at sign-in with a distinct code, and can be disabled', async () => {
    const token = team.repA2.token;
    const enrol = await api(t.server, 'POST', '/auth/totp/enrol', { token });
    expect(enrol.status).toBe(200);
    const { secret, otpauthUri } = enrol.body;
    expect(otpauthUri).toContain(`secret=${secret}`);
    // Not required until confirmed.
    expect((await signIn({})).status).toBe(200);

    const wrong = await api(t.server, 'POST', '/auth/totp/confirm', { token, body: { code: '000000' === (await generate({ secret })) ? '111111' : '000000' } });
    expect(wrong).toMatchObject({ status: 401, body: { code: 'AUTH004' } });
    const now = Math.floor(Date.now() / 1000);
    const confirm = await api(t.server, 'POST', '/auth/totp/confirm', { token, body: { code: await codeAt(secret, now - STEP) } });
    expect(confirm).toMatchObject({ status: 200, body: { secondFactorEnabled: true } });

    const needsCode = await signIn({});
    expect(needsCode).toMatchObject({ status: 401, body: { code: 'AUTH003' } });
    expect(needsCode.body).not.toHaveProperty('accessToken');
    const badCode = await signIn({ totpCode: '12345' });
    expect(badCode).toMatchObject({ status: 400, body: { code: 'REQ001' } });
    const withCode = await signIn({ totpCode: await codeAt(secret, now) });
    expect(withCode.status).toBe(200);
    expect(withCode.body.user).toMatchObject({ secondFactorEnabled: true });
    expect(withCode.body.user).not.toHaveProperty('secondFactor');
    // The same code cannot sign in twice.
    expect(await signIn({ totpCode: await codeAt(secret, now) })).toMatchObject({ status: 401, body: { code: 'AUTH004' } });
    // A wrong password is still just a wrong password, whatever the code.
    expect((await signIn({ password: 'wrong-password-0000', totpCode: await codeAt(secret, now + STEP) })).body.code).toBe('AUTH002');

    const disable = await api(t.server, 'POST', '/auth/totp/disable', { token, body: { code: await codeAt(secret, now + STEP) } });
    expect(disable).toMatchObject({ status: 200, body: { secondFactorEnabled: false } });
    expect((await signIn({})).status).toBe(200);
    const actions = (await t.server.auditEntries()).filter((e) => e.actorId === team.repA2.id).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['second-factor-enrolled', 'second-factor-enabled', 'second-factor-disabled']));
  });

  it('lets only an Admin reset a lost second factor', async () => {
    const enrol = await api(t.server, 'POST', '/auth/totp/enrol', { token: team.viewerA.token });
    await api(t.server, 'POST', '/auth/totp/confirm', { token: team.viewerA.token, body: { code: await generate({ secret: enrol.body.secret }) } });
    const viewerSignIn = () => api(t.server, 'POST', '/auth/login', { body: { email: 'viewer.a@example.com', password: PASSWORD } });
    expect((await viewerSignIn()).body.code).toBe('AUTH003');
    expect((await api(t.server, 'DELETE', `/admin/users/${team.viewerA.id}/totp`, { token: team.managerA.token })).status).toBe(403);
    const admin = await login(t.server, ADMIN.email, ADMIN.password);
    expect((await api(t.server, 'DELETE', `/admin/users/${team.viewerA.id}/totp`, { token: admin.accessToken })).status).toBe(200);
    expect((await viewerSignIn()).status).toBe(200);
  });
});
