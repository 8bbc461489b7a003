import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import { startSyncServer } from '../sync-server/server';
import { ADMIN, api, login } from '../sync-server/testing/test-server';
import { median, round, type Figure } from './figure';
import { spread } from './spread';

const PASSWORD = 'bench-password-1234';

/** Runs `task` `total` times with `concurrency` at once; returns completions per second. */
async function throughput(total: number, concurrency: number, task: (index: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) await task(next++);
  }));
  return total / ((performance.now() - started) / 1000);
}

/**
 * Sign-in under the guessing limits, on local LevelDB storage: right-password sign-ins per second (argon2-bound,
 * with the per-address limit loosened as for a team behind one NAT address), against a bare argon2 verification of
 * the same concurrency in the same run; and what one address guessing wrong passwords gets with the default limits.
 */
export async function benchSignIn(runs = 3, people = 16, concurrency = 8): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-bench-signin-'));
  const server = await startSyncServer({ dataDir, admin: ADMIN, signInRateLimit: { burst: 100_000, perSecond: 100_000 }, rateLimit: { burst: 100_000, perSecond: 100_000 } });
  const guarded = await startSyncServer({ dataDir: `${dataDir}-guarded`, admin: ADMIN });
  try {
    const admin = (await login(server, ADMIN.email, ADMIN.password)).accessToken;
    const team = (await api(server, 'POST', '/admin/teams', { token: admin, body: { name: 'Bench' } })).body.id;
    const emails: string[] = [];
    for (let i = 0; i < people; i++) {
      const email = `bench${i}@example.com`;
      await api(server, 'POST', '/admin/users', { token: admin, body: { email, password: PASSWORD, name: email, role: 'cs-rep', teamId: team } });
      emails.push(email);
    }
    const signIns: number[] = [];
    const bare: number[] = [];
    const stored = await hash(PASSWORD);
    for (let run = 0; run < runs; run++) {
      signIns.push(await throughput(people * 4, concurrency, (i) => login(server, emails[i % people]!, PASSWORD)));
      bare.push(await throughput(people * 4, concurrency, () => verify(stored, PASSWORD)));
    }
    // One address guessing: how many wrong passwords get checked before 429, and what a refused attempt costs.
    const statuses: number[] = [];
    const refusedMs: number[] = [];
    for (let i = 0; i < 40; i++) {
      const started = performance.now();
      const answer = await api(guarded, 'POST', '/auth/login', { body: { email: `guess${i}@example.com`, password: 'wrong-guess-here' } });
      statuses.push(answer.status);
      if (answer.status === 429) refusedMs.push(performance.now() - started);
    }
    return [
      ...spread('sign-in throughput, right password, 8 concurrent (local storage)', signIns, 'sign-ins/s'),
      { name: 'sign-in throughput ratio to bare argon2 verify (same concurrency, same run)', value: round(median(signIns) / median(bare), 2), unit: 'x' },
      { name: 'wrong passwords checked from one address before 429 (default limit, of 40)', value: statuses.filter((status) => status === 401).length, unit: 'attempts' },
      { name: 'refused sign-in attempt (429) median latency', value: round(median(refusedMs), 2), unit: 'ms' },
    ];
  } finally {
    await server.close();
    await guarded.close();
    for (const dir of [dataDir, `${dataDir}-guarded`]) {
      rmSync(dir, { recursive: true, force: true });
      rmSync(`${dir}.key`, { force: true });
    }
  }
}
