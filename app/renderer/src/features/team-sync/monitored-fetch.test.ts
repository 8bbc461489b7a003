import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, seedTeams, startTestServer, type TestServer } from '../../../../../sync-server/testing/test-server';
import { createMonitoredFetch } from './monitored-fetch';

let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;

beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
});
afterAll(() => t.stop());


describe('monitored fetch', () => {
  it('renews the token once after a 401 and retries with it', async () => {
    const fresh = (await login(t.server, 'viewer.a@example.com', 'team-password-1234')).accessToken;
    let renewals = 0;
    const fetcher = createMonitoredFetch({ renewToken: async () => (renewals++, fresh), onRefused: () => undefined });
    const response = await fetcher(`${t.server.url}/sync/accounts/pull?limit=1`, { headers: { authorization: 'Bearer expired' } });
    expect(response.status).toBe(200);
    expect(renewals).toBe(1);
  });

  it('passes a 401 on when the session cannot be renewed', async () => {
    const fetcher = createMonitoredFetch({ renewToken: async () => Promise.reject(new Error('ended')), onRefused: () => undefined });
    const response = await fetcher(`${t.server.url}/sync/accounts/pull?limit=1`, { headers: { authorization: 'Bearer expired' } });
    expect(response.status).toBe(401);
  });

  it('reports the pushed writes the server names as refused', async () => {
    const refused: unknown[] = [];
    const fetcher = createMonitoredFetch({ renewToken: async () => team.viewerA.token, onRefused: (collection, docs) => refused.push({ collection, ids: docs.map((d) => d.id) }) });
    const { syncedDoc } = await import('../../../../../sync-server/testing/test-server');
    const response = await fetcher(`${t.server.url}/sync/accounts/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${team.viewerA.token}` },
      body: JSON.stringify([{ assumedMasterState: null, newDocumentState: syncedDoc('viewer-made', team.viewerA) }]),
    });
    expect(response.status).toBe(200);
    expect(refused).toEqual([{ collection: 'accounts', ids: ['viewer-made'] }]);
  });
});

describe('monitored fetch on a network that hangs', () => {
  it('aborts a pull that never answers', async () => {
    const fetcher = createMonitoredFetch({
      base: (_input, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
      renewToken: async () => 't',
      onRefused: () => undefined,
      requestTimeoutMs: 50,
    });
    await expect(fetcher('http://127.0.0.1:9/sync/accounts/pull')).rejects.toThrow(/aborted/);
  });
});
