import { readdirSync, rmSync, statSync } from 'node:fs';
import PouchDB from 'pouchdb-node';
import { LeveldbPersistence } from 'y-leveldb';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { withTokenHandshake } from '../../common/sync/notes-handshake';
import { ADMIN, api, login, pullAll, seedTeams, startTestServer, type Member, type TestServer } from '../testing/test-server';
import { accountFixture, activityFixture, contactFixture, eventually } from '../testing/test-replicas';
import { leveldbFolderText } from '../testing/leveldb-files';

// Finding 7: no erase or export of a person's or an account's data; a "deleted" contact kept name and email in its
// tombstone and in departed copies.
let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
let adminToken: string;
const clock = new HybridLogicalClock('privacy');
const SECRETS = ['Zelda Quixote', 'zelda.quixote@secret.example', 'Quixote Holdings', 'Talked about Zelda divorce', 'Zelda private note'];

beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
  adminToken = (await login(t.server, ADMIN.email, ADMIN.password)).accessToken;
});
let stopped = false;
afterAll(async () => {
  if (!stopped) await t.server.close();
  rmSync(t.dataDir, { recursive: true, force: true });
  rmSync(`${t.dataDir}.key`, { force: true });
});

const push = (member: Member, collection: string, doc: object) =>
  api(t.server, 'POST', `/sync/${collection}/push`, { token: member.token, body: [{ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } }] });

describe('export and erase of an account', () => {
  it('exports everything held as JSON and CSV, then erases it everywhere on the server', async () => {
    expect((await push(team.repA, 'accounts', accountFixture('gdpr-acc', team.repA, clock, { name: 'Quixote Holdings' }))).status).toBe(200);
    // Not erased: the raw scan must still find it (the scan reads what it should).
    expect((await push(team.repA, 'accounts', accountFixture('kept-acc', team.repA, clock))).status).toBe(200);
    const contact = { ...contactFixture('gdpr-con', 'gdpr-acc', team.repA, clock), name: 'Zelda Quixote', email: 'zelda.quixote@secret.example' };
    expect((await push(team.repA, 'contacts', contact)).status).toBe(200);
    const activity = { ...activityFixture('gdpr-act', 'gdpr-acc', team.repA, clock), body: 'Talked about Zelda divorce' };
    expect((await push(team.repA, 'activities', activity)).status).toBe(200);
    // The account moves once, so a departed copy of everything exists too.
    expect((await api(t.server, 'PUT', '/admin/accounts/gdpr-acc/owner', { token: adminToken, body: { ownerId: team.repA2.id } })).status).toBe(200);

    // A shared note.
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${t.server.url.replace(/^http/, 'ws')}/yjs/notes`, 'gdpr-acc', doc, {
      WebSocketPolyfill: withTokenHandshake(WebSocket, () => team.repA2.token) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    await eventually(async () => provider.synced, 'notes sync');
    doc.getText('notes').insert(0, 'Zelda private note');
    await eventually(async () => (await api(t.server, 'GET', '/admin/privacy/export?subject=account:gdpr-acc', { token: adminToken })).body.notes === 'Zelda private note', 'the note on the server');
    provider.destroy();

    const json = await api(t.server, 'GET', '/admin/privacy/export?subject=account:gdpr-acc', { token: adminToken });
    expect(json.status).toBe(200);
    expect(Object.keys(json.body.records).sort()).toEqual(['accounts', 'activities', 'contacts']);
    for (const secret of SECRETS) expect(JSON.stringify(json.body)).toContain(secret);
    const csv = await fetch(`${t.server.url}/admin/privacy/export?subject=account:gdpr-acc&format=csv`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const csvText = await csv.text();
    expect(csvText.split('\r\n')[0]).toBe('collection,id,field,value');
    expect(csvText).toContain('zelda.quixote@secret.example');
    // Only an Admin.
    expect((await api(t.server, 'GET', '/admin/privacy/export?subject=account:gdpr-acc', { token: team.managerA.token })).status).toBe(403);

    const erased = await api(t.server, 'POST', '/admin/privacy/erase', { token: adminToken, body: { subject: 'account:gdpr-acc' } });
    expect(erased).toMatchObject({ status: 200, body: { erased: { accounts: 1, contacts: 1, activities: 1 } } });

    // Replicas take redacted tombstones at their next sync: old owner (departed scope) and new owner alike.
    for (const member of [team.repA, team.repA2, team.managerA]) {
      for (const collection of ['accounts', 'contacts', 'activities']) {
        const docs = (await pullAll(t.server, member, collection)).filter((each) => each.id.startsWith('gdpr-'));
        for (const each of docs) expect(each._deleted).toBe(true);
        for (const secret of SECRETS) expect(JSON.stringify(docs)).not.toContain(secret);
      }
    }
    expect((await api(t.server, 'GET', '/admin/privacy/export?subject=account:gdpr-acc', { token: adminToken })).body.notes ?? '').toBe('');

    // The audit log records both, without the data.
    const entries = await t.server.auditEntries();
    expect(entries.some((entry) => entry.action === 'erased' && entry.detail['subject'] === 'account:gdpr-acc')).toBe(true);
    for (const secret of SECRETS) expect(JSON.stringify(entries)).not.toContain(secret);
  });

  it('leaves no erased value in any stored document, revision, change or note', async () => {
    // Every database the server keeps, read through PouchDB after the server stopped: every document, every revision
    // it still has a body for, the whole changes feed.
    await t.server.close();
    stopped = true;
    let text = '';
    for (const name of readdirSync(t.dataDir).filter((entry) => statSync(join(t.dataDir, entry)).isDirectory() && entry !== 'yjs-notes')) {
      const db = new PouchDB<any>(join(t.dataDir, name));
      const all = await db.allDocs({ include_docs: true });
      for (const row of all.rows) {
        text += JSON.stringify(row.doc);
        const revisions = await db.get(row.id, { revs: true, open_revs: 'all' }).catch(() => []);
        text += JSON.stringify(revisions);
        const history = (revisions as { ok?: { _revisions?: { start: number; ids: string[] } } }[])[0]?.ok?._revisions;
        for (const [index, revId] of (history?.ids ?? []).entries()) {
          const old = await db.get(row.id, { rev: `${history!.start - index}-${revId}` }).catch(() => null);
          text += JSON.stringify(old);
        }
      }
      text += JSON.stringify(await db.changes({ include_docs: true, style: 'all_docs' }));
      await db.close();
    }
    const notes = new LeveldbPersistence(join(t.dataDir, 'yjs-notes'));
    const noteDoc = await notes.getYDoc('notes/gdpr-acc');
    text += noteDoc.getText('notes').toString();
    await notes.destroy();
    expect(text).toContain('gdpr-con');
    expect(SECRETS.filter((secret) => text.includes(secret))).toEqual([]);
  });

  it('leaves no erased value in the bytes of the data folder (logs, tables, superseded values)', () => {
    // What anyone with the data folder could read: LevelDB keeps overwritten and deleted values in its log and table
    // files until a compaction drops them, so erase must compact them away, not only write redacted documents.
    const raw = leveldbFolderText(t.dataDir);
    expect(raw).toContain('gdpr-con');
    expect(raw).toContain('Account kept-acc');
    expect(SECRETS.filter((secret) => raw.includes(secret))).toEqual([]);
  });
});
