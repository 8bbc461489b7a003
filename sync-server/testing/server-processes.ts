import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyncServer } from '../server';
import { ADMIN } from './test-server';

export interface ServerProcess {
  child: ChildProcess;
  server: SyncServer;
}

/**
 * The real CLI in child processes, so SIGKILL hits a server exactly as a crash or `kill -9` would. Tracks every
 * process and data folder it made, so `cleanUp()` in an `afterAll` leaves nothing behind.
 */
export class ServerProcesses {
  private readonly dataDirs: string[] = [];
  private readonly children: ChildProcess[] = [];

  /** A fresh, empty data folder, removed by `cleanUp()`. */
  newDataDir(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.dataDirs.push(dir);
    return dir;
  }

  /** Starts the CLI on `dataDir` (port 0: a free one) and resolves once it says where it listens. */
  async start(dataDir: string, port = 0): Promise<ServerProcess> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'sync-server/cli.ts', '--port', String(port), '--data', dataDir, '--admin-email', ADMIN.email],
      { cwd: join(__dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OUTPOST_ADMIN_PASSWORD: ADMIN.password } },
    );
    this.children.push(child);
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

  /** SIGKILL, resolved once the process has exited. */
  kill(child: ChildProcess): Promise<void> {
    return new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  cleanUp(): void {
    for (const child of this.children) if (child.exitCode === null) child.kill('SIGKILL');
    for (const dir of this.dataDirs) rmSync(dir, { recursive: true, force: true });
  }
}
