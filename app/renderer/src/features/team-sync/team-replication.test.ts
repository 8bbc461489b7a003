import type { RxCollection } from 'rxdb';
import { executionFixture, playbookDocumentFixture, taskFixture } from '../../../../../common/playbooks/testing/playbook-fixtures';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SyncSession } from '../../../../../common/bridge/contract';
import { HybridLogicalClock } from '../../../../../common/clock/hlc';
import { createOutpostDatabase, type OutpostDatabase } from '../../../../../common/db/create-database';
import { stampChanges } from '../../../../../common/db/stamp-writes';
import { ADMIN, login, PASSWORD, pullAll, seedTeams, startTestServer, syncedDoc, api, type TestServer } from '../../../../../sync-server/testing/test-server';
import {
  activityFixture,
  alertFixture,
  contactFixture,
  revenueFixture,
  riskAssessmentFixture,
  teamSettingFixture,
  usageFixture,
} from '../../../../../sync-server/testing/test-replicas';
import { signIn, SyncAuthError } from '../../session/sync-api';
import { reactionsHeld$ } from '../../../../../common/db/write-hold';
import { INITIAL_SYNC_STATUS, type SyncRefusal, type SyncStatusState } from './sync-status-store';
import { SYNCED_COLLECTIONS, type SyncedCollectionName } from '../../../../../common/sync/synced-collections';
import { startTeamReplication, type StatusSink, type TeamReplication } from './team-replication';
import { createTokenKeeper } from '../../session/token-keeper';

let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
const cleanup: (() => Promise<void>)[] = [];
let counter = 0;

beforeAll(async () => {
  t = await startTestServer({ tokenTtls: { accessSeconds: 60, refreshSeconds: 3600 } });
  team = await seedTeams(t.server);
  const pushed = await api(t.server, 'POST', '/sync/accounts/push', {
    token: team.repA.token,
    body: [{ assumedMasterState: null, newDocumentState: syncedDoc('shared-1', team.repA, { name: 'Globex' }) }],
  });
  expect(pushed.body).toEqual([]);
});
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});
afterAll(() => t.stop());

function sink(): StatusSink & { state: SyncStatusState } {
  const box = {
    state: { ...INITIAL_SYNC_STATUS, mode: 'team' } as SyncStatusState,
    set: (patch: Partial<SyncStatusState>) => void (box.state = { ...box.state, ...patch }),
    refused: (refusals: SyncRefusal[]) => void (box.state = { ...box.state, refusals: [...refusals, ...box.state.refusals] }),
  };
  return box;
}

async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Requests a member's device made, by path (`/sync/accounts/push`, `/sync/stream?collections=…`). */
function recording(base: typeof fetch = (input, init) => fetch(input, init)) {
  const requests: string[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    requests.push(url.pathname === '/sync/stream' ? `${url.pathname}${url.search}` : url.pathname);
    return base(input, init);
  }) as typeof fetch;
  return { requests, fetch: fetcher };
}

/**
 * A signed-in device. The free RxDB opens at most 13 collections per process: a full book is 9, so a second device
 * in the same test opens only some synced collections (`collections`) and replicates just those.
 */
async function member(email: string, options: { fetch?: typeof fetch; server?: TestServer; collections?: SyncedCollectionName[] } = {}) {
  counter += 1;
  const session = await signIn({ serverUrl: (options.server ?? t).server.url, email, password: PASSWORD });
  const db = await createOutpostDatabase({
    name: `team${process.pid}x${counter}`,
    storage: getRxStorageMemory(),
    ...(options.collections ? { collections: options.collections } : {}),
  });
  const saved: SyncSession[] = [];
  const tokens = createTokenKeeper(session, { save: async (s) => void saved.push(s), onSessionEnded: () => undefined });
  const status = sink();
  const seen: SyncStatusState['status'][] = [];
  const progress: SyncStatusState['firstSync'][] = [];
  const arrivals: SyncStatusState['arrival'][] = [];
  const set = status.set;
  status.set = (patch) => {
    if (patch.status) seen.push(patch.status);
    if (patch.firstSync !== undefined) progress.push(patch.firstSync);
    if (patch.arrival !== undefined) arrivals.push(patch.arrival);
    set(patch);
  };
  const replication: TeamReplication = startTeamReplication({
    db,
    serverUrl: session.serverUrl,
    user: session.user,
    tokens,
    status,
    retryTimeMs: 200,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.collections ? { collections: options.collections } : {}),
  });
  cleanup.push(async () => {
    tokens.stop();
    await replication.stop();
    await db.close();
  });
  await replication.initialSync();
  return { session, db, status, tokens, replication, saved, seen, progress, arrivals };
}

const clock = new HybridLogicalClock('testdevice');

async function edit(db: OutpostDatabase, id: string, changes: Record<string, unknown>) {
  const doc = await db.accounts.findOne(id).exec();
  if (!doc) throw new Error(`no ${id} in the replica`);
  await doc.incrementalPatch(stampChanges(doc.fieldStamps, changes, clock) as never);
}

describe('team replication in the app', () => {
  it('counts a first sync: records stored of what the server counted for this reader, then clears the count', async () => {
    const own = await startTestServer();
    cleanup.push(() => own.stop());
    const people = await seedTeams(own.server);
    const accounts = Array.from({ length: 2500 }, (_, i) => syncedDoc(`bulk-${String(i).padStart(4, '0')}`, people.repA));
    for (let start = 0; start < accounts.length; start += 200) {
      const rows = accounts.slice(start, start + 200).map((doc) => ({ assumedMasterState: null, newDocumentState: doc }));
      expect((await api(own.server, 'POST', '/sync/accounts/push', { token: people.repA.token, body: rows })).body).toEqual([]);
    }
    // Another team's accounts are no part of this reader's count.
    const others = [{ assumedMasterState: null, newDocumentState: syncedDoc('other-1', people.repB) }];
    expect((await api(own.server, 'POST', '/sync/accounts/push', { token: people.repB.token, body: others })).body).toEqual([]);

    const manager = await member('manager.a@example.com', { server: own, collections: ['accounts', 'activities'] });
    expect(await manager.db.accounts.count().exec()).toBe(2500);
    const counted = manager.progress.filter((p) => p !== null);
    expect(counted[0]).toMatchObject({ pulled: 0, total: null });
    expect(counted.at(-1)).toMatchObject({ pulled: 2500, total: 2500 });
    for (const [i, p] of counted.entries()) {
      if (p!.total !== null) expect(p!.pulled, `step ${i}`).toBeLessThanOrEqual(p!.total);
      if (i > 0) expect(p!.pulled).toBeGreaterThanOrEqual(counted[i - 1]!.pulled);
    }
    expect(manager.progress.at(-1)).toBeNull();
    expect(manager.status.state.firstSync).toBeNull();
  });

  it('counts the documents of accounts re-assigned to the user (and within the team their lead leads) while the app is open, and ends once all are here', async () => {
    const own = await startTestServer();
    cleanup.push(() => own.stop());
    const people = await seedTeams(own.server);
    const seedClock = new HybridLogicalClock('arrivals');
    const ids = Array.from({ length: 100 }, (_, i) => `moving-${String(i).padStart(3, '0')}`);
    const push = async (collection: string, docs: object[]) => {
      for (let start = 0; start < docs.length; start += 200) {
        const rows = docs.slice(start, start + 200).map((doc) => ({ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } }));
        expect((await api(own.server, 'POST', `/sync/${collection}/push`, { token: people.repA.token, body: rows })).body).toEqual([]);
      }
    };
    await push('accounts', ids.map((id) => syncedDoc(id, people.repA)));
    await push('contacts', ids.map((id) => contactFixture(`${id}-c`, id, people.repA, seedClock)));
    await push('activities', ids.flatMap((id) => Array.from({ length: 9 }, (_, n) => activityFixture(`${id}-a${n}`, id, people.repA, seedClock))));

    const rep = await member('rep.a2@example.com', { server: own, collections: ['accounts', 'contacts', 'activities'] });
    expect(await rep.db.accounts.count().exec()).toBe(0);
    // Their team lead holds the team's documents already and receives each one changed: counted too, as the team's.
    const lead = await member('manager.a@example.com', { server: own, collections: ['accounts', 'contacts', 'activities'] });
    expect(await lead.db.activities.count().exec()).toBe(900);
    // Watchers that react to every write (the scoring engine) wait while the accounts arrive, and react once after.
    const held: boolean[] = [];
    const watching = reactionsHeld$(rep.db).subscribe((isHeld) => held.push(isHeld));
    cleanup.push(async () => watching.unsubscribe());
    const admin = await login(own.server, ADMIN.email, ADMIN.password);
    const moved = await api(own.server, 'POST', '/admin/accounts/reassign', { token: admin.accessToken, body: { accountIds: ids, ownerId: rep.session.user.id } });
    expect(moved.status).toBe(200);

    // The bar ends only once every document announced is in the replica.
    await eventually(() => rep.arrivals.length > 1 && rep.status.state.arrival === null, 'the arrival to end');
    expect([await rep.db.accounts.count().exec(), await rep.db.contacts.count().exec(), await rep.db.activities.count().exec()]).toEqual([100, 100, 900]);
    const counted = rep.arrivals.filter((a) => a !== null);
    expect(counted[0]).toMatchObject({ total: 1100, yours: true });
    expect(counted.every((a) => a.total === 1100 && a.received <= a.total)).toBe(true);
    expect(counted.map((a) => a.received)).toEqual([...counted.map((a) => a.received)].sort((a, b) => a - b));
    expect(held).toEqual([false, true, false]);
    await eventually(() => lead.arrivals.length > 1 && lead.status.state.arrival === null, 'the team lead’s count to end');
    expect(lead.arrivals.filter((a) => a !== null)[0]).toMatchObject({ total: 1100, yours: false });
    const leadAccounts = (await lead.db.accounts.find().exec()).filter((doc) => ids.includes(doc.id));
    expect(leadAccounts.every((doc) => doc.ownerId === rep.session.user.id)).toBe(true);
  });

  it('signs in, pulls the team book and carries an edit from one member to another, with status', async () => {
    const rep = await member('rep.a@example.com');
    const manager = await member('manager.a@example.com', { collections: ['accounts'] });
    expect(rep.session.user.role).toBe('cs-rep');
    expect((await manager.db.accounts.findOne('shared-1').exec())?.name).toBe('Globex');
    expect(rep.status.state.status.lastSyncedAt).not.toBeNull();

    await edit(rep.db, 'shared-1', { name: 'Globex Corporation' });
    expect(rep.status.state.status.pendingChanges).toBeGreaterThan(0);
    await eventually(async () => (await manager.db.accounts.findOne('shared-1').exec())?.name === 'Globex Corporation', 'the manager to see the edit');
    await eventually(() => rep.status.state.status.pendingChanges === 0, 'the edit to be acknowledged');
    await eventually(() => rep.status.state.status.phase === 'online', 'online once nothing is in flight');
    expect(rep.status.state).toMatchObject({ status: { lastError: null }, refusals: [] });
  });

  it('replicates every synced collection over one live stream', async () => {
    const net = recording();
    const rep = await member('rep.a@example.com', { fetch: net.fetch });
    const owner = team.repA;
    const docs: Record<SyncedCollectionName, { id: string }> = {
      accounts: syncedDoc('eight-1', owner),
      contacts: contactFixture('eight-contact', 'eight-1', owner, clock),
      activities: activityFixture('eight-activity', 'eight-1', owner, clock),
      revenue: revenueFixture('eight-revenue', 'eight-1', owner, clock),
      usage: usageFixture('eight-1', '2026-02', owner, clock),
      riskassessments: riskAssessmentFixture('eight-1', owner, clock),
      alerts: alertFixture('eight-1', owner, clock),
      teamsettings: teamSettingFixture(team.managerA, clock),
      playbooks: playbookDocumentFixture('all-playbook', team.managerA, clock),
      executions: executionFixture('eight-1', owner, clock),
      tasks: taskFixture('eight-task', 'eight-1', owner, clock),
    };
    // Another device of the team writes one document to each collection (team settings: the manager).
    for (const name of SYNCED_COLLECTIONS) {
      const writer = name === 'teamsettings' || name === 'playbooks' ? team.managerA : owner;
      const pushed = await api(t.server, 'POST', `/sync/${name}/push`, {
        token: writer.token,
        body: [{ assumedMasterState: null, newDocumentState: { ...docs[name], _deleted: false } }],
      });
      expect(pushed.body, name).toEqual([]);
    }
    for (const name of SYNCED_COLLECTIONS) {
      await eventually(async () => (await (rep.db[name] as RxCollection<any>).findOne(docs[name].id).exec()) !== null, `${name} to arrive`);
    }
    expect(net.requests.filter((path) => path.startsWith('/sync/stream'))).toEqual([`/sync/stream?collections=${SYNCED_COLLECTIONS.join(',')}`]);
  });

  it('only pulls on a Viewer’s device: what it computes stays local, unrefused, and the team’s version replaces it', async () => {
    const net = recording();
    const viewer = await member('viewer.a@example.com', { fetch: net.fetch });
    // The device's own scoring writes an assessment and an alert for an account of the team, as on every device.
    await viewer.db.riskassessments.insert(riskAssessmentFixture('shared-1', team.repA, clock, 11));
    await viewer.db.alerts.insert(alertFixture('shared-1', team.repA, clock));
    await Promise.all(viewer.replication.states.map((state) => state.awaitInSync()));
    expect(viewer.status.state.status.pendingChanges).toBe(0);
    expect(net.requests.filter((path) => path.endsWith('/push'))).toEqual([]);
    expect(await pullAll(t.server, team.managerA, 'riskassessments')).not.toContainEqual(expect.objectContaining({ id: 'shared-1', health: 11 }));

    const teamVersion = { ...riskAssessmentFixture('shared-1', team.repA, new HybridLogicalClock('owner')), health: 77 };
    const pushed = await api(t.server, 'POST', '/sync/riskassessments/push', {
      token: team.repA.token,
      body: [{ assumedMasterState: null, newDocumentState: { ...teamVersion, _deleted: false } }],
    });
    expect(pushed.body).toEqual([]);
    await eventually(async () => (await viewer.db.riskassessments.findOne('shared-1').exec())?.health === 77, 'the owner’s assessment to replace the local one');
    expect(viewer.status.state.refusals).toEqual([]);
    expect(net.requests.filter((path) => path.endsWith('/push'))).toEqual([]);
  });

  it('keeps scores of a colleague’s shared account on a rep’s device, pushes their own, and still refuses a real edit', async () => {
    const shared = await api(t.server, 'PUT', `/admin/users/${team.repA.id}/shares`, { token: team.managerA.token, body: { sharedOwnerIds: [team.repA2.id] } });
    expect(shared.status).toBe(200);
    await api(t.server, 'POST', '/sync/accounts/push', {
      token: team.repA2.token,
      body: [{ assumedMasterState: null, newDocumentState: syncedDoc('colleague-1', team.repA2, { name: 'Colleague Corp' }) }],
    });
    const rep = await member('rep.a@example.com');
    expect((await rep.db.accounts.findOne('colleague-1').exec())?.name).toBe('Colleague Corp');

    await rep.db.riskassessments.bulkUpsert([riskAssessmentFixture('colleague-1', team.repA2, clock, 11), riskAssessmentFixture('shared-1', team.repA, clock, 22)]);
    await eventually(
      async () => (await pullAll(t.server, team.managerA, 'riskassessments')).some((doc) => doc.id === 'shared-1' && doc.health === 22),
      'the rep’s own assessment to reach the server',
    );
    await eventually(() => rep.status.state.status.pendingChanges === 0, 'nothing left pending');
    expect((await pullAll(t.server, team.managerA, 'riskassessments')).find((doc) => doc.id === 'colleague-1')).toBeUndefined();
    expect(rep.status.state.refusals).toEqual([]);

    // The colleague's device pushes its own assessment: it replaces the one computed here.
    const theirs = { ...riskAssessmentFixture('colleague-1', team.repA2, new HybridLogicalClock('colleague')), health: 66 };
    await api(t.server, 'POST', '/sync/riskassessments/push', {
      token: team.repA2.token,
      body: [{ assumedMasterState: null, newDocumentState: { ...theirs, _deleted: false } }],
    });
    await eventually(async () => (await rep.db.riskassessments.findOne('colleague-1').exec())?.health === 66, 'the colleague’s assessment');

    // A person's edit of the colleague's account is still sent, refused, rolled back and reported.
    await edit(rep.db, 'colleague-1', { name: 'Not mine to rename' });
    await eventually(() => rep.status.state.refusals.length > 0, 'the refusal to be reported');
    expect(rep.status.state.refusals[0]!.message).toMatch(/refused your change to account .*you may only change what you own.*rolled back/);
    await eventually(async () => (await rep.db.accounts.findOne('colleague-1').exec())?.name === 'Colleague Corp', 'the rollback');
    await api(t.server, 'PUT', `/admin/users/${team.repA.id}/shares`, { token: team.managerA.token, body: { sharedOwnerIds: [] } });
  });

  it('reports offline while the network is gone and catches up when it returns', async () => {
    const net = { online: true };
    const flaky = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (!net.online) throw new TypeError('Failed to fetch');
      return fetch(input, init);
    }) as typeof fetch;
    const rep = await member('rep.a@example.com', { fetch: flaky });
    const manager = await member('manager.a@example.com', { collections: ['accounts'] });
    net.online = false;
    await rep.replication.states[0]!.reSync();
    await edit(rep.db, 'shared-1', { plan: 'Offline plan' });
    await eventually(() => rep.status.state.status.phase === 'offline', 'offline to be reported');
    expect(rep.status.state.status.pendingChanges).toBeGreaterThan(0);
    net.online = true;
    await eventually(async () => (await manager.db.accounts.findOne('shared-1').exec())?.plan === 'Offline plan', 'the offline edit to arrive');
    await eventually(() => rep.status.state.status.phase === 'online' && rep.status.state.status.pendingChanges === 0, 'online with nothing pending');
  });

  it('renews the access token when it is about to expire, and keeps the new session', async () => {
    const rep = await member('rep.a@example.com');
    const before = rep.tokens.session().accessToken;
    const renewed = await rep.tokens.renew();
    expect(renewed).not.toBe(before);
    expect(rep.saved.at(-1)?.accessToken).toBe(renewed);
    await edit(rep.db, 'shared-1', { plan: 'After renewal' });
    await eventually(() => rep.status.state.status.pendingChanges === 0, 'the edit to go through with the renewed token');
  });

  it('refuses a wrong password and an unreachable server with clear errors', async () => {
    await expect(signIn({ serverUrl: t.server.url, email: 'rep.a@example.com', password: 'wrong' })).rejects.toMatchObject({
      kind: 'credentials',
      message: 'Email or password is wrong',
    });
    const error = await signIn({ serverUrl: 'http://127.0.0.1:9', email: 'a@b.c', password: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncAuthError);
    expect(error).toMatchObject({ kind: 'unreachable' });
    await expect(signIn({ serverUrl: 'http://sync.example.com', email: 'a@b.c', password: 'x' })).rejects.toThrow(/Use https:\/\//);
  });

  it('shows RATE001 with the time of the next retry when the server rate limits, then catches up', async () => {
    const limited = await startTestServer({ rateLimit: { burst: 8, perSecond: 4 } });
    cleanup.push(() => limited.stop());
    const members = await seedTeams(limited.server);
    await api(limited.server, 'POST', '/sync/accounts/push', {
      token: members.repA.token,
      body: [{ assumedMasterState: null, newDocumentState: syncedDoc('limited-1', members.repA, { name: 'Initech' }) }],
    });
    const rep = await member('rep.a@example.com', { server: limited });
    expect((await rep.db.accounts.findOne('limited-1').exec())?.name).toBe('Initech');
    const rateLimited = rep.seen.find((status) => status.lastError?.code === 'RATE001');
    expect(rateLimited?.lastError?.nextRetryAt).toEqual(expect.any(String));
    await edit(rep.db, 'limited-1', { name: 'Initech Global' });
    await eventually(() => rep.status.state.status.pendingChanges === 0 && rep.status.state.status.lastError === null, 'the edit to go through');
  });
});
