import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stampNew } from '../../common/db/stamp-writes';
import { OWN_FEATURE_CAP } from '../../common/model';
import { api, pullAll, type seedTeams, type TestServer } from '../testing/test-server';
import { eventually } from '../testing/test-replicas';
import { startWithOneAccount } from '../testing/ingest-book';

let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
let adminToken: string;
let key: string;

beforeEach(async () => {
  ({ t, team, adminToken } = await startWithOneAccount());
  key = (await api(t.server, 'POST', '/admin/write-keys', { token: adminToken, body: { teamId: team.repA.teamId, name: 'Product events' } })).body.key;
});
afterEach(async () => {
  await t.stop();
});

async function send(body: unknown) {
  const response = await fetch(`${t.server.url}/v1/batch`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.status;
}

const track = (messageId: string, event: string, count: number, userId = 'u-1') => ({
  type: 'track', messageId, userId, event, timestamp: '2026-06-02T08:00:00Z', properties: { accountId: 'SF-001', count },
});
const june = async () => (await pullAll(t.server, team.repA, 'usage')).find((d) => d.id === 'acc-1:2026-06');

describe("ingestion keeps the team's own features", () => {
  it('rolls "Dashboards Shared" up as featureEvents.dashboards_shared and "Dashboard Viewed" as dashboards', async () => {
    expect(await send({ batch: [track('m-1', 'Dashboards Shared', 4), track('m-2', 'Dashboard Viewed', 3), track('m-3', 'Dashboards Shared', 1, 'u-2')] })).toBe(200);
    await eventually(async () => (await june())?.featureEvents?.dashboards_shared === 5, 'the rollup');
    expect((await june()).featureEvents).toEqual({ dashboards: 3, dashboards_shared: 5 });
    expect((await june()).activeUsers[1]).toBe(2);
  });

  it(`admits own features while the team's book holds fewer than ${OWN_FEATURE_CAP} (most events first); the others' events are acknowledged, not stored, and listed to Admins`, async () => {
    // The book already holds 23 own features, from an import on a replica (a pushed May month).
    const imported = Object.fromEntries(Array.from({ length: OWN_FEATURE_CAP - 1 }, (_, i) => [`imported_${i + 1}`, 10]));
    const may = stampNew({ id: 'acc-1:2026-05', ownerId: team.repA.id, teamId: team.repA.teamId, accountId: 'acc-1', month: '2026-05', activeUsers: Array.from({ length: 31 }, () => null), featureEvents: { api: 2, ...imported } });
    expect(await api(t.server, 'POST', '/sync/usage/push', { token: team.repA.token, body: [{ newDocumentState: { ...may, _deleted: false } }] })).toMatchObject({ status: 200, body: [] });

    expect(await send({ batch: [track('m-1', 'Gamma Thing', 5, 'u-3'), track('m-2', 'Alpha Thing', 50), track('m-3', 'Beta Thing', 20, 'u-2'), track('m-4', 'Imported 3', 7), track('m-5', 'API Call', 1)] })).toBe(200);
    const notStored = async (token = adminToken) => api(t.server, 'GET', '/admin/ingest/not-stored', { token });
    await eventually(async () => (await notStored()).body.events.length === 2, 'the rollup to set the over-the-cap events aside');
    expect((await notStored()).body.events.map((e: { messageId: string; event: string; reason: string }) => [e.messageId, e.event, e.reason]).sort()).toEqual([
      ['m-1', 'Gamma Thing', expect.stringContaining(`${OWN_FEATURE_CAP} features of its own`)],
      ['m-3', 'Beta Thing', expect.stringContaining(`${OWN_FEATURE_CAP} features of its own`)],
    ]);
    expect((await notStored(team.managerA.token)).status).toBe(403);
    await eventually(async () => (await june())?.featureEvents?.alpha_thing === 50, 'the June month');
    const month = await june();
    expect(month.featureEvents).toEqual({ alpha_thing: 50, imported_3: 7, api: 1 });
    // The users of the events not stored still count as active that day.
    expect(month.activeUsers[1]).toBe(3);

    // Later: a known own feature is still counted, a 25th name is not, however many events it has.
    expect(await send({ batch: [track('m-6', 'Alpha Thing', 2), track('m-7', 'Delta Thing', 9000)] })).toBe(200);
    await eventually(async () => (await june())?.featureEvents?.alpha_thing === 52, 'the later rollup');
    await eventually(async () => (await notStored()).body.events.length === 3, 'the 25th name set aside');
    expect((await june()).featureEvents['delta_thing']).toBeUndefined();
  });
});
