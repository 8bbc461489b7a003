import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { ADMIN, api, login, seedTeams, startTestServer, type TestServer } from '../testing/test-server';
import { openStream } from '../testing/stream-reader';
import { accountFixture, activityFixture, contactFixture, eventually } from '../testing/test-replicas';

let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;

beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
});
afterAll(() => t.stop());

const COLLECTIONS = 'accounts,contacts,activities';

/** Accounts of rep A, each with a contact and two activities, pushed as their app would. */
async function seedAccounts(prefix: string, count: number): Promise<string[]> {
  const clock = new HybridLogicalClock(prefix);
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  const push = async (collection: string, docs: object[]) => {
    const rows = docs.map((doc) => ({ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } }));
    expect((await api(t.server, 'POST', `/sync/${collection}/push`, { token: team.repA.token, body: rows })).body).toEqual([]);
  };
  await push('accounts', ids.map((id) => accountFixture(id, team.repA, clock)));
  await push('contacts', ids.map((id) => contactFixture(`${id}-c`, id, team.repA, clock)));
  await push('activities', ids.flatMap((id) => [1, 2].map((n) => activityFixture(`${id}-a${n}`, id, team.repA, clock))));
  return ids;
}

const isNotice = (frame: object) => 'notice' in frame;

describe('a bulk re-assignment', () => {
  it('tells the new owner’s (and their team lead’s) open apps how many documents of each collection are coming, then that it is written', async () => {
    const ids = await seedAccounts('notice', 3);
    const admin = await login(t.server, ADMIN.email, ADMIN.password);
    const newOwner = await openStream(t.server, team.repA2.token, COLLECTIONS);
    const oldOwner = await openStream(t.server, team.repA.token, COLLECTIONS);
    const otherTeam = await openStream(t.server, team.repB.token, COLLECTIONS);
    const lead = await openStream(t.server, team.managerA.token, COLLECTIONS);
    try {
      const preview = await api(t.server, 'POST', '/admin/accounts/reassign', { token: admin.accessToken, body: { accountIds: ids, ownerId: team.repA2.id, preview: true } });
      expect(preview.status).toBe(200);
      // One account is the new owner's already: it brings nothing.
      const moved = await api(t.server, 'POST', '/admin/accounts/reassign', { token: admin.accessToken, body: { accountIds: ids.slice(0, 1), ownerId: team.repA2.id } });
      expect(moved.status).toBe(200);
      await eventually(async () => newOwner.frames.filter(isNotice).length === 2, 'the notices of the first move');
      await eventually(async () => newOwner.frames.filter((frame) => !isNotice(frame)).length === 4, 'the documents of the first move');
      newOwner.frames.length = 0;

      const answer = await api(t.server, 'POST', '/admin/accounts/reassign', { token: admin.accessToken, body: { accountIds: ids, ownerId: team.repA2.id } });
      expect(answer.status).toBe(200);
      await eventually(async () => newOwner.frames.some((frame) => (frame as { notice?: string }).notice === 'arrived'), 'the notice that the move is written');
      await eventually(async () => newOwner.frames.filter((frame) => !isNotice(frame)).length >= 8, 'the moved documents');

      const notices = newOwner.frames.filter(isNotice) as unknown as { notice: string; arrival: string; documents?: Record<string, number> }[];
      expect(notices.map((n) => n.notice)).toEqual(['arriving', 'arrived']);
      expect(notices[0]!.arrival).toBe(notices[1]!.arrival);
      expect(notices[0]).toMatchObject({ to: 'you', documents: { accounts: 2, contacts: 2, activities: 4 } });
      // The team's CS Manager, who reads every document of the team, hears of it as the team's.
      const leadNotices = lead.frames.filter(isNotice) as unknown as { notice: string; arrival: string; to?: string }[];
      expect(leadNotices.filter((n) => n.arrival === notices[0]!.arrival).map((n) => [n.notice, n.to])).toEqual([['arriving', 'team'], ['arrived', undefined]]);
      // Announced before any of the documents it counts.
      expect(isNotice(newOwner.frames[0]!)).toBe(true);
      const documents = newOwner.frames.filter((frame) => !isNotice(frame)).flatMap((frame) => frame.documents as { id: string }[]);
      expect(new Set(documents.map((doc) => doc.id))).toEqual(new Set(['notice-1', 'notice-2', 'notice-1-c', 'notice-2-c', 'notice-1-a1', 'notice-1-a2', 'notice-2-a1', 'notice-2-a2']));
      // Nobody else hears of it: not the former owner (who gets the tombstones), not another team, not a preview.
      expect(oldOwner.frames.filter(isNotice)).toEqual([]);
      expect(otherTeam.frames).toEqual([]);
    } finally {
      newOwner.close();
      oldOwner.close();
      otherTeam.close();
      lead.close();
    }
  });
});
