import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { createOutpostDatabase, type OutpostDatabase } from '../../common/db/create-database';
import { stampChanges } from '../../common/db/stamp-writes';
import type { Account } from '../../common/model';
import { replicateWithSyncServer } from '../../common/sync/http-replication';
import { canonicalJson } from '../../common/json/json-equality';
import { SyncStatusTracker, type SyncStatus } from '../../common/sync/sync-status';
import { pullAll, seedTeams, startTestServer, type Member, type TestServer } from '../testing/test-server';
import { accountFixture, network } from '../testing/test-replicas';

let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
const open: OutpostDatabase[] = [];
let counter = 0;

beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});
afterAll(() => t.stop());

async function replica(): Promise<OutpostDatabase> {
  counter += 1;
  // Two replicas in one process: open only what is replicated (the free RxDB allows 13 collections per process).
  const db = await createOutpostDatabase({ name: `replica${process.pid}x${counter}x${Date.now()}`, storage: getRxStorageMemory(), collections: ['accounts'] });
  open.push(db);
  return db;
}

function connect(db: OutpostDatabase, member: Member, net = network(), status?: SyncStatusTracker, server = t.server) {
  return replicateWithSyncServer({
    collection: db.accounts,
    serverUrl: server.url,
    status,
    getAccessToken: () => member.token,
    retryTimeMs: 200,
    fetch: net.fetch,
  });
}

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function edit(db: OutpostDatabase, id: string, changes: Partial<Account>, clock: HybridLogicalClock) {
  const doc = await db.accounts.findOne(id).exec();
  if (!doc) throw new Error(`no ${id}`);
  await doc.incrementalPatch(stampChanges(doc.fieldStamps, changes, clock));
}

describe('two RxDB replicas through the sync server', () => {
  it('converge after offline edits on both sides, keeping both changed fields', async () => {
    const laptop = await replica();
    const desktop = await replica();
    const laptopClock = new HybridLogicalClock('laptop');
    const desktopClock = new HybridLogicalClock('desktop');

    const laptopNet = network();
    const desktopNet = network();
    const laptopSync = connect(laptop, team.repA, laptopNet);
    const desktopSync = connect(desktop, team.repA, desktopNet);
    await laptop.accounts.insert(accountFixture('acc-1', team.repA, laptopClock));
    await laptopSync.awaitInSync();
    await eventually(async () => (await desktop.accounts.findOne('acc-1').exec()) !== null, 'the desktop to receive acc-1');
    await desktopSync.awaitInSync();

    // Offline: both replicas stop talking to the server while their people keep working.
    laptopNet.goOffline();
    desktopNet.goOffline();
    await edit(laptop, 'acc-1', { name: 'Acme Corporation' }, laptopClock);
    await edit(desktop, 'acc-1', { mrr: 2500 }, desktopClock);
    await edit(desktop, 'acc-1', { plan: 'Enterprise' }, desktopClock);
    await laptop.accounts.insert(accountFixture('acc-2', team.repA, laptopClock));

    await new Promise((resolve) => setTimeout(resolve, 300));
    laptopNet.online = true;
    desktopNet.online = true;
    const snapshot = async (db: OutpostDatabase) =>
      (await db.accounts.find({ sort: [{ id: 'asc' }] }).exec()).map((doc) => doc.toJSON());
    const expected = { name: 'Acme Corporation', mrr: 2500, plan: 'Enterprise' };
    let last: unknown;
    const converged = async () => {
      const [a, b] = await Promise.all([snapshot(laptop), snapshot(desktop)]);
      last = { laptop: a, desktop: b };
      const merged = a.find((doc) => doc.id === 'acc-1');
      return a.length === 2 && canonicalJson(a) === canonicalJson(b) && Object.entries(expected).every(([k, v]) => merged?.[k as keyof Account] === v);
    };
    await eventually(converged, 'both replicas to hold the same two accounts with both edits').catch((error: Error) => {
      throw new Error(`${error.message}; last states: ${JSON.stringify(last)}`);
    });
    expect((await laptop.accounts.findOne('acc-1').exec())!.toJSON()).toMatchObject(expected);
    const merges = (await t.server.auditEntries()).filter((entry) => entry.action === 'merge' && entry.detail['id'] === 'acc-1');
    expect(merges.length).toBeGreaterThanOrEqual(1);
    await Promise.all([laptopSync.cancel(), desktopSync.cancel()]);
  });

  // Regression: both replicas reconnecting at once pushed the same document concurrently; the server's second
  // write lost the revision race and answered with the bare new master, which RxDB's conflict handler adopted,
  // silently dropping that replica's offline edits. The server now serialises and re-decides such rows.
  it.each(['pause and start', 'cancel and recreate'] as const)(
    'keeps offline edits when the replication is stopped by %s around them',
    async (how) => {
      const laptop = await replica();
      const desktop = await replica();
      const laptopClock = new HybridLogicalClock('laptop');
      const desktopClock = new HybridLogicalClock('desktop');
      let laptopSync = connect(laptop, team.repA);
      let desktopSync = connect(desktop, team.repA);
      const id = how === 'pause and start' ? 'acc-paused' : 'acc-recreated';
      await laptop.accounts.insert(accountFixture(id, team.repA, laptopClock));
      await laptopSync.awaitInSync();
      await eventually(async () => (await desktop.accounts.findOne(id).exec()) !== null, `the desktop to receive ${id}`);
      await desktopSync.awaitInSync();

      if (how === 'pause and start') await Promise.all([laptopSync.pause(), desktopSync.pause()]);
      else await Promise.all([laptopSync.cancel(), desktopSync.cancel()]);
      await edit(laptop, id, { name: 'Acme Corporation' }, laptopClock);
      await edit(desktop, id, { mrr: 2500 }, desktopClock);
      await edit(desktop, id, { plan: 'Enterprise' }, desktopClock);
      if (how === 'pause and start') await Promise.all([laptopSync.start(), desktopSync.start()]);
      else [laptopSync, desktopSync] = [connect(laptop, team.repA), connect(desktop, team.repA)];

      const expected = { name: 'Acme Corporation', mrr: 2500, plan: 'Enterprise' };
      let last: unknown;
      await eventually(async () => {
        const a = (await laptop.accounts.findOne(id).exec())?.toJSON();
        const b = (await desktop.accounts.findOne(id).exec())?.toJSON();
        last = { laptop: a, desktop: b };
        return canonicalJson(a) === canonicalJson(b) && Object.entries(expected).every(([k, v]) => a?.[k as keyof Account] === v);
      }, 'both replicas to hold both edits').catch((error: Error) => {
        throw new Error(`${error.message}; last states: ${JSON.stringify(last)}`);
      });
      await Promise.all([laptopSync.cancel(), desktopSync.cancel()]);
    },
  );

  it('never replicates another team’s accounts into a rep’s replica', async () => {
    const mine = await replica();
    const theirs = await replica();
    const mineSync = connect(mine, team.repA);
    const theirSync = connect(theirs, team.repB);
    await theirs.accounts.insert(accountFixture('b-only', team.repB, new HybridLogicalClock('b')));
    await mine.accounts.insert(accountFixture('a-only', team.repA, new HybridLogicalClock('a')));
    await Promise.all([theirSync.awaitInSync(), mineSync.awaitInSync()]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await mineSync.awaitInSync();
    expect((await mine.accounts.find().exec()).map((doc) => doc.id)).not.toContain('b-only');
    expect((await theirs.accounts.find().exec()).map((doc) => doc.id)).toEqual(['b-only']);
    await Promise.all([mineSync.cancel(), theirSync.cancel()]);
  });
});

describe('sync status and backoff', () => {
  function record(tracker: SyncStatusTracker): SyncStatus[] {
    const seen: SyncStatus[] = [];
    tracker.status$.subscribe((status) => seen.push(status));
    return seen;
  }

  it('a bulk write and its pushes change the status a few times, not once per document', async () => {
    // A whole-book rescore writes thousands of assessments in a few bulk writes: recording them one by one made a
    // task of 184 ms (each event copied the whole pending set) and re-rendered the status once per document.
    const laptop = await replica();
    const clock = new HybridLogicalClock('bulklaptop');
    const tracker = new SyncStatusTracker();
    const sync = connect(laptop, team.repA, network(), tracker);
    await sync.awaitInSync();
    await eventually(async () => tracker.status.phase === 'online', 'online after the first sync');
    const seen = record(tracker);
    await laptop.accounts.bulkInsert(Array.from({ length: 300 }, (_, i) => accountFixture(`bulk-status-${i}`, team.repA, clock)));
    await eventually(async () => tracker.status.phase === 'online' && tracker.status.pendingChanges === 0, 'all 300 pushed');
    expect(seen.some((status) => status.pendingChanges === 300)).toBe(true);
    expect(seen.length).toBeLessThan(30);
    await sync.cancel();
  });

  it('shows offline with pending changes while the network is gone, then online with nothing pending', async () => {
    const laptop = await replica();
    const clock = new HybridLogicalClock('statuslaptop');
    const net = network();
    const tracker = new SyncStatusTracker();
    const seen = record(tracker);
    const sync = connect(laptop, team.repA, net, tracker);
    await laptop.accounts.insert(accountFixture('status-1', team.repA, clock));
    await sync.awaitInSync();
    await eventually(async () => tracker.status.phase === 'online', 'online after the first sync');
    expect(tracker.status.lastSyncedAt).not.toBeNull();

    net.goOffline();
    await eventually(async () => tracker.status.phase === 'offline', 'the tracker to notice the network is gone');
    await edit(laptop, 'status-1', { mrr: 4321 }, clock);
    await laptop.accounts.insert(accountFixture('status-2', team.repA, clock));
    await eventually(async () => tracker.status.pendingChanges === 2, 'two pending changes');
    expect(tracker.status.lastError).toMatchObject({ code: 'SYNC001' });
    expect(tracker.status.lastError?.nextRetryAt).not.toBeNull();

    net.online = true;
    await eventually(async () => tracker.status.phase === 'online' && tracker.status.pendingChanges === 0, 'back online with nothing pending');
    expect(tracker.status.lastError).toBeNull();
    const onServer = (await pullAll(t.server, team.repA)).filter((doc) => doc.id.startsWith('status-'));
    expect(onServer.map((doc) => [doc.id, doc.mrr])).toEqual([
      ['status-1', 4321],
      ['status-2', 1000],
    ]);
    expect(seen.some((status) => status.phase === 'syncing')).toBe(true);
    await sync.cancel();
  });

  it('waits as long as the server’s Retry-After says when rate limited (RATE001), then finishes', async () => {
    // Seeding signs in 6 times and makes 7 admin calls; the rep then needs a pull, the stream and 14 pushes.
    const limited = await startTestServer({ rateLimit: { burst: 12, perSecond: 1 } });
    try {
      const members = await seedTeams(limited.server);
      const laptop = await replica();
      const clock = new HybridLogicalClock('ratelaptop');
      const tracker = new SyncStatusTracker();
      const seen = record(tracker);
      const sync = connect(laptop, members.repA, network(), tracker, limited.server);
      for (let i = 0; i < 14; i++) {
        await laptop.accounts.insert(accountFixture(`rate-${i}`, members.repA, clock));
        await sync.awaitInSync();
      }
      await eventually(async () => tracker.status.pendingChanges === 0 && tracker.status.lastError === null, 'all pushed');
      const limitedAt = seen.map((status) => status.lastError).find((error) => error?.code === 'RATE001');
      expect(limitedAt, 'the tracker reported RATE001').toBeDefined();
      expect(Date.parse(limitedAt!.nextRetryAt!) - Date.parse(limitedAt!.at)).toBeGreaterThanOrEqual(900);
      let stored: string[] = [];
      await eventually(async () => {
        stored = await pullAll(limited.server, members.repA).then((docs) => docs.map((doc) => doc.id).sort(), () => stored);
        return stored.length > 0;
      }, 'a pull the rate limit lets through');
      expect(stored).toEqual(
        Array.from({ length: 14 }, (_, i) => `rate-${i}`).sort(),
      );
      await sync.cancel();
    } finally {
      await limited.stop();
    }
  });
});
