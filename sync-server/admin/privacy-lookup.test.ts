import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { ADMIN, api, login, seedTeams, startTestServer, type Member, type TestServer } from '../testing/test-server';
import { accountFixture, activityFixture, contactFixture } from '../testing/test-replicas';

// What the admin screen's "Personal data" section needs from the server: find a subject by name, see what an erasure
// would take before confirming it, and be told which teams to choose from when several hold an id.
let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
let adminToken: string;
const clock = new HybridLogicalClock('privacylookup');

beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
  adminToken = (await login(t.server, ADMIN.email, ADMIN.password)).accessToken;
  const push = async (member: Member, collection: string, doc: object) =>
    expect((await api(t.server, 'POST', `/sync/${collection}/push`, { token: member.token, body: [{ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } }] })).body).toEqual([]);
  await push(team.repA, 'accounts', accountFixture('look-acc', team.repA, clock, { name: 'Lookup Holdings' }));
  await push(team.repA, 'contacts', { ...contactFixture('look-con', 'look-acc', team.repA, clock), name: 'Ingrid Lookwell', email: 'ingrid@lookup.example' });
  await push(team.repA, 'activities', activityFixture('look-act', 'look-acc', team.repA, clock));
  // The same contact id in both teams.
  await push(team.repA, 'contacts', { ...contactFixture('twin-con', 'look-acc', team.repA, clock), name: 'Twin In A', email: 'twin.a@lookup.example' });
  await push(team.repB, 'accounts', accountFixture('b-acc', team.repB, clock));
  await push(team.repB, 'contacts', { ...contactFixture('twin-con', 'b-acc', team.repB, clock), name: 'Twin In B', email: 'twin.b@lookup.example' });
});
afterAll(() => t.stop());

const get = (path: string, token = adminToken) => api(t.server, 'GET', path, { token });

describe('finding a subject and previewing its erasure', () => {
  it('finds accounts, contacts and people by name or email, each with its team', async () => {
    const byName = await get('/admin/privacy/search?q=lookwell');
    expect(byName).toMatchObject({ status: 200, body: { results: [{ subject: 'contact:look-con', kind: 'contact', teamId: team.repA.teamId, name: 'Ingrid Lookwell', email: 'ingrid@lookup.example', accountId: 'look-acc' }] } });
    const twins = (await get('/admin/privacy/search?q=lookup.example')).body.results.filter((each: { id: string }) => each.id === 'twin-con');
    expect(twins.map((each: { teamId: string }) => each.teamId).sort()).toEqual([team.repA.teamId, team.repB.teamId].sort());
    expect((await get('/admin/privacy/search?q=LOOKUP%20hold')).body.results).toEqual([expect.objectContaining({ subject: 'account:look-acc', name: 'Lookup Holdings' })]);
    expect((await get('/admin/privacy/search?q=rep.b@')).body.results).toEqual([expect.objectContaining({ subject: `person:${team.repB.id}`, email: 'rep.b@example.com' })]);
    expect((await get('/admin/privacy/search?q=x')).status).toBe(400);
  });

  it('previews what an erasure takes: the name to type and a count per collection, and erases nothing', async () => {
    const preview = await get('/admin/privacy/preview?subject=account:look-acc');
    expect(preview).toMatchObject({ status: 200, body: { subject: 'account:look-acc', teamId: team.repA.teamId, name: 'Lookup Holdings', counts: { accounts: 1, contacts: 2, activities: 1 } } });
    expect((await get('/admin/privacy/preview?subject=contact:look-con')).body).toMatchObject({ name: 'Ingrid Lookwell', email: 'ingrid@lookup.example', counts: { contacts: 1 } });
    expect((await get(`/admin/privacy/preview?subject=person:${team.repA.id}`)).body).toMatchObject({ name: 'rep.a@example.com', counts: { person: 1 }, ownsAccounts: 1 });
    expect((await get('/admin/privacy/preview?subject=contact:nobody'))).toMatchObject({ status: 404, body: { code: expect.any(String) } });
    expect((await get('/admin/privacy/search?q=lookwell')).body.results).toHaveLength(1);
  });

  it('answers an id several teams hold with 409 naming the teams, for the preview, the export and the erasure', async () => {
    const teams = [team.repA.teamId, team.repB.teamId].sort();
    expect(await get('/admin/privacy/preview?subject=contact:twin-con')).toMatchObject({ status: 409, body: { code: 'REQ005', teams } });
    expect(await get('/admin/privacy/export?subject=contact:twin-con')).toMatchObject({ status: 409, body: { code: 'REQ005', teams } });
    expect(await api(t.server, 'POST', '/admin/privacy/erase', { token: adminToken, body: { subject: 'contact:twin-con' } })).toMatchObject({ status: 409, body: { teams } });
    expect((await get(`/admin/privacy/preview?subject=contact:twin-con&teamId=${team.repB.teamId}`)).body).toMatchObject({ teamId: team.repB.teamId, name: 'Twin In B' });
  });

  it('is for Admins only', async () => {
    for (const member of [team.managerA, team.repA, team.viewerA]) {
      expect((await get('/admin/privacy/search?q=lookwell', member.token)).status).toBe(403);
      expect((await get('/admin/privacy/preview?subject=contact:look-con', member.token)).status).toBe(403);
    }
  });
});
