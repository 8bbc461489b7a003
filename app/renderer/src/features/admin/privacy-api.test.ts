import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, api, login, pullAll, seedTeams, startTestServer, syncedDoc, type Member, type TestServer } from '../../../../../sync-server/testing/test-server';
import { contactFixture } from '../../../../../sync-server/testing/test-replicas';
import { HybridLogicalClock } from '../../../../../common/clock/hlc';
import { AdminApiError, adminApi, exportFileName } from './admin-api';
import { describeCounts } from './PrivacySection';

// The Personal data section's client against the real server: find, preview, export, erase, and the id two teams hold.
let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
let admin: ReturnType<typeof adminApi>;
const clock = new HybridLogicalClock('privacyapi');

const push = async (member: Member, collection: string, doc: object) =>
  expect((await api(t.server, 'POST', `/sync/${collection}/push`, { token: member.token, body: [{ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } }] })).body).toEqual([]);

beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
  const token = (await login(t.server, ADMIN.email, ADMIN.password)).accessToken;
  admin = adminApi(t.server.url, async () => token);
  await push(team.repA, 'accounts', syncedDoc('pd-acc', team.repA, { name: 'Personal Data Ltd' }));
  await push(team.repA, 'contacts', { ...contactFixture('pd-con', 'pd-acc', team.repA, clock), name: 'Oona Privatt', email: 'oona@privatt.example' });
});
afterAll(() => t.stop());

describe('the Personal data section’s API client', () => {
  it('finds a contact by name, previews its erasure, exports it as JSON and CSV, and erases it', async () => {
    const { results } = await admin.privacySearch('privatt');
    expect(results).toEqual([expect.objectContaining({ subject: 'contact:pd-con', kind: 'contact', teamId: team.repA.teamId, name: 'Oona Privatt' })]);

    const preview = await admin.privacyPreview('contact:pd-con', results[0]!.teamId!);
    expect(preview).toMatchObject({ name: 'Oona Privatt', email: 'oona@privatt.example', counts: { contacts: 1 }, ownsAccounts: 0 });
    expect(describeCounts(preview.counts)).toBe('1 contact');

    const json = JSON.parse(await admin.privacyExport('contact:pd-con', 'json'));
    expect(json).toMatchObject({ subject: 'contact:pd-con', records: { contacts: [expect.objectContaining({ email: 'oona@privatt.example' })] } });
    const csv = await admin.privacyExport('contact:pd-con', 'csv', team.repA.teamId);
    expect(csv.split('\r\n')[0]).toBe('collection,id,field,value');
    expect(csv).toContain('contacts,pd-con,email,oona@privatt.example');

    expect(await admin.privacyErase('contact:pd-con', team.repA.teamId)).toMatchObject({ erased: { contacts: 1 } });
    const pulled = (await pullAll(t.server, team.repA, 'contacts')).find((doc) => doc.id === 'pd-con');
    expect(pulled).toMatchObject({ _deleted: true });
    expect(JSON.stringify(pulled)).not.toContain('Privatt');
    expect((await admin.privacySearch('privatt')).results).toEqual([]);
    const audit = await admin.audit({ action: 'erased' });
    expect(audit[0]).toMatchObject({ detail: { subject: 'contact:pd-con' } });
    expect(JSON.stringify(audit)).not.toContain('Privatt');
  });

  it('names the teams when two hold the id, and acts on the chosen team’s contact only', async () => {
    await push(team.repB, 'accounts', syncedDoc('pd-acc-b', team.repB));
    await push(team.repA, 'contacts', { ...contactFixture('pd-twin', 'pd-acc', team.repA, clock), name: 'Twin Alpha' });
    await push(team.repB, 'contacts', { ...contactFixture('pd-twin', 'pd-acc-b', team.repB, clock), name: 'Twin Beta' });
    const teams = [team.repA.teamId, team.repB.teamId].sort();
    for (const attempt of [() => admin.privacyPreview('contact:pd-twin'), () => admin.privacyExport('contact:pd-twin', 'json'), () => admin.privacyErase('contact:pd-twin')]) {
      const refused = await attempt().catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AdminApiError);
      expect(refused).toMatchObject({ status: 409, code: 'REQ005', teams });
    }
    expect(await admin.privacyPreview('contact:pd-twin', team.repB.teamId)).toMatchObject({ name: 'Twin Beta', teamId: team.repB.teamId });
    expect(await admin.privacyErase('contact:pd-twin', team.repB.teamId)).toMatchObject({ erased: { contacts: 1 } });
    expect((await pullAll(t.server, team.repB, 'contacts')).find((doc) => doc.id === 'pd-twin')).toMatchObject({ _deleted: true });
    expect((await pullAll(t.server, team.repA, 'contacts')).find((doc) => doc.id === 'pd-twin')).toMatchObject({ _deleted: false, name: 'Twin Alpha' });
  });

  it('tells a CS Manager no, with the server’s message and code', async () => {
    const manager = adminApi(t.server.url, async () => team.managerA.token);
    await expect(manager.privacyExport('contact:pd-twin', 'json', team.repA.teamId)).rejects.toMatchObject({ status: 403, message: 'Only an Admin can export or erase personal data', code: expect.any(String) });
    await expect(manager.privacySearch('twin')).rejects.toMatchObject({ status: 403 });
  });
});

describe('exportFileName', () => {
  it('names the file after the subject and the day', () => {
    const day = new Date('2026-12-06T23:30:00Z');
    expect(exportFileName('contact', 'Zoë O’Brien', day, 'json')).toBe('outpost-contact-zoe-o-brien-2026-12-06.json');
    expect(exportFileName('account', 'acc:1', day, 'csv')).toBe('outpost-account-acc-1-2026-12-06.csv');
    expect(exportFileName('person', '***', day, 'csv')).toBe('outpost-person-subject-2026-12-06.csv');
  });
});
