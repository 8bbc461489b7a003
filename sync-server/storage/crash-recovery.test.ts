import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { stampChanges } from '../../common/db/stamp-writes';
import { SyncStatusTracker } from '../../common/sync/sync-status';
import type { SyncServer } from '../server';
import { ADMIN, api, pullAll, seedTeams, syncedDoc } from '../testing/test-server';
import { accountFixture, eventually, openReplica, syncReplica } from '../testing/test-replicas';

/** The real CLI in a child process, so SIGKILL hits a server exactly as a crash or `kill -9` would. */
async function startChild(dataDir: string, port = 0): Promise<{ child: ChildProcess; server: SyncServer }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'sync-server/cli.ts', '--port', String(port), '--data', dataDir, '--admin-email', ADMIN.email],
    { cwd: join(__dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OUTPOST_ADMIN_PASSWORD: ADMIN.password } },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return { child, server: { url, port: Number(new URL(url).port) } as SyncServer };
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const dataDirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe('server killed with SIGKILL in the middle of pushes', () => {
  it('loses no acknowledged write, and a replica’s unacknowledged ones arrive after the restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'outpost-crash-'));
    dataDirs.push(dataDir);
    let { child, server } = await startChild(dataDir);
    children.push(child);
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
    await kill(child);
    stop = true;
    await writer;
    const snapshot = new Map(acknowledged);
    for (let i = 30; i < 40; i++) await laptop.accounts.insert(accountFixture(`laptop-${i}`, team.repA, clock));
    await eventually(async () => status.status.phase === 'offline', 'the replica to notice the server is gone');

    ({ child, server } = await startChild(dataDir, server.port));
    children.push(child);
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
    await kill(child);
  }, 90_000);
});
