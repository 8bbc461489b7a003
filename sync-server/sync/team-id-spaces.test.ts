import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { REFUSED_HEADER } from '../../common/sync/refused-header';
import { api, pullAll, seedTeams, startTestServer, type ApiResponse, type Member, type TestServer } from '../testing/test-server';
import { accountFixture, activityFixture, contactFixture } from '../testing/test-replicas';
import { openStream, type TestStream } from '../testing/stream-reader';
import { RoomSocket } from '../testing/room-socket';

// Issue 18, finding 5 (id squatting): one id space for every team let a manager pre-create another team's future ids
// (an imported vendor id such as Salesforce's `001…`), after which that team's own writes were refused, and the
// different answers to a push told whether an id existed in another team. Each team now has its own id space.
let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
const clock = new HybridLogicalClock('idspaces');

beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
});
afterAll(() => t.stop());

const push = (member: Member, collection: string, doc: object, assumed: object | null = null) =>
  api(t.server, 'POST', `/sync/${collection}/push`, { token: member.token, body: [{ assumedMasterState: assumed, newDocumentState: { ...doc, _deleted: false } }] });

/** What a push answer tells its caller: status, body, and every header but the date. */
function answer(response: ApiResponse) {
  const headers = [...response.headers].filter(([name]) => name !== 'date' && name !== 'content-length');
  return { status: response.status, body: response.body, headers };
}

/** Resolves once `stream` holds a frame with `id` of `collection`; every frame the stream held by then is returned. */
async function framesUntil(stream: TestStream, collection: string, id: string, reader: Member) {
  // Each pull of the reader's own writes is a barrier: the stream gets the same change from the same feed first.
  for (let round = 0; round < 1000; round++) {
    if (stream.frames.some((frame) => frame.collection === collection && frame.documents.some((doc) => doc.id === id))) return stream.frames;
    await pullAll(t.server, reader, collection);
  }
  throw new Error(`no frame with ${collection}/${id}`);
}

describe('each team has its own id space', () => {
  it('lets a team write an id another team’s manager created first, and neither sees the other’s document', async () => {
    const streamA = await openStream(t.server, team.managerA.token, 'accounts');
    const streamB = await openStream(t.server, team.repB.token, 'accounts');
    const id = '001Dn00000Squat';
    const squatted = push(team.managerA, 'accounts', accountFixture(id, team.managerA, clock, { name: 'Squatted by A' }));
    expect((await squatted).body).toEqual([]);

    const own = await push(team.repB, 'accounts', accountFixture(id, team.repB, clock, { name: 'B’s own' }));
    expect(own.status).toBe(200);
    expect(own.body).toEqual([]);
    expect(own.headers.get(REFUSED_HEADER)).toBeNull();

    const pulledB = (await pullAll(t.server, team.repB)).filter((doc) => doc.id === id);
    expect(pulledB).toEqual([expect.objectContaining({ name: 'B’s own', teamId: team.repB.teamId, ownerId: team.repB.id, _deleted: false })]);
    const pulledA = (await pullAll(t.server, team.managerA)).filter((doc) => doc.id === id);
    expect(pulledA).toEqual([expect.objectContaining({ name: 'Squatted by A', teamId: team.managerA.teamId, _deleted: false })]);

    // B edits its own copy; A's stays as it was.
    const current = pulledB[0];
    const at = clock.now();
    const edited = await push(team.repB, 'accounts', { ...current, mrr: 777, updatedAt: at, fieldStamps: { ...current.fieldStamps, mrr: at } }, current);
    expect(edited.body).toEqual([]);
    expect((await pullAll(t.server, team.managerA)).find((doc) => doc.id === id)).toMatchObject({ name: 'Squatted by A', mrr: pulledA[0].mrr });

    const framesB = await framesUntil(streamB, 'accounts', id, team.repB);
    const framesA = await framesUntil(streamA, 'accounts', id, team.managerA);
    for (const doc of framesB.flatMap((frame) => frame.documents)) expect(doc.teamId, `B streamed ${doc.id}`).toBe(team.repB.teamId);
    for (const doc of framesA.flatMap((frame) => frame.documents)) expect(doc.teamId, `A streamed ${doc.id}`).toBe(team.managerA.teamId);
    streamA.close();
    streamB.close();
  });

  it('answers a push of an id held by another team exactly as a push of an unused id (no existence oracle)', async () => {
    expect((await push(team.managerA, 'accounts', accountFixture('acc-held-by-a', team.managerA, clock))).body).toEqual([]);
    const held = await push(team.repB, 'accounts', accountFixture('acc-held-by-a', team.repB, clock));
    const unused = await push(team.repB, 'accounts', accountFixture('acc-never-used', team.repB, clock));
    expect(answer(held)).toEqual(answer(unused));

    // Also when the pusher pretends to know a master state: nothing of team A's copy comes back.
    const fake = accountFixture('acc-held-by-a-2', team.repB, clock);
    expect((await push(team.managerA, 'accounts', accountFixture('acc-held-by-a-2', team.managerA, clock))).body).toEqual([]);
    const heldWithBase = await push(team.repB, 'accounts', { ...fake, name: 'edited' }, { ...fake, _deleted: false });
    const unusedWithBase = await push(team.repB, 'accounts', { ...accountFixture('acc-never-used-2', team.repB, clock), name: 'edited' }, { ...accountFixture('acc-never-used-2', team.repB, clock), _deleted: false });
    expect(heldWithBase.status).toBe(unusedWithBase.status);
    expect(JSON.stringify(heldWithBase.body)).not.toContain(team.managerA.teamId);
    expect(heldWithBase.headers.get(REFUSED_HEADER)).toBe(unusedWithBase.headers.get(REFUSED_HEADER) === null ? null : encodeURIComponent('acc-held-by-a-2'));
  });

  it('keeps contacts and activities that name an account id of another team in their own team', async () => {
    const accountId = 'acc-children';
    expect((await push(team.managerA, 'accounts', accountFixture(accountId, team.managerA, clock, { name: 'A parent' }))).body).toEqual([]);
    expect((await push(team.managerA, 'contacts', contactFixture('contact-shared-id', accountId, team.managerA, clock))).body).toEqual([]);
    expect((await push(team.managerA, 'activities', activityFixture('activity-shared-id', accountId, team.managerA, clock))).body).toEqual([]);

    // Team B uses the same account id and the same child ids: accepted, and answered as for unused ids.
    const unusedContact = await push(team.repB, 'contacts', contactFixture('contact-unused-id', 'acc-unused-parent', team.repB, clock));
    const contact = await push(team.repB, 'contacts', contactFixture('contact-shared-id', accountId, team.repB, clock));
    expect(answer(contact)).toEqual(answer(unusedContact));
    const unusedActivity = await push(team.repB, 'activities', activityFixture('activity-unused-id', 'acc-unused-parent', team.repB, clock));
    const activity = await push(team.repB, 'activities', activityFixture('activity-shared-id', accountId, team.repB, clock));
    expect(answer(activity)).toEqual(answer(unusedActivity));
    expect((await push(team.repB, 'accounts', accountFixture(accountId, team.repB, clock, { name: 'B parent' }))).body).toEqual([]);

    for (const collection of ['contacts', 'activities']) {
      const b = (await pullAll(t.server, team.repB, collection)).filter((doc) => doc.accountId === accountId);
      expect(b.length, collection).toBe(1);
      expect(b[0]).toMatchObject({ teamId: team.repB.teamId, ownerId: team.repB.id, _deleted: false });
      const a = (await pullAll(t.server, team.managerA, collection)).filter((doc) => doc.accountId === accountId);
      expect(a.length, collection).toBe(1);
      expect(a[0]).toMatchObject({ teamId: team.managerA.teamId, ownerId: team.managerA.id, _deleted: false });
    }

    // Re-assigning team A's account within team A moves team A's children only.
    const moved = await api(t.server, 'PUT', `/admin/accounts/${accountId}/owner`, { token: team.managerA.token, body: { ownerId: team.repA.id } });
    expect(moved.status).toBe(200);
    expect((await pullAll(t.server, team.repA, 'contacts')).find((doc) => doc.id === 'contact-shared-id')).toMatchObject({ ownerId: team.repA.id, teamId: team.repA.teamId });
    expect((await pullAll(t.server, team.repB, 'contacts')).find((doc) => doc.id === 'contact-shared-id')).toMatchObject({ ownerId: team.repB.id, _deleted: false });
    expect((await pullAll(t.server, team.repB, 'accounts')).find((doc) => doc.id === accountId)).toMatchObject({ name: 'B parent', ownerId: team.repB.id });
  });

  it('gives each team’s account of one id its own notes room', async () => {
    const accountId = 'acc-notes-shared-id';
    expect((await push(team.managerA, 'accounts', accountFixture(accountId, team.managerA, clock))).body).toEqual([]);
    expect((await push(team.repB, 'accounts', accountFixture(accountId, team.repB, clock))).body).toEqual([]);
    const url = `${t.server.url.replace(/^http/, 'ws')}/yjs/notes/${accountId}`;
    const a = await RoomSocket.join(url, team.managerA.token);
    if (!(a instanceof RoomSocket)) throw new Error(`A refused: ${a.refused}`);
    a.write('|secret of team A');
    expect(await a.barrier()).toBe(true);
    const b = await RoomSocket.join(url, team.repB.token);
    if (!(b instanceof RoomSocket)) throw new Error(`B refused: ${b.refused}`);
    expect(await b.barrier()).toBe(true);
    expect(b.text()).not.toContain('secret of team A');
    b.write('|note of team B');
    expect(await b.barrier()).toBe(true);
    expect(await a.barrier()).toBe(true);
    expect(a.text()).not.toContain('note of team B');
    a.close();
    b.close();
  });
});

describe('moves between teams with per-team id spaces', () => {
  it('moves an account with its children and notes to another team, and refuses a move onto an id the team uses', async () => {
    const admin = { id: 'admin', token: (await api(t.server, 'POST', '/auth/login', { body: { email: 'admin@example.com', password: 'admin-password-123' } })).body.accessToken, teamId: '' };
    const accountId = 'acc-cross-team';
    expect((await push(team.repA, 'accounts', accountFixture(accountId, team.repA, clock, { name: 'Moving' }))).body).toEqual([]);
    expect((await push(team.repA, 'contacts', contactFixture('contact-cross-team', accountId, team.repA, clock))).body).toEqual([]);
    const url = `${t.server.url.replace(/^http/, 'ws')}/yjs/notes/${accountId}`;
    const writer = await RoomSocket.join(url, team.repA.token);
    if (!(writer instanceof RoomSocket)) throw new Error(`refused: ${writer.refused}`);
    writer.write('|kept across the move');
    expect(await writer.barrier()).toBe(true);

    const moved = await api(t.server, 'PUT', `/admin/accounts/${accountId}/owner`, { token: admin.token, body: { ownerId: team.repB.id } });
    expect(moved.status).toBe(200);
    // The old team's socket is closed; its replicas pull tombstones; the new team pulls the account and its contact.
    expect(await writer.barrier()).toBe(false);
    expect((await pullAll(t.server, team.repA)).filter((doc) => doc.id === accountId)).toEqual([expect.objectContaining({ _deleted: true })]);
    expect((await pullAll(t.server, team.repA, 'contacts')).find((doc) => doc.id === 'contact-cross-team')).toMatchObject({ _deleted: true });
    expect((await pullAll(t.server, team.repB)).find((doc) => doc.id === accountId)).toMatchObject({ name: 'Moving', teamId: team.repB.teamId, _deleted: false });
    expect((await pullAll(t.server, team.repB, 'contacts')).find((doc) => doc.id === 'contact-cross-team')).toMatchObject({ teamId: team.repB.teamId, _deleted: false });
    // An Admin's replica (one copy per id) ends with the live copy, not the tombstone left behind.
    expect((await pullAll(t.server, admin)).filter((doc) => doc.id === accountId)).toEqual([expect.objectContaining({ teamId: team.repB.teamId, _deleted: false })]);
    const reader = await RoomSocket.join(url, team.repB.token);
    if (!(reader instanceof RoomSocket)) throw new Error(`refused: ${reader.refused}`);
    expect(await reader.barrier()).toBe(true);
    expect(reader.text()).toContain('kept across the move');
    reader.close();

    // Team A re-creates the id: its own new account, with a fresh notes room.
    expect((await push(team.repA, 'accounts', accountFixture(accountId, team.repA, clock, { name: 'A again' }))).status).toBe(200);
    expect((await pullAll(t.server, team.repA)).filter((doc) => doc.id === accountId && !doc._deleted)).toEqual([expect.objectContaining({ name: 'A again' })]);
    const fresh = await RoomSocket.join(url, team.repA.token);
    if (!(fresh instanceof RoomSocket)) throw new Error(`refused: ${fresh.refused}`);
    expect(await fresh.barrier()).toBe(true);
    expect(fresh.text()).not.toContain('kept across the move');
    fresh.close();

    // Now both teams hold the id: an Admin must say which, and may not move one onto the other.
    const ambiguous = await api(t.server, 'PUT', `/admin/accounts/${accountId}/owner`, { token: admin.token, body: { ownerId: team.repA.id } });
    expect(ambiguous.status).toBe(409);
    const onto = await api(t.server, 'PUT', `/admin/accounts/${accountId}/owner`, { token: admin.token, body: { ownerId: team.repA.id, teamId: team.repB.teamId } });
    expect(onto.status).toBe(409);
    expect((await pullAll(t.server, team.repB)).find((doc) => doc.id === accountId)).toMatchObject({ name: 'Moving', _deleted: false });
  });
});

describe('a person moved to another team that holds the same id', () => {
  it('ends with the new team’s copy in their replica, not the former team’s tombstone', async () => {
    const adminToken = (await api(t.server, 'POST', '/auth/login', { body: { email: 'admin@example.com', password: 'admin-password-123' } })).body.accessToken;
    const accountId = 'acc-person-moves';
    // Team B's copy first, team A's later: a rescan meets team A's (former access, a tombstone) after team B's.
    expect((await push(team.repB, 'accounts', accountFixture(accountId, team.repB, clock, { name: 'B copy' }))).body).toEqual([]);
    expect((await push(team.repA2, 'accounts', accountFixture(accountId, team.repA2, clock, { name: 'A copy' }))).body).toEqual([]);

    const replica = new Map<string, any>();
    let checkpoint: unknown = null;
    const sync = async (token: string) => {
      for (;;) {
        const query = new URLSearchParams({ limit: '2', ...(checkpoint ? { checkpoint: JSON.stringify(checkpoint) } : {}) });
        const res = await api(t.server, 'GET', `/sync/accounts/pull?${query}`, { token });
        expect(res.status).toBe(200);
        for (const doc of res.body.documents) replica.set(doc.id, doc);
        checkpoint = res.body.checkpoint;
        if (res.body.documents.length < 2) return;
      }
    };
    await sync(team.repA2.token);
    expect(replica.get(accountId)).toMatchObject({ name: 'A copy', _deleted: false });

    const moved = await api(t.server, 'PUT', `/admin/users/${team.repA2.id}/role`, { token: adminToken, body: { role: 'cs-manager', teamId: team.repB.teamId } });
    expect(moved.status).toBe(200);
    const token = (await api(t.server, 'POST', '/auth/login', { body: { email: 'rep.a2@example.com', password: 'team-password-1234' } })).body.accessToken;
    await sync(token);
    expect(replica.get(accountId)).toMatchObject({ name: 'B copy', teamId: team.repB.teamId, _deleted: false });
    // Nothing of team A's is left readable in the replica.
    for (const doc of replica.values()) if (!doc._deleted) expect(doc.teamId, doc.id).toBe(team.repB.teamId);
  });
});
