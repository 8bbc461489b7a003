import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const RADICALE_MISSING =
  'Radicale (a CalDAV server) is not installed, so the CalDAV tests cannot run. Install it with `apt-get install -y radicale` ' +
  '(Debian/Ubuntu; `.ci/run` does this) or `pip install radicale`, so that `radicale` is on the PATH.';

export interface RunningRadicale {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** A fresh calendar collection of user `csm` (MKCALENDAR done). */
  calendarUrl: string;
  username: string;
  password: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Radicale exited with code ${child.exitCode}: ${log()}`);
    try {
      await fetch(url, { method: 'OPTIONS' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`Radicale did not answer on ${url} within 15 s: ${log()}`);
}

/** Starts a real Radicale on a free 127.0.0.1 port with a temporary storage folder (removed on stop). */
export async function startRadicale(): Promise<RunningRadicale> {
  if (spawnSync('radicale', ['--version'], { stdio: 'ignore' }).error) throw new Error(RADICALE_MISSING);
  const folder = await mkdtemp(join(tmpdir(), 'outpost-radicale-'));
  const port = await freePort();
  const config = join(folder, 'config');
  await writeFile(
    config,
    [
      '[server]', `hosts = 127.0.0.1:${port}`,
      '[auth]', 'type = none',
      '[rights]', 'type = owner_only',
      '[storage]', `filesystem_folder = ${join(folder, 'collections')}`,
      '[web]', 'type = none',
      '[logging]', 'level = warning',
      '',
    ].join('\n'),
  );
  const child = spawn('radicale', ['-C', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(folder, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(url, child, () => output);
    const username = 'csm';
    const password = 'any-password';
    const calendarUrl = `${url}/${username}/outpost/`;
    const made = await fetch(calendarUrl, { method: 'MKCALENDAR', headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` } });
    if (made.status !== 201) throw new Error(`MKCALENDAR answered ${made.status}`);
    return { url, calendarUrl, username, password, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
