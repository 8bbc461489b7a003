import { afterAll, describe, expect, it } from 'vitest';
import { ServerProcesses } from '../testing/server-processes';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { stampChanges } from '../../common/db/stamp-writes';
import { SyncStatusTracker } from '../../common/sync/sync-status';
import { ADMIN, api, pullAll, seedTeams, syncedDoc } from '../testing/test-server';
import { accountFixture, eventually, openReplica, syncReplica } from '../testing/test-replicas';

const processes = new ServerProcesses();
afterAll(() => processes.cleanUp());

describe('server killed with SIGKILL in the middle of pushes', () => {
  it('loses no acknowledged write, and a replica’s unacknowledged ones arrive after the restart', async () => {
    const dataDir = processes.newDataDir('outpost-crash-');
    let { child, server } = await processes.start(dataDir);
    const team = await seedTeams(server);

    // A live replica keeps writing through the crash.
    const laptop = await openReplica(['accounts']);
    const clock = new HybridLogicalClock('crashlaptop');
    const status = new SyncStatusTracker();
    const syncs = syncReplica(laptop, server.url, () => team.repA.token, { status });

    // Meanwhile a hand-written client pushes batches (new documents and edits of earlier ones), noting what the
    // server acknowledged: a 200 whose answer lists no conflict for the row.
    const acknowledged = new Map<string, { updatedAt: string; mrr: number }>();
    const latest = new Map<string, ReturnType<typeof syncedDoc>>();
    let stop = false;
    let inFlightAtKill = 0;
    const writer = (async () => {
      for (let batch = 0; !stop; batch++) {
        const rows = Array.from({ length: 50 }, (_, i) => {
          const id = `crash-${(batch * 50 + i) % 400}`;
          const before = latest.get(id) ?? null;
          const next = before
            ? { ...before, ...stampChanges(before.fieldStamps, { mrr: before.mrr + 1 }, clock) }
            : syncedDoc(id, team.repA, { mrr: 1 });
          return { assumedMasterState: before, newDocumentState: next };
        });
        inFlightAtKill += 1;
        const response = await api(server, 'POST', '/sync/accounts/push', { token: team.repA.token, body: rows }).catch(() => null);
        inFlightAtKill -= 1;
        if (!response || response.status !== 200) return;
        const conflicted = new Set((response.body as { id: string }[]).map((doc) => doc.id));
        for (const row of rows) {
          if (conflicted.has(row.newDocumentState.id)) continue;
          latest.set(row.newDocumentState.id, row.newDocumentState);
          acknowledged.set(row.newDocumentState.id, { updatedAt: row.newDocumentState.updatedAt, mrr: row.newDocumentState.mrr });
        }
      }
    })();

    for (let i = 0; i < 30; i++) await laptop.accounts.insert(accountFixture(`laptop-${i}`, team.repA, clock));
    await eventually(async () => acknowledged.size >= 400, 'the writer to have several batches acknowledged');
    const acknowledgedBeforeKill = acknowledged.size;
    // Kill while a push is in flight.
    await eventually(async () => inFlightAtKill > 0, 'a push in flight');
    await processes.kill(child);
    stop = true;
    await writer;
    const snapshot = new Map(acknowledged);
    for (let i = 30; i < 40; i++) await laptop.accounts.insert(accountFixture(`laptop-${i}`, team.repA, clock));
    await eventually(async () => status.status.phase === 'offline', 'the replica to notice the server is gone');

    ({ child, server } = await processes.start(dataDir, server.port));
    const stored = new Map((await pullAll(server, team.repA, 'accounts', 1000)).map((doc) => [doc.id, doc]));
    expect(acknowledgedBeforeKill).toBeGreaterThan(0);
    const lost = [...snapshot].filter(([id, ack]) => {
      const doc = stored.get(id);
      return !doc || doc.updatedAt < ack.updatedAt || doc.mrr < ack.mrr;
    });
    expect(lost).toEqual([]);

    await eventually(async () => status.status.pendingChanges === 0 && status.status.phase === 'online', 'the replica to push what was pending', 30_000);
    const after = new Set((await pullAll(server, team.repA, 'accounts', 1000)).map((doc) => doc.id));
    const missing = Array.from({ length: 40 }, (_, i) => `laptop-${i}`).filter((id) => !after.has(id));
    expect(missing).toEqual([]);
    await Promise.all(syncs.map((sync) => sync.cancel()));
    await laptop.close();
    await processes.kill(child);
  }, 90_000);
});
