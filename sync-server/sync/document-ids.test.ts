import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { ADMIN, api, login, pullAll, seedTeams, startTestServer, type Member, type TestServer } from '../testing/test-server';
import { accountFixture, contactFixture } from '../testing/test-replicas';

// Finding 1 (critical): ids starting with `_` reached PouchDB as design or local documents (`_design/outpost` broke
// every later re-assignment with a 500, `_local/x` was acknowledged and never pulled) and `__proto__` gave a 500.
let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
const clock = new HybridLogicalClock('ids');

beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
});
afterAll(() => t.stop());

const push = (member: Member, collection: string, doc: object) =>
  api(t.server, 'POST', `/sync/${collection}/push`, { token: member.token, body: [{ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } }] });

describe('reserved document ids', () => {
  it.each(['_design/outpost', '_local/x', '__proto__', '_anything'])('refuses a pushed document with id %s with a 400 and stores nothing', async (id) => {
    const response = await push(team.repA, 'contacts', contactFixture(id, 'some-account', team.repA, clock));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'REQ001' });
    expect(response.body.error).toMatch(/id/);
    expect((await pullAll(t.server, team.managerA, 'contacts')).map((doc) => doc.id)).not.toContain(id);
  });

  it('keeps re-assignment working after someone tried to push a design document', async () => {
    await push(team.repA, 'contacts', contactFixture('_design/outpost', 'acc-ids', team.repA, clock));
    expect((await push(team.repA, 'accounts', accountFixture('acc-ids', team.repA, clock))).status).toBe(200);
    expect((await push(team.repA, 'contacts', contactFixture('acc-ids-c1', 'acc-ids', team.repA, clock))).status).toBe(200);
    const admin = await login(t.server, ADMIN.email, ADMIN.password);
    const moved = await api(t.server, 'PUT', '/admin/accounts/acc-ids/owner', { token: admin.accessToken, body: { ownerId: team.repA2.id } });
    expect(moved.status).toBe(200);
    const contacts = await pullAll(t.server, team.repA2, 'contacts');
    expect(contacts.find((doc) => doc.id === 'acc-ids-c1')).toMatchObject({ ownerId: team.repA2.id });
  });
});
