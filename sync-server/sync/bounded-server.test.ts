import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import PouchDB from 'pouchdb-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { stampNew } from '../../common/db/stamp-writes';
import { TEAM_SETTING_KINDS } from '../../common/model';
import { startSyncServer } from '../server';
import { ADMIN, api, login, pullAll, seedTeams, startTestServer, syncedDoc, type Member, type TestServer } from '../testing/test-server';
import { openStream } from '../testing/stream-reader';

// Finding 5 (medium): id squatting, invented fieldHistory evicting the real one, unbounded stream memory, deep JSON
// giving a 500, TOTP secrets in plain text, an audit log anyone with the data folder could rewrite.
let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
const clock = new HybridLogicalClock('bounded');

beforeAll(async () => {
  t = await startTestServer({ maxStreamsPerUser: 2 });
  team = await seedTeams(t.server);
});
afterAll(() => t.stop());

const push = (member: Member, collection: string, doc: object, assumed: object | null = null) =>
  api(t.server, 'POST', `/sync/${collection}/push`, { token: member.token, body: [{ assumedMasterState: assumed, newDocumentState: { ...doc, _deleted: false } }] });

/** Every file under a directory, read as latin1 text (LevelDB logs and tables hold values verbatim or snappy-literal). */
function folderText(dir: string): string {
  let text = '';
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    text += statSync(path).isDirectory() ? folderText(path) : readFileSync(path, 'latin1');
  }
  return text;
}

describe('a bounded, tamper-evident server', () => {
  it('answers JSON nested 5,000 levels deep with a 400, not a crash', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const setting = stampNew({ id: `${team.managerA.teamId}:model`, ownerId: team.managerA.id, teamId: team.managerA.teamId, kind: TEAM_SETTING_KINDS[0], value: {}, updatedBy: 'm' }, clock);
    const body = JSON.stringify([{ assumedMasterState: null, newDocumentState: { ...setting, _deleted: false } }]).replace('"value":{}', `"value":${deep}`);
    const response = await api(t.server, 'POST', '/sync/teamsettings/push', { token: team.managerA.token, rawBody: body });
    expect(response).toMatchObject({ status: 400, body: { code: 'REQ001' } });
    expect(response.body.error).toMatch(/deeper/);
  });

  it('does not let one team create ids that belong to another team', async () => {
    const squat = stampNew({ id: `${team.repB.teamId}:model`, ownerId: team.managerA.id, teamId: team.managerA.teamId, kind: TEAM_SETTING_KINDS[0], value: {}, updatedBy: 'm' }, clock);
    const response = await push(team.managerA, 'teamsettings', squat);
    expect(response.status).toBe(200);
    expect(response.body[0]).toMatchObject({ _deleted: true });
    expect(response.headers.get('x-outpost-refused')).toContain(encodeURIComponent(squat.id));
    // Team B's admin-made setting with its own id is still possible.
    const admin = await login(t.server, ADMIN.email, ADMIN.password);
    const own = stampNew({ id: `${team.repB.teamId}:model`, ownerId: team.repB.id, teamId: team.repB.teamId, kind: TEAM_SETTING_KINDS[0], value: {}, updatedBy: 'a' }, clock);
    const ok = await api(t.server, 'POST', '/sync/teamsettings/push', { token: admin.accessToken, body: [{ assumedMasterState: null, newDocumentState: { ...own, _deleted: false } }] });
    expect(ok.body).toEqual([]);
  });

  it('keeps fieldHistory server-written: 50 invented entries do not evict the real one', async () => {
    const account = syncedDoc('history-acc', team.repA);
    expect((await push(team.repA, 'accounts', account)).status).toBe(200);
    // A real concurrent loss: two edits of the same field from the same base.
    const base = (await pullAll(t.server, team.repA)).find((doc) => doc.id === 'history-acc');
    const edit = (value: string, node: string) => {
      const at = new HybridLogicalClock(node).now();
      return { ...base, name: value, updatedAt: at, fieldStamps: { ...base.fieldStamps, name: at } };
    };
    await push(team.repA, 'accounts', edit('First', 'nodea'), base);
    await push(team.managerA, 'accounts', edit('Second', 'nodeb'), base);
    const merged = (await pullAll(t.server, team.repA)).find((doc) => doc.id === 'history-acc');
    expect(merged.fieldHistory.length).toBeGreaterThanOrEqual(1);
    const real = merged.fieldHistory[0];

    const invented = Array.from({ length: 50 }, (_, i) => ({
      field: 'mrr', value: i, stamp: `1999999999${String(i).padStart(3, '0')}-0000-evil`, supersededBy: '1999999999999-0000-evil', recordedAt: '2030-01-01T00:00:00.000Z',
    }));
    const at = new HybridLogicalClock('evil').now();
    await push(team.repA, 'accounts', { ...merged, fieldHistory: invented, mrr: 7, updatedAt: at, fieldStamps: { ...merged.fieldStamps, mrr: at } }, merged);
    const after = (await pullAll(t.server, team.repA)).find((doc) => doc.id === 'history-acc');
    expect(after.mrr).toBe(7);
    expect(after.fieldHistory).toContainEqual(real);
    expect(after.fieldHistory.some((entry: { stamp: string }) => entry.stamp.endsWith('-evil'))).toBe(false);
  });

  it('caps the live streams one person holds open', async () => {
    const first = await openStream(t.server, team.viewerA.token);
    const second = await openStream(t.server, team.viewerA.token);
    const third = await fetch(`${t.server.url}/sync/stream?collections=accounts`, { headers: { authorization: `Bearer ${team.viewerA.token}` } });
    expect(third.status).toBe(429);
    first.close();
    second.close();
    await Promise.all([first.ended, second.ended]);
  });

  it('keeps TOTP secrets encrypted in the data folder', async () => {
    const enrol = await api(t.server, 'POST', '/auth/totp/enrol', { token: team.repB.token });
    expect(enrol.status).toBe(200);
    const secret: string = enrol.body.secret;
    expect(folderText(t.dataDir)).not.toContain(secret);
    expect((await t.server.users.getUser(team.repB.id))?.secondFactor?.secret).toMatch(/^enc1:/);
  });
});

describe('the audit log', () => {
  it('detects an entry edited in the data folder, on start and on demand', async () => {
    const own = await startTestServer();
    const dataDir = own.dataDir;
    await login(own.server, ADMIN.email, ADMIN.password);
    await login(own.server, ADMIN.email, ADMIN.password);
    const admin = await login(own.server, ADMIN.email, ADMIN.password);
    const clean = await api(own.server, 'GET', '/admin/audit/verify', { token: admin.accessToken });
    expect(clean.body).toMatchObject({ ok: true });
    await own.server.close();

    // Someone with the data folder rewrites who signed in.
    const db = new PouchDB<any>(join(dataDir, 'audit'));
    const entry = (await db.allDocs({ include_docs: true })).rows.map((row) => row.doc).find((doc) => doc.action === 'sign-in');
    await db.put({ ...entry, actorId: 'someone-else' });
    await db.close();

    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(' '));
    const restarted = await startSyncServer({ dataDir, admin: ADMIN, signInRateLimit: { burst: 100, perSecond: 100 } });
    console.error = original;
    try {
      expect(errors.join('\n')).toMatch(/AUDIT LOG TAMPERED: entry \d+ was changed/);
      const token = (await login(restarted, ADMIN.email, ADMIN.password)).accessToken;
      const check = await api(restarted, 'GET', '/admin/audit/verify', { token });
      expect(check.body).toMatchObject({ ok: false, brokenAt: entry.seq });
      const listed = await fetch(`${restarted.url}/admin/audit?action=sign-in&format=csv`, { headers: { authorization: `Bearer ${token}` } });
      expect(listed.status).toBe(200);
      expect(listed.headers.get('content-type')).toMatch(/text\/csv/);
      expect((await listed.text()).split('\r\n')[0]).toBe('seq,at,action,actorId,detail,hash');
    } finally {
      await restarted.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}.key`, { force: true });
    }
  });

  it('records a push before acknowledging it', async () => {
    const response = await push(team.repA, 'accounts', syncedDoc('audited-before', team.repA));
    expect(response.status).toBe(200);
    const entries = await t.server.auditEntries();
    const intent = entries.find((entry) => entry.action === 'write-intent' && (entry.detail['ids'] as string[]).includes('audited-before'));
    const write = entries.find((entry) => entry.action === 'write' && entry.detail['id'] === 'audited-before');
    expect(intent && write && intent.seq < write.seq).toBe(true);
  });
});
