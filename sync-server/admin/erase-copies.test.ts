import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { HybridLogicalClock } from '../../common/clock/hlc';
import type { OutpostDatabase } from '../../common/db/create-database';
import { PLAYBOOK_TEMPLATES } from '../../common/playbooks/playbook-templates';
import { readPlaybookFromDoc, writePlaybookToDoc } from '../../common/playbooks/playbook-ydoc';
import { taskFixture } from '../../common/playbooks/testing/playbook-fixtures';
import { withTokenHandshake } from '../../common/sync/notes-handshake';
import { SYNCED_COLLECTIONS } from '../../common/sync/synced-collections';
import { leveldbFolderText } from '../testing/leveldb-files';
import { accountFixture, activityFixture, alertFixture, contactFixture, eventually, openReplica, syncReplica } from '../testing/test-replicas';
import { ADMIN, api, login, PASSWORD, pullAll, seedTeams, startTestServer, type Member, type TestServer } from '../testing/test-server';

// Finding 7, the part left open: erasing a contact or a person left their name and email in every other document
// that had copied them (activity subjects and bodies, meeting attendees, task titles, comments and mailto links,
// alerts, assignee and actor names, notes), in those documents' departed tombstones, and so on every replica.
let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
let adminToken: string;
let stopped = false;
const clock = new HybridLogicalClock('erasecopies');
const replicas: OutpostDatabase[] = [];
const replications: { cancel(): Promise<unknown> }[] = [];

beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
  adminToken = (await login(t.server, ADMIN.email, ADMIN.password)).accessToken;
});
afterAll(async () => {
  for (const replication of replications) await replication.cancel();
  for (const replica of replicas) await replica.close();
  if (!stopped) await t.server.close();
  rmSync(t.dataDir, { recursive: true, force: true });
  rmSync(`${t.dataDir}.key`, { force: true });
});

const push = async (member: Member, collection: string, doc: object, deleted = false) => {
  const response = await api(t.server, 'POST', `/sync/${collection}/push`, { token: member.token, body: [{ assumedMasterState: null, newDocumentState: { ...doc, _deleted: deleted } }] });
  expect(response).toMatchObject({ status: 200, body: [] });
};

/** Everything `member` pulls, from every synced collection, as one lower-cased text. */
async function pulledText(member: Member): Promise<string> {
  let text = '';
  for (const collection of SYNCED_COLLECTIONS) text += JSON.stringify(await pullAll(t.server, member, collection));
  return text.toLowerCase();
}

/** A Yjs room (notes of an account, or a playbook being co-edited) joined as `member`, synced. */
async function joinRoom(path: 'notes' | 'playbooks', room: string, member: Member) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${t.server.url.replace(/^http/, 'ws')}/yjs/${path}`, room, doc, {
    WebSocketPolyfill: withTokenHandshake(WebSocket, () => member.token) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await eventually(async () => provider.synced, `${path} sync`);
  return { doc, leave: () => (provider.destroy(), doc.destroy()) };
}

async function writeNote(accountId: string, member: Member, text: string): Promise<void> {
  const { doc, leave } = await joinRoom('notes', accountId, member);
  doc.getText('notes').insert(0, text);
  await eventually(async () => (await noteText(accountId)).includes(text), 'the note on the server');
  leave();
}

async function noteText(accountId: string): Promise<string> {
  const exported = await api(t.server, 'GET', `/admin/privacy/export?subject=account:${accountId}`, { token: adminToken });
  return String(exported.body.notes ?? '');
}

const found = (text: string, values: string[]) => values.filter((value) => text.includes(value.toLowerCase()));

const meeting = (id: string, accountId: string, owner: Member, attendees: { name: string; email: string; contactId?: string }[]) => ({
  ...activityFixture(id, accountId, owner, clock),
  type: 'meeting' as const,
  subject: 'QBR',
  schedule: { meetingType: 'qbr', start: '2026-07-01T10:00:00.000Z', end: '2026-07-01T11:00:00.000Z', timeZone: 'Europe/Berlin', attendees, status: 'booked', editedAt: '2026-06-01T00:00:00.000Z' },
});

describe('erasing a contact', () => {
  const ZELDA = ['Zelda', 'Quist', 'zelda.quist@example.com'];

  it('removes her name and email from every document that copied them, on the server and on a replica', async () => {
    const { repA, repA2, managerA } = team;
    await push(repA, 'accounts', accountFixture('acc-z', repA, clock, { name: 'Brightline' }));
    await push(repA, 'accounts', accountFixture('acc-y', repA, clock, { name: 'Elsewhere' }));
    await push(repA, 'contacts', { ...contactFixture('con-z', 'acc-z', repA, clock), name: 'Zelda Quist', email: 'zelda.quist@example.com' });
    await push(repA, 'contacts', contactFixture('con-d', 'acc-z', repA, clock));
    await push(repA, 'activities', { ...activityFixture('act-call', 'acc-z', repA, clock), subject: 'Call with Zelda Quist', body: 'Zelda asked about pricing, wrote from zelda.quist@example.com' });
    await push(repA, 'activities', meeting('act-meet', 'acc-z', repA, [{ name: 'Zelda Quist', email: 'zelda.quist@example.com', contactId: 'con-z' }, { name: 'Dana Champion', email: 'dana@acme.example' }]));
    await push(repA, 'activities', { ...activityFixture('act-gone', 'acc-z', repA, clock), subject: 'Lunch with ZELDA QUIST' }, true);
    // Another account's document naming her in full.
    await push(repA, 'activities', { ...activityFixture('act-else', 'acc-y', repA, clock), body: 'Referred by Zelda Quist of Brightline' });
    await push(repA, 'tasks', taskFixture('task-z', 'acc-z', repA, clock, {
      title: 'Send Quist the deck',
      mailto: 'mailto:zelda.quist%40example.com?subject=Deck%20for%20Zelda%20Quist',
      comments: [{ by: 'Rep', at: '2026-06-02T00:00:00.000Z', text: 'Zelda prefers mornings' }],
    }));
    await push(repA, 'alerts', { ...alertFixture('acc-z', repA, clock), detail: 'Champion Zelda Quist went quiet' });
    // A title at its length limit (300): `[erased]` would not fit where "Zelda" stood, so replicas would refuse it.
    const LONG = `Ask Zelda ${'x'.repeat(290)}`;
    await push(repA, 'tasks', taskFixture('task-long', 'acc-z', repA, clock, { title: LONG }));
    // The account moves, so a departed copy of each of its documents exists too.
    expect((await api(t.server, 'PUT', '/admin/accounts/acc-z/owner', { token: adminToken, body: { ownerId: repA2.id } })).status).toBe(200);
    await writeNote('acc-z', repA2, 'Renewal in May. Zelda Quist (zelda.quist@example.com) decides.');

    // A replica of the new owner holds all of it before the erase.
    const replica = await openReplica(['accounts', 'contacts', 'activities', 'tasks', 'alerts']);
    replicas.push(replica);
    replications.push(...syncReplica(replica, t.server.url, () => repA2.token));
    const replicaText = async () => {
      let text = '';
      for (const name of ['contacts', 'activities', 'tasks', 'alerts'] as const) text += JSON.stringify(await replica[name].find().exec());
      return text.toLowerCase();
    };
    await eventually(async () => found(await replicaText(), ZELDA).length === 3 && (await replica.tasks.findOne('task-long').exec()) !== null && (await replica.alerts.findOne('risk-above:acc-z').exec()) !== null, 'the replica holding her');
    for (const member of [repA, repA2]) expect(found(await pulledText(member), ZELDA)).toEqual(ZELDA);

    const erased = await api(t.server, 'POST', '/admin/privacy/erase', { token: adminToken, body: { subject: 'contact:con-z' } });
    expect(erased.status).toBe(200);
    expect(erased.body.erased).toMatchObject({ contacts: 1 });

    // Pulls: old owner (departed scope), new owner, manager.
    for (const member of [repA, repA2, managerA]) expect(found(await pulledText(member), ZELDA)).toEqual([]);
    // What was not hers stays.
    const activities = await pullAll(t.server, repA2, 'activities');
    const call = activities.find((doc) => doc.id === 'act-call');
    expect(call).toMatchObject({ _deleted: false, body: expect.stringContaining('asked about pricing') });
    const met = activities.find((doc) => doc.id === 'act-meet');
    expect(met.schedule.attendees.map((each: { name: string }) => each.name)).toContain('Dana Champion');
    expect((await pullAll(t.server, repA2, 'contacts')).find((doc) => doc.id === 'con-d')).toMatchObject({ _deleted: false, name: 'Dana Champion' });
    expect((await pullAll(t.server, repA, 'activities')).find((doc) => doc.id === 'act-else')).toMatchObject({ _deleted: false, body: expect.stringContaining('Referred by') });
    expect((await pullAll(t.server, repA2, 'tasks')).find((doc) => doc.id === 'task-long').title).toBe(`Ask - ${'x'.repeat(290)}`);
    const note = await noteText('acc-z');
    expect(note).toContain('Renewal in May.');
    expect(found(note.toLowerCase(), ZELDA)).toEqual([]);

    // The replica takes the redaction at its next sync, and keeps what was not hers.
    await eventually(async () => found(await replicaText(), ZELDA).length === 0, 'the replica dropping her name');
    expect((await replica.activities.findOne('act-call').exec())?.body).toContain('asked about pricing');
    expect((await replica.contacts.findOne('con-d').exec())?.name).toBe('Dana Champion');
    expect((await replica.tasks.findOne('task-long').exec())?.title).toBe(`Ask - ${'x'.repeat(290)}`);
  });
});

describe('erasing a contact named in a playbook being co-edited', () => {
  const PERNILLE = ['Pernille', 'Askvik', 'pernille.askvik@example.com'];

  it('removes her name and email from the shared playbook, on the server and in an open editor', async () => {
    const { repA, managerA } = team;
    await push(repA, 'accounts', accountFixture('acc-pb', repA, clock, { name: 'Fjord Lines' }));
    await push(repA, 'contacts', { ...contactFixture('con-p', 'acc-pb', repA, clock), name: 'Pernille Askvik', email: 'pernille.askvik@example.com' });
    const editor = await joinRoom('playbooks', 'pb-fjord', managerA);
    const template = PLAYBOOK_TEMPLATES.find((each) => each.key === 'onboarding')!.build('pb-fjord');
    writePlaybookToDoc(editor.doc, {
      ...template,
      description: 'For Fjord Lines: Pernille Askvik wants weekly check-ins',
      steps: [
        ...template.steps.map((step) => (step.id === 'review' ? { ...step, next: 'tell-champion' } : step)),
        { id: 'tell-champion', type: 'notify', notify: { message: 'Tell Pernille Askvik (pernille.askvik@example.com) the review is booked' }, next: 'end' },
      ],
    } as never);
    const stored = async () => {
      const reader = await joinRoom('playbooks', 'pb-fjord', managerA);
      const playbook = readPlaybookFromDoc(reader.doc);
      reader.leave();
      return playbook;
    };
    await eventually(async () => found(JSON.stringify(await stored()).toLowerCase(), PERNILLE).length === 3, 'the playbook on the server');

    const erased = await api(t.server, 'POST', '/admin/privacy/erase', { token: adminToken, body: { subject: 'contact:con-p' } });
    expect(erased.status).toBe(200);

    const after = await stored();
    expect(found(JSON.stringify(after).toLowerCase(), PERNILLE)).toEqual([]);
    expect(after?.description).toContain('wants weekly check-ins');
    expect(after?.steps.find((step) => step.id === 'tell-champion')).toMatchObject({ notify: { message: expect.stringContaining('the review is booked') } });
    // The editor still open takes the edit like any other.
    await eventually(async () => found(JSON.stringify(readPlaybookFromDoc(editor.doc)).toLowerCase(), PERNILLE).length === 0, 'the open editor dropping her name');
    editor.leave();
  });
});

describe('erasing a person', () => {
  const OTTILIE = ['Ottilie', 'Brandvold', 'ottilie.brandvold@example.com'];

  it('removes their name and email from every document that copied them', async () => {
    const { repA, managerA } = team;
    const created = await api(t.server, 'POST', '/admin/users', {
      token: adminToken,
      body: { email: 'ottilie.brandvold@example.com', password: PASSWORD, name: 'Ottilie Brandvold', role: 'cs-rep', teamId: repA.teamId },
    });
    expect(created.status).toBe(201);
    const ottilie: Member = { id: created.body.id, teamId: repA.teamId, token: (await login(t.server, 'ottilie.brandvold@example.com', PASSWORD)).accessToken };
    await push(repA, 'accounts', accountFixture('acc-p', repA, clock, { name: 'Quarry Works' }));
    await push(repA, 'tasks', taskFixture('task-o', 'acc-p', repA, clock, {
      title: 'Ottilie: send the deck',
      assigneeId: ottilie.id,
      assigneeName: 'Ottilie Brandvold',
      comments: [{ by: 'Ottilie Brandvold', at: '2026-06-02T00:00:00.000Z', text: 'Sent, Brandvold' }],
    }));
    await push(ottilie, 'activities', { ...activityFixture('act-o', 'acc-p', ottilie, clock), actorName: 'Ottilie Brandvold', body: 'Logged by ottilie.brandvold@example.com' });
    await push(repA, 'activities', meeting('act-o-meet', 'acc-p', repA, [{ name: 'Ottilie Brandvold', email: 'ottilie.brandvold@example.com' }, { name: 'Dana Champion', email: 'dana@acme.example' }]));
    await writeNote('acc-p', repA, 'Kick-off done. Ottilie Brandvold owns the follow-up.');
    expect(found(await pulledText(repA), OTTILIE)).toEqual(OTTILIE);

    const erased = await api(t.server, 'POST', '/admin/privacy/erase', { token: adminToken, body: { subject: `person:${ottilie.id}` } });
    expect(erased).toMatchObject({ status: 200, body: { erased: { person: 1 } } });

    for (const member of [repA, managerA]) expect(found(await pulledText(member), OTTILIE)).toEqual([]);
    const task = (await pullAll(t.server, repA, 'tasks')).find((doc) => doc.id === 'task-o');
    expect(task).toMatchObject({ _deleted: false, title: expect.stringContaining('send the deck') });
    const note = await noteText('acc-p');
    expect(note).toContain('Kick-off done.');
    expect(found(note.toLowerCase(), OTTILIE)).toEqual([]);
  });
});

describe('erasing an account', () => {
  const CONTACTS = ['Hedda', 'Vantongeren', 'hedda.vantongeren@example.com', 'Ivo Marlstrand', 'ivo@marlstrand.example'];

  it('removes its contacts’ names and emails from other accounts’ documents, their history, tombstones and notes', async () => {
    const { repA, repA2, managerA } = team;
    await push(repA, 'accounts', accountFixture('acc-h', repA, clock, { name: 'Harbour Freight' }));
    await push(repA, 'contacts', { ...contactFixture('con-h', 'acc-h', repA, clock), name: 'Hedda Vantongeren', email: 'hedda.vantongeren@example.com' });
    await push(repA, 'contacts', { ...contactFixture('con-i', 'acc-h', repA, clock), name: 'Ivo Marlstrand', email: 'ivo@marlstrand.example' });
    // Another owner's account whose documents copied them.
    await push(repA2, 'accounts', accountFixture('acc-keep', repA2, clock, { name: 'Keep Co' }));
    await push(repA2, 'activities', { ...activityFixture('act-k-call', 'acc-keep', repA2, clock), subject: 'Intro from Hedda Vantongeren', body: 'Warm intro, cc hedda.vantongeren@example.com' });
    await push(repA2, 'activities', meeting('act-k-meet', 'acc-keep', repA2, [{ name: 'Hedda Vantongeren', email: 'hedda.vantongeren@example.com', contactId: 'con-h' }, { name: 'Dana Champion', email: 'dana@acme.example' }]));
    await push(repA2, 'activities', { ...activityFixture('act-k-gone', 'acc-keep', repA2, clock), subject: 'Lunch with Ivo Marlstrand' }, true);
    await push(repA2, 'tasks', taskFixture('task-k', 'acc-keep', repA2, clock, { title: 'Thank Ivo Marlstrand', mailto: 'mailto:ivo%40marlstrand.example' }));
    await push(repA2, 'alerts', { ...alertFixture('acc-keep', repA2, clock), detail: 'Ivo Marlstrand (ivo@marlstrand.example) went quiet' });
    // Two concurrent edits of one field: the losing value, naming her, is kept in the account's field history.
    const base = (await pullAll(t.server, repA2)).find((doc) => doc.id === 'acc-keep');
    const edit = (plan: string, node: string) => {
      const at = new HybridLogicalClock(node).now();
      return { ...base, plan, updatedAt: at, fieldStamps: { ...base.fieldStamps, plan: at } };
    };
    for (const [member, plan, node] of [[repA2, 'Referred by Hedda Vantongeren', 'nodea'], [managerA, 'Enterprise', 'nodeb']] as const) {
      const answer = await api(t.server, 'POST', '/sync/accounts/push', { token: member.token, body: [{ assumedMasterState: base, newDocumentState: edit(plan, node) }] });
      expect(answer.status).toBe(200);
    }
    const merged = (await pullAll(t.server, repA2)).find((doc) => doc.id === 'acc-keep');
    expect(JSON.stringify(merged.fieldHistory)).toContain('Hedda Vantongeren');
    await writeNote('acc-keep', repA2, 'Keep Co came through Hedda Vantongeren; Ivo Marlstrand signs.');
    for (const member of [repA2, managerA]) expect(found(await pulledText(member), CONTACTS)).toEqual(CONTACTS);

    const erased = await api(t.server, 'POST', '/admin/privacy/erase', { token: adminToken, body: { subject: 'account:acc-h' } });
    expect(erased.status).toBe(200);
    expect(erased.body.erased).toMatchObject({ accounts: 1, contacts: 2 });

    for (const member of [repA, repA2, managerA]) expect(found(await pulledText(member), CONTACTS)).toEqual([]);
    const activities = await pullAll(t.server, repA2, 'activities');
    expect(activities.find((doc) => doc.id === 'act-k-call')).toMatchObject({ _deleted: false, subject: expect.stringContaining('Intro from'), body: expect.stringContaining('Warm intro') });
    expect(activities.find((doc) => doc.id === 'act-k-meet').schedule.attendees.map((each: { name: string }) => each.name)).toContain('Dana Champion');
    expect((await pullAll(t.server, repA2)).find((doc) => doc.id === 'acc-keep')).toMatchObject({ _deleted: false, name: 'Keep Co' });
    const note = await noteText('acc-keep');
    expect(note).toContain('Keep Co came through');
    expect(found(note.toLowerCase(), CONTACTS)).toEqual([]);
  });
});

describe('the data folder after the erasures', () => {
  it('holds no erased name or email anywhere in its bytes', async () => {
    await t.server.close();
    stopped = true;
    const raw = leveldbFolderText(t.dataDir).toLowerCase();
    expect(raw).toContain('dana champion');
    expect(raw).toContain('asked about pricing');
    expect(found(raw, ['Zelda', 'Quist', 'zelda.quist@example.com', 'zelda.quist%40example.com', 'Ottilie', 'Brandvold', 'ottilie.brandvold@example.com', 'Hedda', 'Vantongeren', 'hedda.vantongeren', 'Marlstrand', 'Pernille', 'Askvik', 'ivo@marlstrand.example', 'ivo%40marlstrand.example'])).toEqual([]);
  });
});
