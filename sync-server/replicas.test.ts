import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../common/clock/hlc';
import { createOutpostDatabase, type OutpostDatabase } from '../common/db/create-database';
import { stampChanges, stampNew } from '../common/db/stamp-writes';
import type { Account } from '../common/model';
import { replicateWithSyncServer } from '../common/sync/http-replication';
import { canonicalJson } from '../common/sync/merge-fields';
import { seedTeams, startTestServer, type Member, type TestServer } from './test-server';

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

/** A replica's network: while `online` is false every request fails as if the cable were pulled. */
function network() {
  const connections = new Set<AbortController>();
  const net = {
    online: true,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (!net.online) throw new TypeError('fetch failed: offline');
      const controller = new AbortController();
      connections.add(controller);
      init?.signal?.addEventListener('abort', () => controller.abort());
      try {
        return await fetch(input, { ...init, signal: controller.signal });
      } finally {
        if (!String(input).endsWith('/stream')) connections.delete(controller);
      }
    }) as typeof fetch,
    goOffline() {
      net.online = false;
      for (const connection of connections) connection.abort();
      connections.clear();
    },
  };
  return net;
}

function connect(db: OutpostDatabase, member: Member, net = network()) {
  return replicateWithSyncServer({
    collection: db.accounts,
    serverUrl: t.server.url,
    getAccessToken: () => member.token,
    retryTimeMs: 200,
    fetch: net.fetch,
  });
}

function account(id: string, owner: Member, clock: HybridLogicalClock): Account {
  return stampNew(
    {
      id,
      ownerId: owner.id,
      teamId: owner.teamId,
      externalId: `ext-${id}`,
      name: 'Acme',
      domain: 'acme.example',
      industry: 'Software',
      region: 'EMEA',
      tier: 'SMB' as const,
      status: 'active' as const,
      lifecycleStage: 'adoption' as const,
      ownerName: 'Rep A',
      plan: 'Pro',
      seatsPurchased: 50,
      seatsActive: 40,
      mrr: 1000,
      contractStart: '2026-01-01',
      renewalDate: '2027-01-01',
      createdAt: '2026-01-01T00:00:00.000Z',
    },
    clock,
  );
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
    await laptop.accounts.insert(account('acc-1', team.repA, laptopClock));
    await laptopSync.awaitInSync();
    await eventually(async () => (await desktop.accounts.findOne('acc-1').exec()) !== null, 'the desktop to receive acc-1');
    await desktopSync.awaitInSync();

    // Offline: both replicas stop talking to the server while their people keep working.
    laptopNet.goOffline();
    desktopNet.goOffline();
    await edit(laptop, 'acc-1', { name: 'Acme Corporation' }, laptopClock);
    await edit(desktop, 'acc-1', { mrr: 2500 }, desktopClock);
    await edit(desktop, 'acc-1', { plan: 'Enterprise' }, desktopClock);
    await laptop.accounts.insert(account('acc-2', team.repA, laptopClock));

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

  it('never replicates another team’s accounts into a rep’s replica', async () => {
    const mine = await replica();
    const theirs = await replica();
    const mineSync = connect(mine, team.repA);
    const theirSync = connect(theirs, team.repB);
    await theirs.accounts.insert(account('b-only', team.repB, new HybridLogicalClock('b')));
    await mine.accounts.insert(account('a-only', team.repA, new HybridLogicalClock('a')));
    await Promise.all([theirSync.awaitInSync(), mineSync.awaitInSync()]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await mineSync.awaitInSync();
    expect((await mine.accounts.find().exec()).map((doc) => doc.id)).not.toContain('b-only');
    expect((await theirs.accounts.find().exec()).map((doc) => doc.id)).toEqual(['b-only']);
    await Promise.all([mineSync.cancel(), theirSync.cancel()]);
  });
});
