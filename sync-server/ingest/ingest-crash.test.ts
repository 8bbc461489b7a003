import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb-node';
import { afterAll, describe, expect, it } from 'vitest';
import type { SyncServer } from '../server';
import { ADMIN, api, login, pullAll, seedTeams, syncedDoc } from '../testing/test-server';
import { eventually } from '../testing/test-replicas';

/** The real CLI in a child process, so SIGKILL hits the server exactly as a crash or `kill -9` would. */
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
    if (child.exitCode !== null) return resolve();
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

describe('ingestion server killed with SIGKILL in the middle of batches', () => {
  it('loses no acknowledged event: every one is in the log after the restart and counted in the usage', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'outpost-ingest-crash-'));
    dataDirs.push(dataDir);
    let { child, server } = await startChild(dataDir);
    children.push(child);
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
    await kill(child);
    stop = true;
    await Promise.all(writers);
    const acked = [...acknowledged];
    expect(acked.length).toBeGreaterThanOrEqual(300);

    ({ child, server } = await startChild(dataDir, server.port));
    children.push(child);
    // Events acknowledged but not yet rolled up are rolled up on start: the usage counts at least every acknowledged one.
    await eventually(async () => {
      const [june] = (await pullAll(server, team.repA, 'usage')).filter((d) => d.accountId === 'acc-1');
      return (june?.featureEvents?.dashboards ?? 0) >= acked.length;
    }, 'the usage to count every acknowledged event', 30_000);
    await kill(child);

    const log = new PouchDB<{ event: { messageId: string } }>(join(dataDir, 'ingest-events'));
    const stored = new Set((await log.allDocs({ include_docs: true })).rows.map((r) => r.doc!.event.messageId));
    await log.close();
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
  }, 90_000);
});
