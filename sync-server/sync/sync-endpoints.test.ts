import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { stampChanges } from '../../common/db/stamp-writes';
import { activityFixture, contactFixture } from '../testing/test-replicas';
import { api, pullAll, seedTeams, startTestServer, syncedDoc, type Member, type TestServer } from '../testing/test-server';

let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;

beforeAll(async () => {
  t = await startTestServer({ maxBodyBytes: 256 * 1024 });
  team = await seedTeams(t.server);
});
afterAll(() => t.stop());

const push = (member: Member, rows: unknown, collection = 'accounts') =>
  api(t.server, 'POST', `/sync/${collection}/push`, { token: member.token, body: rows });
const ids = (docs: { id: string }[]) => docs.map((doc) => doc.id).sort();

describe('push and pull', () => {
  it('stores a rep’s new documents and pulls them back in batches with checkpoints', async () => {
    const docs = Array.from({ length: 7 }, (_, i) => syncedDoc(`rep-a-${i}`, team.repA));
    const response = await push(team.repA, docs.map((doc) => ({ assumedMasterState: null, newDocumentState: doc })));
    expect(response.status).toBe(200);
    expect(response.body).toEqual([]);
    expect(ids(await pullAll(t.server, team.repA, 'accounts', 3))).toEqual(ids(docs));
  });

  it('returns the master state as a conflict when the assumed master is stale', async () => {
    const original = syncedDoc('stale-1', team.repA, { name: 'Original' });
    await push(team.repA, [{ assumedMasterState: null, newDocumentState: original }]);
    const clock = new HybridLogicalClock('nodeX');
    const first = { ...original, ...stampChanges(original.fieldStamps, { name: 'First' }, clock) };
    expect((await push(team.repA, [{ assumedMasterState: original, newDocumentState: first }])).body).toEqual([]);

    const concurrent = { ...original, ...stampChanges(original.fieldStamps, { mrr: 999 }, clock) };
    const answer = await push(team.repA, [{ assumedMasterState: original, newDocumentState: concurrent }]);
    expect(answer.body).toHaveLength(1);
    // The server merges per field: the first writer's name and the concurrent writer's MRR both survive.
    expect(answer.body[0]).toMatchObject({ id: 'stale-1', name: 'First', mrr: 999 });
    const stored = (await pullAll(t.server, team.repA)).find((doc) => doc.id === 'stale-1');
    expect(stored).toEqual(answer.body[0]);
    expect((await t.server.auditEntries()).some((entry) => entry.action === 'merge' && entry.detail['id'] === 'stale-1')).toBe(true);
  });

  it('keeps the losing value of a same-field conflict in the account history, with who wrote it', async () => {
    const original = syncedDoc('history-1', team.repA, { mrr: 100 });
    await push(team.repA, [{ assumedMasterState: null, newDocumentState: original }]);
    const early = new HybridLogicalClock('early', () => Date.now() + 60_000);
    const late = new HybridLogicalClock('late', () => Date.now() + 120_000);
    const winner = { ...original, ...stampChanges(original.fieldStamps, { mrr: 300 }, late) };
    expect((await push(team.repA, [{ assumedMasterState: original, newDocumentState: winner }])).body).toEqual([]);

    const loser = { ...original, ...stampChanges(original.fieldStamps, { mrr: 200, name: 'Renamed' }, early) };
    const answer = await push(team.repA, [{ assumedMasterState: original, newDocumentState: loser }]);
    expect(answer.body[0]).toMatchObject({ mrr: 300, name: 'Renamed' });
    expect(answer.body[0].fieldHistory).toEqual([
      { field: 'mrr', value: 200, stamp: loser.fieldStamps['mrr'], supersededBy: winner.fieldStamps['mrr'], recordedAt: expect.any(String), userId: team.repA.id },
    ]);
    const stored = (await pullAll(t.server, team.repA)).find((doc) => doc.id === 'history-1');
    expect(stored.fieldHistory).toEqual(answer.body[0].fieldHistory);

    // A later stale push that does not carry the history cannot erase it: histories merge as a union.
    const stale = { ...winner, ...stampChanges(winner.fieldStamps, { plan: 'Max' }, late) };
    const after = await push(team.repA, [{ assumedMasterState: winner, newDocumentState: stale }]);
    expect(after.body[0]).toMatchObject({ plan: 'Max', fieldHistory: answer.body[0].fieldHistory });
  });

  it('writes every accepted push to the audit log', async () => {
    const doc = syncedDoc('audited-1', team.repA);
    await push(team.repA, [{ assumedMasterState: null, newDocumentState: doc }]);
    const entry = (await t.server.auditEntries()).find((e) => e.action === 'write' && e.detail['id'] === 'audited-1');
    expect(entry).toMatchObject({ actorId: team.repA.id, detail: { collection: 'accounts', updatedAt: doc.updatedAt } });
  });
});

describe('access control by hand-crafted requests', () => {
  it('never gives a rep another team’s documents, however the pull is asked for', async () => {
    const foreign = Array.from({ length: 5 }, (_, i) => syncedDoc(`team-b-${i}`, team.repB));
    await push(team.repB, foreign.map((doc) => ({ assumedMasterState: null, newDocumentState: doc })));
    const pulled = await pullAll(t.server, team.repA, 'accounts', 2);
    expect(pulled.length).toBeGreaterThan(0);
    expect(pulled.every((doc) => doc.teamId === team.repA.teamId && doc.ownerId === team.repA.id)).toBe(true);
    expect(ids(await pullAll(t.server, team.repB))).toEqual(ids(foreign));
  });

  it('fills each batch despite unreadable documents in between, so RxDB keeps pulling', async () => {
    const mine = syncedDoc('after-foreign-1', team.repA);
    const foreign = Array.from({ length: 6 }, (_, i) => syncedDoc(`foreign-gap-${i}`, team.repB));
    await push(team.repB, foreign.slice(0, 3).map((doc) => ({ assumedMasterState: null, newDocumentState: doc })));
    await push(team.repA, [{ assumedMasterState: null, newDocumentState: mine }]);
    await push(team.repB, foreign.slice(3).map((doc) => ({ assumedMasterState: null, newDocumentState: doc })));
    const all = await pullAll(t.server, team.repA, 'accounts', 1000);
    const first = await api(t.server, 'GET', `/sync/accounts/pull?limit=${all.length - 1}`, { token: team.repA.token });
    expect(first.body.documents).toHaveLength(all.length - 1);
    const rest = await api(t.server, 'GET', `/sync/accounts/pull?limit=10&checkpoint=${encodeURIComponent(JSON.stringify(first.body.checkpoint))}`, {
      token: team.repA.token,
    });
    expect(rest.body.documents.map((doc: { id: string }) => doc.id)).toEqual(['after-foreign-1']);
  });

  it('refuses a rep pushing into another team, returning a rollback that reveals nothing', async () => {
    const theirs = syncedDoc('team-b-secret', team.repB, { name: 'Secret' });
    await push(team.repB, [{ assumedMasterState: null, newDocumentState: theirs }]);
    const hijack = { ...syncedDoc('team-b-secret', team.repA, { name: 'Hijacked' }) };
    const answer = await push(team.repA, [{ assumedMasterState: theirs, newDocumentState: { ...hijack, teamId: team.repB.teamId } }]);
    expect(answer.body).toHaveLength(1);
    expect(answer.body[0]).toMatchObject({ id: 'team-b-secret', _deleted: true, name: 'Hijacked' });
    expect(JSON.stringify(answer.body)).not.toContain('Secret');
    const create = await push(team.repA, [{ assumedMasterState: null, newDocumentState: syncedDoc('planted', team.repB) }]);
    expect(create.body).toMatchObject([{ id: 'planted', _deleted: true }]);
    const bDocs = await pullAll(t.server, team.repB);
    expect(bDocs.find((doc) => doc.id === 'team-b-secret')).toMatchObject({ name: 'Secret', ownerId: team.repB.id });
    expect(bDocs.find((doc) => doc.id === 'planted')).toBeUndefined();
  });

  it('turns a viewer’s push into a conflict carrying the master state', async () => {
    const doc = syncedDoc('viewed-1', team.repA, { name: 'Before' });
    await push(team.repA, [{ assumedMasterState: null, newDocumentState: doc }]);
    const edit = { ...doc, ...stampChanges(doc.fieldStamps, { name: 'Viewer edit' }) };
    const answer = await push(team.viewerA, [{ assumedMasterState: doc, newDocumentState: edit }]);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([doc]);
    expect((await pullAll(t.server, team.viewerA)).find((d) => d.id === 'viewed-1')).toEqual(doc);
  });

  it('lets a manager read the whole team but not the other team', async () => {
    const pulled = await pullAll(t.server, team.managerA);
    expect(pulled.some((doc) => doc.ownerId === team.repA.id)).toBe(true);
    expect(pulled.some((doc) => doc.teamId === team.repB.teamId)).toBe(false);
  });
});

describe('validation: refused whole, nothing stored', () => {
  const storedIds = async () => ids(await pullAll(t.server, team.managerA));

  it('refuses a push with one malformed row, storing none of its rows', async () => {
    const before = await storedIds();
    const good = syncedDoc('valid-but-batched', team.repA);
    const bad = { ...syncedDoc('bad-stamp', team.repA), updatedAt: 'yesterday' };
    const response = await push(team.repA, [
      { assumedMasterState: null, newDocumentState: good },
      { assumedMasterState: null, newDocumentState: bad },
    ]);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/1\.newDocumentState\.updatedAt/);
    expect(await storedIds()).toEqual(before);
  });

  it('refuses reserved fields, a missing teamId, duplicates and non-arrays with 400', async () => {
    const doc = syncedDoc('shape-1', team.repA);
    const { teamId: _dropped, ...noTeam } = doc;
    for (const rows of [
      [{ assumedMasterState: null, newDocumentState: { ...doc, _rev: '1-abc' } }],
      [{ assumedMasterState: null, newDocumentState: noTeam }],
      [
        { assumedMasterState: null, newDocumentState: doc },
        { assumedMasterState: null, newDocumentState: doc },
      ],
      { rows: [] },
    ]) {
      const response = await push(team.repA, rows);
      expect(response.status, JSON.stringify(rows)).toBe(400);
      expect(response.body.error).toMatch(/^Invalid push: /);
    }
    expect(await storedIds()).not.toContain('shape-1');
  });

  it('refuses a document the collection schema rejects, naming the field', async () => {
    const before = await storedIds();
    const wrongTier = syncedDoc('bad-tier', team.repA, { tier: 'Platinum' });
    const extra = syncedDoc('extra-field', team.repA, { favouriteColour: 'blue' });
    const response = await push(team.repA, [
      { assumedMasterState: null, newDocumentState: syncedDoc('fine', team.repA) },
      { assumedMasterState: null, newDocumentState: wrongTier },
      { assumedMasterState: null, newDocumentState: extra },
    ]);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/1\.newDocumentState\.tier/);
    expect(response.body.error).toMatch(/favouriteColour/);
    expect(await storedIds()).toEqual(before);
  });

  it('refuses an oversized body with 413 and an oversized document with 400', async () => {
    const before = await storedIds();
    const rows = Array.from({ length: 60 }, (_, i) => ({
      assumedMasterState: null,
      newDocumentState: syncedDoc(`big-${i}`, team.repA, { notes: 'x'.repeat(5000) }),
    }));
    const tooBig = await push(team.repA, rows);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.code).toBe('REQ002');
    const hugeDoc = syncedDoc('huge', team.repA, { notes: 'x'.repeat(70_000) });
    const huge = await push(team.repA, [{ assumedMasterState: null, newDocumentState: hugeDoc }]);
    expect(huge.status).toBe(400);
    expect(huge.body.error).toMatch(/limit is 65536/);
    expect(huge.body.code).toBe('REQ001');
    expect(await storedIds()).toEqual(before);
  });

  it('refuses invalid JSON, a wrong content type, a bad checkpoint and an unknown collection', async () => {
    expect((await api(t.server, 'POST', '/sync/accounts/push', { token: team.repA.token, rawBody: '[{' })).status).toBe(400);
    const text = await fetch(`${t.server.url}/sync/accounts/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${team.repA.token}`, 'content-type': 'text/plain' },
      body: '[]',
    });
    expect(text.status).toBe(415);
    const badCheckpoint = await api(t.server, 'GET', '/sync/accounts/pull?checkpoint=%7Bseq', { token: team.repA.token });
    expect(badCheckpoint.status).toBe(400);
    expect(badCheckpoint.body.error).toMatch(/checkpoint/);
    expect((await api(t.server, 'GET', '/sync/accounts/pull?limit=0', { token: team.repA.token })).status).toBe(400);
    expect((await api(t.server, 'GET', '/sync/users/pull', { token: team.repA.token })).status).toBe(404);
  });
});

describe('live stream', () => {
  /** Reads SSE frames from `GET /sync/stream?collections=…` as the user of `token`. */
  async function openStream(token: string, collections: string) {
    const controller = new AbortController();
    const response = await fetch(`${t.server.url}/sync/stream?collections=${collections}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const events: any[] = [];
    let buffer = '';
    return {
      events,
      async readUntil(count: number) {
        while (events.length < count) {
          const { value, done } = await reader.read();
          if (done) throw new Error('stream ended');
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const line = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
            else if (line.startsWith(': connected')) events.push('connected');
          }
        }
      },
      close: () => controller.abort(),
    };
  }

  it('carries the changes of several collections over one connection, each tagged with its collection', async () => {
    const stream = await openStream(team.repA.token, 'accounts,contacts');
    await stream.readUntil(1);
    expect(stream.events[0]).toBe('connected');
    const clock = new HybridLogicalClock('streamnode');
    await push(team.repA, [{ assumedMasterState: null, newDocumentState: syncedDoc('multi-account', team.repA) }]);
    const contact = { ...contactFixture('multi-contact', 'multi-account', team.repA, clock), _deleted: false };
    expect((await push(team.repA, [{ assumedMasterState: null, newDocumentState: contact }], 'contacts')).body).toEqual([]);
    await stream.readUntil(3);
    expect(stream.events.slice(1)).toEqual([
      { collection: 'accounts', documents: [expect.objectContaining({ id: 'multi-account' })], checkpoint: { seq: expect.anything(), scope: expect.any(String) } },
      { collection: 'contacts', documents: [expect.objectContaining({ id: 'multi-contact' })], checkpoint: { seq: expect.anything(), scope: expect.any(String) } },
    ]);
    stream.close();
  });

  it('sends only the changes the user may read, and nothing of collections it does not follow', async () => {
    const stream = await openStream(team.repA.token, 'accounts,contacts');
    await stream.readUntil(1);
    const clock = new HybridLogicalClock('streamnode2');
    await push(team.repB, [{ assumedMasterState: null, newDocumentState: syncedDoc('live-foreign', team.repB) }]);
    await push(team.repB, [{ assumedMasterState: null, newDocumentState: { ...contactFixture('live-foreign-contact', 'live-foreign', team.repB, clock), _deleted: false } }], 'contacts');
    await push(team.repA, [{ assumedMasterState: null, newDocumentState: { ...activityFixture('live-activity', 'live-mine', team.repA, clock), _deleted: false } }], 'activities');
    await push(team.repA, [{ assumedMasterState: null, newDocumentState: syncedDoc('live-mine', team.repA) }]);
    await stream.readUntil(2);
    expect(stream.events[1]).toMatchObject({ collection: 'accounts', documents: [{ id: 'live-mine' }] });
    stream.close();
  });

  it('refuses a stream without collections, with an unknown collection, or without a token', async () => {
    const missing = await api(t.server, 'GET', '/sync/stream', { token: team.repA.token });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatch(/collections/);
    const unknown = await api(t.server, 'GET', '/sync/stream?collections=accounts,users', { token: team.repA.token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/"users"/);
    expect((await api(t.server, 'GET', '/sync/stream?collections=accounts')).status).toBe(401);
  });
});
