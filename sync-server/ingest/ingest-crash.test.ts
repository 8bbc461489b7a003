import { join } from 'node:path';
import PouchDB from 'pouchdb-node';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerProcesses } from '../testing/server-processes';
import { ADMIN, api, login, pullAll, seedTeams, syncedDoc } from '../testing/test-server';
import { eventually } from '../testing/test-replicas';

const processes = new ServerProcesses();
afterAll(() => processes.cleanUp());

describe('ingestion server killed with SIGKILL in the middle of batches', () => {
  it('loses no acknowledged event: every one is in the log after the restart, and the usage counts each logged event once', async () => {
    const dataDir = processes.newDataDir('outpost-ingest-crash-');
    let { child, server } = await processes.start(dataDir);
    const team = await seedTeams(server);
    await api(server, 'POST', '/sync/accounts/push', { token: team.repA.token, body: [{ newDocumentState: syncedDoc('acc-1', team.repA, { externalId: 'SF-001' }) }] });
    const admin = (await login(server, ADMIN.email, ADMIN.password)).accessToken;
    const { key } = (await api(server, 'POST', '/admin/write-keys', { token: admin, body: { teamId: team.repA.teamId, name: 'crash' } })).body;
    const auth = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

    const acknowledged = new Set<string>();
    let stop = false;
    let inFlight = 0;
    const writer = async (lane: number) => {
      for (let batch = 0; !stop; batch++) {
        const events = Array.from({ length: 50 }, (_, i) => ({
          type: 'track', messageId: `l${lane}-b${batch}-e${i}`, userId: `u-${i % 7}`, event: 'Dashboard Viewed', timestamp: '2026-06-03T10:00:00.000Z', context: { groupId: 'SF-001' },
        }));
        inFlight += 1;
        const response = await fetch(`${server.url}/v1/batch`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ batch: events }) }).catch(() => null);
        inFlight -= 1;
        if (!response || response.status !== 200) return;
        const body = (await response.json().catch(() => null)) as { errors: { messageId?: string }[] } | null;
        if (!body) return;
        const failed = new Set(body.errors.map((e) => e.messageId));
        for (const e of events) if (!failed.has(e.messageId)) acknowledged.add(e.messageId);
      }
    };
    const writers = [writer(0), writer(1)];
    await eventually(async () => acknowledged.size >= 300, 'several batches to be acknowledged', 30_000);
    await eventually(async () => inFlight > 0, 'a batch in flight');
    await processes.kill(child);
    stop = true;
    await Promise.all(writers);
    const acked = [...acknowledged];
    expect(acked.length).toBeGreaterThanOrEqual(300);

    ({ child, server } = await processes.start(dataDir, server.port));
    // Events acknowledged but not yet rolled up are rolled up after the restart, from the rollup's checkpoint.
    const adminAfter = (await login(server, ADMIN.email, ADMIN.password)).accessToken;
    await eventually(async () => (await api(server, 'GET', '/admin/ingest/rollup', { token: adminAfter })).body.caughtUp === true, 'the rollup to catch up', 30_000);
    const [june] = (await pullAll(server, team.repA, 'usage')).filter((d) => d.accountId === 'acc-1');
    await processes.kill(child);

    const log = new PouchDB<{ event: { messageId: string } }>(join(dataDir, 'ingest-events'));
    const stored = new Set((await log.allDocs({ include_docs: true })).rows.map((r) => r.doc!.event.messageId));
    await log.close();
    // Every event in the log counted exactly once: none lost, none counted twice across the kill.
    expect(june?.featureEvents?.dashboards).toBe(stored.size);
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
  }, 90_000);
});
