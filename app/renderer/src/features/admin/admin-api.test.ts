import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, api, login, PASSWORD, pullAll, seedTeams, startTestServer, syncedDoc, type TestServer } from '../../../../../sync-server/testing/test-server';
import { adminApi, groupByTeam } from './admin-api';

// The admin screen's client against the real server: invite, re-assign with a preview, disable, audit.
let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;

beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
});
afterAll(() => t.stop());

describe('the admin screen’s API client', () => {
  it('invites a rep, previews and makes a re-assignment to them, disables them, and reads the audit log', async () => {
    const token = (await login(t.server, ADMIN.email, ADMIN.password)).accessToken;
    const admin = adminApi(t.server.url, async () => token);
    const invite = await admin.invite({ email: 'invited@example.com', name: 'Invited Rep', role: 'cs-rep', teamId: team.repA.teamId });
    const accepted = await api(t.server, 'POST', '/auth/accept-invite', { body: { code: invite.code, password: PASSWORD } });
    expect(accepted.status).toBe(201);
    expect((await api(t.server, 'POST', '/auth/accept-invite', { body: { code: invite.code, password: PASSWORD } })).status).toBe(404);
    const rep = (await admin.people()).find((person) => person.email === 'invited@example.com')!;
    expect(rep).toMatchObject({ role: 'cs-rep', disabled: false });

    await api(t.server, 'POST', '/sync/accounts/push', { token: team.repA.token, body: [{ assumedMasterState: null, newDocumentState: syncedDoc('admin-acc', team.repA) }] });
    const preview = await admin.reassign(['admin-acc', 'no-such'], rep.id, true);
    expect(preview.results).toEqual([
      expect.objectContaining({ accountId: 'admin-acc', status: 'ok', moved: true, dependents: expect.any(Object) }),
      expect.objectContaining({ accountId: 'no-such', status: 'missing' }),
    ]);
    expect((await api(t.server, 'GET', '/sync/accounts/pull', { token: team.repA.token })).body.documents.some((doc: { id: string }) => doc.id === 'admin-acc')).toBe(true);
    await admin.reassign(['admin-acc'], rep.id, false);
    const repToken = (await login(t.server, 'invited@example.com', PASSWORD)).accessToken;
    expect((await api(t.server, 'GET', '/sync/accounts/pull', { token: repToken })).body.documents.map((doc: { id: string }) => doc.id)).toContain('admin-acc');

    expect(await admin.setDisabled(rep.id, true)).toMatchObject({ disabled: true });
    expect((await api(t.server, 'GET', '/sync/accounts/pull', { token: repToken })).status).toBe(401);
    const entries = await admin.audit({ action: 'user-disabled' });
    expect(entries[0]).toMatchObject({ action: 'user-disabled', detail: { userId: rep.id } });
    expect((await admin.auditCsv()).startsWith('seq,at,action')).toBe(true);
    expect(await admin.verifyAudit()).toMatchObject({ ok: true });
    await expect(adminApi(t.server.url, async () => team.repA.token).audit({})).rejects.toMatchObject({ status: 403 });
  });

  it('acts on the chosen team’s account when two teams hold its id, and leaves the other team’s copy alone', async () => {
    const token = (await login(t.server, ADMIN.email, ADMIN.password)).accessToken;
    const admin = adminApi(t.server.url, async () => token);
    const { repA, repA2, repB } = team;
    for (const member of [repA, repB]) {
      const pushed = await api(t.server, 'POST', '/sync/accounts/push', { token: member.token, body: [{ assumedMasterState: null, newDocumentState: syncedDoc('twin-acc', member, { name: `Twin of ${member.teamId}` }) }] });
      expect(pushed).toMatchObject({ status: 200, body: [] });
    }
    // Without a team the server cannot tell which: the preview says so and names the teams to choose from.
    const unsure = await admin.reassign(['twin-acc'], repA2.id, true);
    expect(unsure.results).toEqual([expect.objectContaining({ accountId: 'twin-acc', status: 'conflict', teams: [repA.teamId, repB.teamId].sort() })]);

    const preview = await admin.reassign(['twin-acc'], repA2.id, true, repA.teamId);
    expect(preview.results).toEqual([expect.objectContaining({ accountId: 'twin-acc', status: 'ok', moved: true, name: `Twin of ${repA.teamId}` })]);
    const done = await admin.reassignInTeams(['twin-acc'], repA2.id, false, { 'twin-acc': repA.teamId });
    expect(done.results).toEqual([expect.objectContaining({ accountId: 'twin-acc', status: 'ok', moved: true })]);

    const copyOf = async (member: typeof repA) => (await pullAll(t.server, member)).find((doc) => doc.id === 'twin-acc');
    expect(await copyOf(repA2)).toMatchObject({ ownerId: repA2.id, teamId: repA.teamId, name: `Twin of ${repA.teamId}`, _deleted: false });
    expect(await copyOf(repB)).toMatchObject({ ownerId: repB.id, teamId: repB.teamId, name: `Twin of ${repB.teamId}`, _deleted: false });
  });
});

describe('groupByTeam', () => {
  it('groups account ids by the team chosen for each, none chosen apart, in first-seen order', () => {
    expect([...groupByTeam(['a', 'b', 'c', 'd'], { b: 'team-2', d: 'team-2', c: 'team-1' })]).toEqual([['', ['a']], ['team-2', ['b', 'd']], ['team-1', ['c']]]);
    expect([...groupByTeam(['constructor'], {})]).toEqual([['', ['constructor']]]);
  });
});
