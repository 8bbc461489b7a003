import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import type { OutpostDatabase } from '../../common/db/create-database';
import { SyncStatusTracker } from '../../common/sync/sync-status';
import { api, seedTeams, startTestServer, type Member, type TestServer } from '../testing/test-server';
import { accountFixture, activityFixture, contactFixture, eventually, network, openReplica, syncReplica, type Network } from '../testing/test-replicas';

/** Real replicas following the server's multiplexed live stream (one connection for all their collections). */
let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
const cleanup: (() => Promise<void>)[] = [];
const clock = new HybridLogicalClock('streamtest');

beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
});
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});
afterAll(() => t.stop());

/** A network that also counts the live-stream connections it opened. */
function countingNetwork(): Network & { streams: string[] } {
  const net = network();
  const streams: string[] = [];
  const inner = net.fetch;
  net.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    if (url.pathname.endsWith('/stream')) streams.push(`${url.pathname}${url.search}`);
    return inner(input, init);
  }) as typeof fetch;
  return Object.assign(net, { streams });
}

async function replicaOf(member: Member, net = countingNetwork()) {
  const db = await openReplica(['accounts', 'contacts', 'activities']);
  const status = new SyncStatusTracker();
  const syncs = syncReplica(db, t.server.url, () => member.token, { net, status });
  cleanup.push(async () => {
    await Promise.all(syncs.map((sync) => sync.cancel()));
    await db.close();
  });
  await Promise.all(syncs.map((sync) => sync.awaitInitialReplication()));
  return { db, net, status, syncs };
}

/** Another device of `member` writing straight to the server. */
async function serverWrite(member: Member, collection: string, doc: object): Promise<void> {
  const response = await api(t.server, 'POST', `/sync/${collection}/push`, {
    token: member.token,
    body: [{ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } }],
  });
  expect(response.body).toEqual([]);
}

const has = (db: OutpostDatabase, collection: 'accounts' | 'contacts' | 'activities', id: string) => async () =>
  (await db[collection].findOne(id).exec()) !== null;

describe('one live stream for all collections', () => {
  it('delivers changes of several collections over a single connection', async () => {
    const laptop = await replicaOf(team.repA);
    expect(laptop.net.streams).toEqual(['/sync/stream?collections=accounts,contacts,activities']);
    await serverWrite(team.repA, 'accounts', accountFixture('mux-1', team.repA, clock));
    await serverWrite(team.repA, 'contacts', contactFixture('mux-c1', 'mux-1', team.repA, clock));
    await serverWrite(team.repA, 'activities', activityFixture('mux-a1', 'mux-1', team.repA, clock));
    await eventually(has(laptop.db, 'accounts', 'mux-1'), 'the account to arrive');
    await eventually(has(laptop.db, 'contacts', 'mux-c1'), 'the contact to arrive');
    await eventually(has(laptop.db, 'activities', 'mux-a1'), 'the activity to arrive');
    expect(laptop.net.streams).toHaveLength(1);
  });

  it('pulls from the checkpoint when the stream reconnects, so changes made while it was down arrive', async () => {
    const laptop = await replicaOf(team.repA);
    await eventually(async () => laptop.status.status.phase === 'online', 'online');
    laptop.net.goOffline();
    await eventually(async () => laptop.status.status.phase === 'offline', 'the stream drop to be noticed');
    // Written while this device cannot hear the stream: only a pull from its checkpoint brings them.
    await serverWrite(team.repA, 'accounts', accountFixture('mux-offline', team.repA, clock));
    await serverWrite(team.repA, 'contacts', contactFixture('mux-offline-c', 'mux-offline', team.repA, clock));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await has(laptop.db, 'accounts', 'mux-offline')()).toBe(false);
    laptop.net.online = true;
    await eventually(has(laptop.db, 'accounts', 'mux-offline'), 'the account written while offline');
    await eventually(has(laptop.db, 'contacts', 'mux-offline-c'), 'the contact written while offline');
    expect(laptop.net.streams.length).toBeGreaterThanOrEqual(2);
    expect(new Set(laptop.net.streams)).toEqual(new Set(['/sync/stream?collections=accounts,contacts,activities']));
  });

  it('still filters by role: a rep never receives another team’s documents on the shared stream', async () => {
    const mine = await replicaOf(team.repA);
    const theirs = await replicaOf(team.repB);
    await serverWrite(team.repB, 'accounts', accountFixture('mux-b', team.repB, clock));
    await serverWrite(team.repB, 'contacts', contactFixture('mux-b-c', 'mux-b', team.repB, clock));
    await serverWrite(team.repB, 'activities', activityFixture('mux-b-a', 'mux-b', team.repB, clock));
    // Written after team B's documents: once it has arrived, B's would have arrived too if the stream leaked them.
    await serverWrite(team.repA, 'activities', activityFixture('mux-a-last', 'mux-1', team.repA, clock));
    await eventually(has(mine.db, 'activities', 'mux-a-last'), 'the rep’s own activity');
    await eventually(has(theirs.db, 'activities', 'mux-b-a'), 'team B’s rep to get their activity');
    for (const [collection, id] of [['accounts', 'mux-b'], ['contacts', 'mux-b-c'], ['activities', 'mux-b-a']] as const) {
      expect(await has(mine.db, collection, id)(), `${collection} ${id} in team A's replica`).toBe(false);
    }
    expect(await has(theirs.db, 'activities', 'mux-a-last')()).toBe(false);
  });
});
