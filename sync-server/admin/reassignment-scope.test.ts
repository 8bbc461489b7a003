import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { api, pullAll, seedTeams, startTestServer, type Member, type TestServer } from '../testing/test-server';
import { accountFixture, contactFixture } from '../testing/test-replicas';

// Finding 3 (high): re-assigning an account moved every document that named it, whatever team owned it.
let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
const clock = new HybridLogicalClock('scope');

beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
});
afterAll(() => t.stop());

const push = (member: Member, collection: string, doc: object) =>
  api(t.server, 'POST', `/sync/${collection}/push`, { token: member.token, body: [{ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } }] });

describe('re-assignment moves only the account team’s own documents', () => {
  it('leaves another team’s contact that names the account where it is', async () => {
    expect((await push(team.repA, 'accounts', accountFixture('acc-scope', team.repA, clock))).status).toBe(200);
    expect((await push(team.repA, 'contacts', contactFixture('acc-scope-own', 'acc-scope', team.repA, clock))).status).toBe(200);
    // Team B names team A's account in a contact of its own.
    expect((await push(team.repB, 'contacts', contactFixture('acc-scope-foreign', 'acc-scope', team.repB, clock))).status).toBe(200);

    const moved = await api(t.server, 'PUT', '/admin/accounts/acc-scope/owner', { token: team.managerA.token, body: { ownerId: team.repA2.id } });
    expect(moved.status).toBe(200);

    const teamB = await pullAll(t.server, team.repB, 'contacts');
    expect(teamB.find((doc) => doc.id === 'acc-scope-foreign')).toMatchObject({ ownerId: team.repB.id, teamId: team.repB.teamId, _deleted: false });
    const newOwner = await pullAll(t.server, team.repA2, 'contacts');
    expect(newOwner.find((doc) => doc.id === 'acc-scope-own')).toMatchObject({ ownerId: team.repA2.id });
    expect(newOwner.map((doc) => doc.id)).not.toContain('acc-scope-foreign');
  });
});
