import { Analytics } from '@segment/analytics-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, api, login, pullAll, seedTeams, startTestServer, syncedDoc, type Member, type TestServer } from '../testing/test-server';
import { eventually } from '../testing/test-replicas';
import { startWithOneAccount } from '../testing/ingest-book';

let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
let adminToken: string;

beforeEach(async () => {
  ({ t, team, adminToken } = await startWithOneAccount());
});
afterEach(async () => {
  await t.stop();
});

async function writeKey(teamId: string, token = adminToken) {
  return api(t.server, 'POST', '/admin/write-keys', { token, body: { teamId, name: 'Product events' } });
}

function basic(key: string): string {
  return `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
}

async function send(path: string, key: string, body: unknown) {
  const response = await fetch(`${t.server.url}${path}`, { method: 'POST', headers: { authorization: basic(key), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

async function usageOf(member: Member, accountId: string) {
  return (await pullAll(t.server, member, 'usage')).filter((d) => d.accountId === accountId);
}

describe('write keys (Admin API)', () => {
  it('only an Admin creates, lists and revokes them; the key is shown once and a revoked key is refused', async () => {
    expect((await writeKey(team.repA.teamId, team.managerA.token)).status).toBe(403);
    const created = await writeKey(team.repA.teamId);
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^wk_[0-9a-f]{12}_/);
    const listed = await api(t.server, 'GET', '/admin/write-keys', { token: adminToken });
    expect(listed.body.keys).toEqual([expect.objectContaining({ id: created.body.id, teamId: team.repA.teamId })]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    expect((await send('/v1/track', created.body.key, { userId: 'u1', event: 'Dashboard Viewed', context: { groupId: 'SF-001' } })).status).toBe(200);
    expect((await api(t.server, 'POST', `/admin/write-keys/${created.body.id}/revoke`, { token: adminToken })).status).toBe(200);
    const refused = await send('/v1/track', created.body.key, { userId: 'u1', event: 'Dashboard Viewed', context: { groupId: 'SF-001' } });
    expect(refused.status).toBe(401);
    expect((await send('/v1/track', 'wk_000000000000_nope', { userId: 'u1', event: 'x' })).status).toBe(401);
  });
});

describe('Segment-compatible ingestion', () => {
  it('takes events from the real Segment Node client and rolls them up into the usage the owner pulls', async () => {
    const { key } = (await writeKey(team.repA.teamId)).body;
    const analytics = new Analytics({ writeKey: key, host: t.server.url, path: '/v1/batch', flushAt: 10, flushInterval: 50, maxRetries: 0 });
    const day = '2026-06-01T10:00:00.000Z';
    analytics.group({ userId: 'u-3', groupId: 'SF-001' });
    analytics.track({ userId: 'u-1', event: 'Dashboard Viewed', timestamp: day, context: { groupId: 'SF-001' } as never });
    analytics.track({ userId: 'u-2', event: 'Dashboard Viewed', timestamp: day, context: { groupId: 'SF-001' } as never });
    analytics.track({ userId: 'u-1', event: 'Report Exported', timestamp: day, context: { groupId: 'SF-001' } as never });
    await analytics.closeAndFlush({ timeout: 10_000 });
    // Acknowledged once in the log; the rollup into usage follows.
    await eventually(async () => (await usageOf(team.repA, 'acc-1'))[0]?.featureEvents?.reports === 1, 'the usage rollup');
    const [june] = await usageOf(team.repA, 'acc-1');
    expect(june).toMatchObject({ id: 'acc-1:2026-06', ownerId: team.repA.id, teamId: team.repA.teamId, featureEvents: { dashboards: 2, reports: 1 } });
    expect(june.activeUsers[0]).toBe(2);
    // Another team's rep sees none of it.
    expect(await usageOf(team.repB, 'acc-1')).toEqual([]);
  });

  it('answers a batch with per-event errors, keeps the good events, and holds events for unknown accounts for Admins', async () => {
    const { key } = (await writeKey(team.repA.teamId)).body;
    const answer = await send('/v1/batch', key, {
      batch: [
        { type: 'track', messageId: 'm-1', userId: 'u-1', event: 'API Request', timestamp: '2026-06-02T08:00:00Z', properties: { accountId: 'SF-001', count: 5 } },
        { type: 'track', messageId: 'm-2', userId: 'u-1', timestamp: '2026-06-02T08:00:00Z' },
        { type: 'page', messageId: 'm-3', userId: 'u-1' },
        { type: 'track', messageId: 'm-4', anonymousId: 'a-9', event: 'Dashboard Viewed', timestamp: '2026-06-02T08:00:00Z', context: { groupId: 'SF-404' } },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ success: false, accepted: 2 });
    expect(answer.body.errors).toEqual([
      { index: 1, messageId: 'm-2', error: expect.stringMatching(/^event:/) },
      { index: 2, error: 'type: must be track, identify or group, not "page"' },
    ]);
    await eventually(async () => (await usageOf(team.repA, 'acc-1'))[0]?.featureEvents?.api === 5, 'the usage rollup');
    expect((await api(t.server, 'GET', '/admin/ingest/held', { token: team.managerA.token })).status).toBe(403);
    const heldEvents = async () => (await api(t.server, 'GET', '/admin/ingest/held', { token: adminToken })).body.events as unknown[];
    await eventually(async () => (await heldEvents()).length === 1, 'the event for an unknown account to be held');
    const held = { body: { events: await heldEvents() } };
    expect(held.body.events).toEqual([expect.objectContaining({ messageId: 'm-4', accountKey: 'SF-404', teamId: team.repA.teamId, reason: expect.stringContaining('no account') })]);
    // A retried message is stored once: after it, a new event is rolled up (the rollup takes events in order) and the
    // retried one added nothing.
    await send('/v1/batch', key, { batch: [{ type: 'track', messageId: 'm-1', userId: 'u-1', event: 'API Request', timestamp: '2026-06-02T08:00:00Z', properties: { accountId: 'SF-001', count: 5 } }] });
    await send('/v1/track', key, { messageId: 'm-5', userId: 'u-1', event: 'SSO Login', timestamp: '2026-06-02T09:00:00Z', context: { groupId: 'SF-001' } });
    await eventually(async () => (await usageOf(team.repA, 'acc-1'))[0]?.featureEvents?.sso === 1, 'the later event');
    expect((await usageOf(team.repA, 'acc-1'))[0].featureEvents).toEqual({ api: 5, sso: 1 });
  });

  it('keeps two teams\' accounts of one id apart: each team\'s events count in its own usage only', async () => {
    // Team B has its own account "acc-1" (per-team id spaces), with the same external id.
    const theirs = await api(t.server, 'POST', '/sync/accounts/push', { token: team.repB.token, body: [{ newDocumentState: syncedDoc('acc-1', team.repB, { externalId: 'SF-001' }) }] });
    expect(theirs).toMatchObject({ status: 200, body: [] });
    const keyA = (await writeKey(team.repA.teamId)).body.key;
    const keyB = (await writeKey(team.repB.teamId)).body.key;
    const at = '2026-06-04T08:00:00Z';
    await send('/v1/batch', keyA, { batch: [1, 2].map((n) => ({ type: 'track', messageId: `a-${n}`, userId: `ua-${n}`, event: 'API Request', timestamp: at, properties: { accountId: 'SF-001', count: 2 } })) });
    await send('/v1/batch', keyB, { batch: [1, 2, 3].map((n) => ({ type: 'track', messageId: `b-${n}`, userId: `ub-${n}`, event: 'Report Exported', timestamp: at, properties: { accountId: 'SF-001' } })) });
    await eventually(async () => (await usageOf(team.repA, 'acc-1'))[0]?.featureEvents?.api === 4 && (await usageOf(team.repB, 'acc-1'))[0]?.featureEvents?.reports === 3, 'both rollups');
    const [ours] = await usageOf(team.repA, 'acc-1');
    const [other] = await usageOf(team.repB, 'acc-1');
    expect(ours).toMatchObject({ teamId: team.repA.teamId, featureEvents: { api: 4 } });
    expect(ours.activeUsers[3]).toBe(2);
    expect(other).toMatchObject({ teamId: team.repB.teamId, featureEvents: { reports: 3 } });
    expect(other.activeUsers[3]).toBe(3);
  });

  it('rate limits per write key with RATE001', async () => {
    await t.stop();
    t = await startTestServer({ rateLimit: { burst: 2, perSecond: 0.01 } });
    const admin = (await login(t.server, ADMIN.email, ADMIN.password)).accessToken;
    const teamId = (await api(t.server, 'POST', '/admin/teams', { token: admin, body: { name: 'T' } })).body.id;
    const { key } = (await api(t.server, 'POST', '/admin/write-keys', { token: admin, body: { teamId, name: 'k' } })).body;
    const statuses: number[] = [];
    let last: any;
    for (let i = 0; i < 3; i += 1) {
      last = await send('/v1/identify', key, { userId: `u-${i}` });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(last.body.code).toBe('RATE001');
  });
});
