import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leveldbFolderText } from '../testing/leveldb-files';
import { eventually } from '../testing/test-replicas';
import { ADMIN, api, login, pullAll, seedTeams, startTestServer, syncedDoc, type TestServer } from '../testing/test-server';

// Finding 7 (erase), the ingestion part: Segment's userId is very often the person's email address. The event log
// and the distinct-users-per-day records kept it verbatim, so an erased person's address stayed in the data folder
// (and an erase of the documents could never reach it). Ingestion now keeps only a keyed hash of the user.
let t: TestServer;
let closed = false;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  if (closed) {
    rmSync(t.dataDir, { recursive: true, force: true });
    rmSync(`${t.dataDir}.key`, { force: true });
  } else await t.stop();
});

describe('ingested product events', () => {
  it('keep no user id verbatim: the data folder holds neither the address nor the anonymous id, and counts still hold', async () => {
    const team = await seedTeams(t.server);
    const admin = (await login(t.server, ADMIN.email, ADMIN.password)).accessToken;
    const pushed = await api(t.server, 'POST', '/sync/accounts/push', { token: team.repA.token, body: [{ newDocumentState: syncedDoc('acc-p', team.repA, { externalId: 'SF-777' }) }] });
    expect(pushed.status).toBe(200);
    const { key } = (await api(t.server, 'POST', '/admin/write-keys', { token: admin, body: { teamId: team.repA.teamId, name: 'Product events' } })).body;
    const day = '2026-06-03T09:00:00.000Z';
    const answer = await fetch(`${t.server.url}/v1/batch`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        batch: [
          { type: 'group', messageId: 'g-1', userId: 'wilhelmina.vos@example.com', groupId: 'SF-777' },
          { type: 'track', messageId: 't-1', userId: 'wilhelmina.vos@example.com', event: 'Report Exported', timestamp: day },
          { type: 'track', messageId: 't-2', userId: 'wilhelmina.vos@example.com', event: 'Report Exported', timestamp: day },
          { type: 'track', messageId: 't-3', anonymousId: 'anon-5f2c81d4', event: 'Report Exported', timestamp: day, context: { groupId: 'SF-777' } },
        ],
      }),
    });
    expect(answer.status).toBe(200);
    // The group call ties her later tracks to the account: still so with the user kept as a hash.
    await eventually(async () => (await pullAll(t.server, team.repA, 'usage')).find((doc) => doc.accountId === 'acc-p')?.featureEvents?.reports === 3, 'the rollup');
    const [june] = (await pullAll(t.server, team.repA, 'usage')).filter((doc) => doc.accountId === 'acc-p');
    expect(june.activeUsers[2]).toBe(2);

    await t.server.close();
    closed = true;
    const raw = leveldbFolderText(t.dataDir).toLowerCase();
    expect(raw).toContain('report exported');
    expect(raw).not.toContain('wilhelmina');
    expect(raw).not.toContain('anon-5f2c81d4');
  });
});
