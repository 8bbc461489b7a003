import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, seedTeams, startTestServer, type TestServer } from '../../../../sync-server/test-server';
import { createMonitoredFetch, type FetchOutcome } from './monitored-fetch';

let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;

beforeAll(async () => {
  t = await startTestServer({ rateLimit: { burst: 40, perSecond: 1 } });
  team = await seedTeams(t.server);
});
afterAll(() => t.stop());

function monitored(token: string, renewToken = async () => token) {
  const outcomes: FetchOutcome[] = [];
  const sleeps: number[] = [];
  const fetcher = createMonitoredFetch({
    user: { id: team.repA2.id, role: 'cs-rep', teamId: team.repA2.teamId },
    renewToken,
    report: (outcome) => outcomes.push(outcome),
    sleep: (ms) => (sleeps.push(ms), new Promise((resolve) => setTimeout(resolve, ms))),
  });
  const pull = () => fetcher(`${t.server.url}/sync/accounts/pull?limit=1`, { headers: { authorization: `Bearer ${token}` } });
  return { fetcher, outcomes, sleeps, pull };
}

describe('monitored fetch', () => {
  it('waits out a 429 for Retry-After seconds, says so (RATE001), then succeeds', async () => {
    const { outcomes, sleeps, pull } = monitored(team.repA2.token);
    let last: Response | undefined;
    // Spend the user's burst until the server pushes back once.
    while (!outcomes.some((o) => o.kind === 'rate-limited')) last = await pull();
    expect(outcomes.find((o) => o.kind === 'rate-limited')).toEqual({ kind: 'rate-limited', retryInSeconds: 1 });
    expect(sleeps[0]).toBe(1000);
    expect(last?.status ?? (await pull()).status).toBe(200);
    expect(outcomes.at(-1)).toEqual({ kind: 'ok', path: '/sync/accounts/pull' });
  });

  it('reports an error answer as a failure with the server’s message (SYNC001 in the status)', async () => {
    const { fetcher, outcomes } = monitored(team.managerA.token);
    const response = await fetcher(`${t.server.url}/sync/nope/pull`, { headers: { authorization: `Bearer ${team.managerA.token}` } });
    expect(response.status).toBe(404);
    expect(outcomes).toEqual([{ kind: 'failed', status: 404, message: expect.stringMatching(/No synced collection "nope"/) }]);
  });

  it('renews the token once after a 401 and retries with it', async () => {
    const fresh = (await login(t.server, 'viewer.a@example.com', 'team-password-1234')).accessToken;
    const { fetcher, outcomes } = monitored('expired', async () => fresh);
    const response = await fetcher(`${t.server.url}/sync/accounts/pull?limit=1`, { headers: { authorization: 'Bearer expired' } });
    expect(response.status).toBe(200);
    expect(outcomes).toEqual([{ kind: 'ok', path: '/sync/accounts/pull' }]);
  });

  it('reports offline when the request never leaves', async () => {
    const outcomes: FetchOutcome[] = [];
    const fetcher = createMonitoredFetch({
      base: async () => {
        throw new TypeError('Failed to fetch');
      },
      user: { id: 'u', role: 'cs-rep', teamId: 't' },
      renewToken: async () => 't',
      report: (outcome) => outcomes.push(outcome),
    });
    await expect(fetcher(`${t.server.url}/sync/accounts/pull`)).rejects.toThrow(/Failed to fetch/);
    expect(outcomes).toEqual([{ kind: 'offline' }]);
  });
});

describe('monitored fetch on a network that hangs', () => {
  it('aborts a pull that never answers and reports offline', async () => {
    const outcomes: FetchOutcome[] = [];
    const fetcher = createMonitoredFetch({
      base: (_input, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
      user: { id: 'u', role: 'cs-rep', teamId: 't' },
      renewToken: async () => 't',
      report: (outcome) => outcomes.push(outcome),
      requestTimeoutMs: 50,
    });
    await expect(fetcher('http://127.0.0.1:9/sync/accounts/pull')).rejects.toThrow(/aborted/);
    expect(outcomes).toEqual([{ kind: 'offline' }]);
  });
});
