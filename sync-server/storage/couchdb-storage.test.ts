import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { stampChanges } from '../../common/db/stamp-writes';
import { startCouchProtocolServer, type CouchProtocolServer } from '../testing/couch-protocol-server';
import { startSyncServer, type SyncServer } from '../server';
import { ADMIN, api, login, pullAll, seedTeams, syncedDoc } from '../testing/test-server';
import { accountFixture, editAccount, eventually, openReplica, syncReplica } from '../testing/test-replicas';

/**
 * The scale-out path: several stateless sync-server instances in front of one CouchDB (here express-pouchdb on
 * 127.0.0.1, spoken to through PouchDB's http adapter exactly as a CouchDB cluster would be).
 */
let couch: CouchProtocolServer;
const dirs: string[] = [];
let first: SyncServer;
let second: SyncServer;
let team: Awaited<ReturnType<typeof seedTeams>>;

const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-couch-'));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  couch = await startCouchProtocolServer(tempDir());
  // Both instances share the token secret (as they would through a mounted secret) and the CouchDB databases.
  const shared = tempDir();
  first = await startSyncServer({ dataDir: shared, storage: couch.url, admin: ADMIN, heartbeatMs: 1000 });
  second = await startSyncServer({ dataDir: shared, storage: couch.url, admin: ADMIN, heartbeatMs: 1000 });
  team = await seedTeams(first);
});
afterAll(async () => {
  await first?.close();
  await second?.close();
  await couch?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('CouchDB storage through the http adapter', () => {
  it('keeps users and documents in CouchDB: what one instance stores, the other serves', async () => {
    const session = await login(second, 'rep.a@example.com', 'team-password-1234');
    expect(session.user.id).toBe(team.repA.id);
    const doc = syncedDoc('couch-1', team.repA);
    const pushed = await api(first, 'POST', '/sync/accounts/push', { token: team.repA.token, body: [{ assumedMasterState: null, newDocumentState: doc }] });
    expect(pushed.status).toBe(200);
    expect((await pullAll(second, team.repA)).map((d) => d.id)).toContain('couch-1');
    expect((await pullAll(second, team.repB)).map((d) => d.id)).not.toContain('couch-1');
  });

  it('replicas on different instances converge live, and concurrent edits through both instances all survive', async () => {
    const a = await openReplica(['accounts']);
    const b = await openReplica(['accounts']);
    const syncA = syncReplica(a, first.url, () => team.repA.token);
    const syncB = syncReplica(b, second.url, () => team.repA.token);
    try {
      const clockA = new HybridLogicalClock('couchA');
      const clockB = new HybridLogicalClock('couchB');
      await a.accounts.insert(accountFixture('couch-live', team.repA, clockA));
      await eventually(async () => (await b.accounts.findOne('couch-live').exec()) !== null, 'B (other instance) to receive it live');
      await Promise.all([editAccount(a, 'couch-live', { mrr: 7777 }, clockA), editAccount(b, 'couch-live', { plan: 'Enterprise' }, clockB)]);
      await eventually(async () => {
        const [x, y] = [await a.accounts.findOne('couch-live').exec(), await b.accounts.findOne('couch-live').exec()];
        return x?.mrr === 7777 && x.plan === 'Enterprise' && y?.mrr === 7777 && y.plan === 'Enterprise';
      }, 'both edits on both replicas');
    } finally {
      await Promise.all([...syncA, ...syncB].map((sync) => sync.cancel()));
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('decides racing pushes to two instances by re-reading the revision, not by a process lock', async () => {
    const original = syncedDoc('couch-race', team.repA, { mrr: 1, plan: 'Pro' });
    await api(first, 'POST', '/sync/accounts/push', { token: team.repA.token, body: [{ assumedMasterState: null, newDocumentState: original }] });
    const changes: Record<string, unknown>[] = [{ mrr: 2 }, { plan: 'Max' }, { seatsActive: 3 }, { name: 'Raced' }];
    await Promise.all(
      changes.map((change, i) =>
        api(i % 2 ? second : first, 'POST', '/sync/accounts/push', {
          token: team.repA.token,
          body: [{ assumedMasterState: original, newDocumentState: { ...original, ...stampChanges(original.fieldStamps, change, new HybridLogicalClock(`r${i}`)) } }],
        }),
      ),
    );
    const stored = (await pullAll(second, team.repA)).find((d) => d.id === 'couch-race');
    expect(stored).toMatchObject({ mrr: 2, plan: 'Max', seatsActive: 3, name: 'Raced' });
  });

  it('runs the by-account view for re-assignment on CouchDB', async () => {
    const admin = await login(second, ADMIN.email, ADMIN.password);
    const account = syncedDoc('couch-move', team.repA);
    await api(first, 'POST', '/sync/accounts/push', { token: team.repA.token, body: [{ assumedMasterState: null, newDocumentState: account }] });
    const moved = await api(second, 'PUT', '/admin/accounts/couch-move/owner', { token: admin.accessToken, body: { ownerId: team.repA2.id } });
    expect(moved).toMatchObject({ status: 200, body: { moved: true } });
    expect((await pullAll(first, team.repA)).find((d) => d.id === 'couch-move')?._deleted).toBe(true);
  });
});
