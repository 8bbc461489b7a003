import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import type { OutpostDatabase } from '../../common/db/create-database';
import { ADMIN, api, login, pullAll, seedTeams, startTestServer, type TestServer } from '../testing/test-server';
import {
  accountFixture,
  activityFixture,
  contactFixture,
  editAccount,
  eventually,
  openReplica,
  syncReplica,
} from '../testing/test-replicas';

let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
const open: { db: OutpostDatabase; syncs: { cancel(): Promise<unknown> }[] }[] = [];

beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
});
afterEach(async () => {
  for (const { db, syncs } of open.splice(0)) {
    await Promise.all(syncs.map((sync) => sync.cancel()));
    await db.close();
  }
});
afterAll(() => t.stop());

async function laptopOf(member: { token: string }) {
  const db = await openReplica();
  const syncs = syncReplica(db, t.server.url, () => member.token);
  open.push({ db, syncs });
  return { db, syncs, inSync: () => Promise.all(syncs.map((sync) => sync.awaitInSync())) };
}

const holds = async (db: OutpostDatabase, accountId: string) => ({
  account: (await db.accounts.findOne(accountId).exec()) !== null,
  contacts: (await db.contacts.find({ selector: { accountId } }).exec()).length,
  activities: (await db.activities.find({ selector: { accountId } }).exec()).length,
});

describe('re-assigning an account', () => {
  it.each(['the admin endpoint', 'a manager editing the owner in their replica'] as const)(
    'moves it and its contacts and activities from the old owner’s replica to the new one’s, via %s',
    async (via) => {
      const accountId = via === 'the admin endpoint' ? 'move-by-endpoint' : 'move-by-push';
      const clock = new HybridLogicalClock('ann');
      const ann = await laptopOf(team.repA);
      const bob = await laptopOf(team.repA2);
      await ann.db.accounts.insert(accountFixture(accountId, team.repA, clock));
      await ann.db.contacts.insert(contactFixture(`${accountId}-c1`, accountId, team.repA, clock));
      await ann.db.activities.bulkInsert([1, 2].map((n) => activityFixture(`${accountId}-a${n}`, accountId, team.repA, clock)));
      await ann.inSync();
      expect(await holds(bob.db, accountId)).toEqual({ account: false, contacts: 0, activities: 0 });

      if (via === 'the admin endpoint') {
        const admin = await login(t.server, ADMIN.email, ADMIN.password);
        const response = await api(t.server, 'PUT', `/admin/accounts/${accountId}/owner`, {
          token: admin.accessToken,
          body: { ownerId: team.repA2.id },
        });
        expect(response).toMatchObject({ status: 200, body: { moved: true, ownerId: team.repA2.id } });
      } else {
        const manager = await laptopOf(team.managerA);
        await eventually(async () => (await holds(manager.db, accountId)).activities === 2, 'the manager to hold the account');
        await editAccount(manager.db, accountId, { ownerId: team.repA2.id, ownerName: 'Rep A2' }, new HybridLogicalClock('mgr'));
        await manager.inSync();
      }

      await eventually(
        async () => JSON.stringify(await holds(bob.db, accountId)) === JSON.stringify({ account: true, contacts: 1, activities: 2 }),
        'the new owner to receive the account and its documents',
      );
      await eventually(
        async () => JSON.stringify(await holds(ann.db, accountId)) === JSON.stringify({ account: false, contacts: 0, activities: 0 }),
        'the old owner’s replica to drop the account and its documents',
      );
      expect((await bob.db.accounts.findOne(accountId).exec())?.ownerId).toBe(team.repA2.id);
      expect((await bob.db.activities.find({ selector: { accountId } }).exec()).every((doc) => doc.ownerId === team.repA2.id)).toBe(true);

      // The old replica dropped it locally without pushing a delete: the server still has it, alive, for Bob.
      await ann.inSync();
      const onServer = (await pullAll(t.server, team.repA2)).find((doc) => doc.id === accountId);
      expect(onServer).toMatchObject({ _deleted: false, ownerId: team.repA2.id });
      const deletes = (await t.server.auditEntries()).filter((e) => e.action === 'write' && e.actorId === team.repA.id && e.detail['deleted'] === true);
      expect(deletes).toEqual([]);
      // Ann can no longer write to it: an edit from a stale copy would be refused, never stored.
      const annPulls = await pullAll(t.server, team.repA, 'activities');
      expect(annPulls.filter((doc) => doc.accountId === accountId).every((doc) => doc._deleted === true)).toBe(true);
    },
  );

  it('refuses a re-assignment by a rep, and to a viewer', async () => {
    const clock = new HybridLogicalClock('ann');
    const ann = await laptopOf(team.repA);
    await ann.db.accounts.insert(accountFixture('stays-put', team.repA, clock));
    await ann.inSync();
    const byRep = await api(t.server, 'PUT', '/admin/accounts/stays-put/owner', { token: team.repA.token, body: { ownerId: team.repA2.id } });
    expect(byRep).toMatchObject({ status: 403, body: { code: 'PERM001' } });
    const toViewer = await api(t.server, 'PUT', '/admin/accounts/stays-put/owner', { token: team.managerA.token, body: { ownerId: team.viewerA.id } });
    expect(toViewer.status).toBe(400);
    const missing = await api(t.server, 'PUT', '/admin/accounts/nope/owner', { token: team.managerA.token, body: { ownerId: team.repA2.id } });
    expect(missing.status).toBe(404);
    expect((await pullAll(t.server, team.repA)).find((doc) => doc.id === 'stays-put')?.ownerId).toBe(team.repA.id);
  });
});
