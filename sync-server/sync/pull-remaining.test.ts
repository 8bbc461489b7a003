import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, seedTeams, startTestServer, syncedDoc, type Member, type TestServer } from '../testing/test-server';

// A pull may ask how many more documents follow it (`remaining=1`), for the app's first-sync progress bar. The count
// is the reader's own: what they may pull, never what other members or teams hold.

let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;

async function push(member: Member, ids: string[]): Promise<void> {
  const rows = ids.map((id) => ({ assumedMasterState: null, newDocumentState: syncedDoc(id, member) }));
  const response = await api(t.server, 'POST', '/sync/accounts/push', { token: member.token, body: rows });
  expect(response.status).toBe(200);
  expect(response.body).toEqual([]);
}

const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);

async function pull(member: Member, query: Record<string, string>) {
  return api(t.server, 'GET', `/sync/accounts/pull?${new URLSearchParams(query)}`, { token: member.token });
}

beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
  await push(team.repA, ids('a1', 23));
  await push(team.repA2, ids('a2', 11));
  await push(team.repB, ids('b', 40));
});
afterAll(() => t.stop());

describe('a pull that asks how much follows it', () => {
  it('counts what this reader may still pull after the page, and nothing of what they cannot read', async () => {
    const first = await pull(team.repA, { limit: '10', remaining: '1' });
    expect(first.status).toBe(200);
    expect(first.body.documents).toHaveLength(10);
    expect(first.body.remaining).toBe(13);

    // The team's manager reads both reps' accounts; the other team's 40 are counted for nobody here.
    const manager = await pull(team.managerA, { limit: '10', remaining: '1' });
    expect(manager.body.remaining).toBe(23 + 11 - 10);
    const other = await pull(team.repB, { limit: '30', remaining: '1' });
    expect(other.body.remaining).toBe(10);

    // From a later checkpoint, and on the last page: what is left, then 0.
    const second = await pull(team.repA, { limit: '10', remaining: '1', checkpoint: JSON.stringify(first.body.checkpoint) });
    expect(second.body.remaining).toBe(3);
    const last = await pull(team.repA, { limit: '10', remaining: '1', checkpoint: JSON.stringify(second.body.checkpoint) });
    expect(last.body.documents).toHaveLength(3);
    expect(last.body.remaining).toBe(0);
  });

  it('leaves the count out unless asked, and refuses a malformed ask saying what it must be', async () => {
    const plain = await pull(team.repA, { limit: '10' });
    expect(plain.status).toBe(200);
    expect(plain.body).not.toHaveProperty('remaining');
    const bad = await pull(team.repA, { limit: '10', remaining: 'yes' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/remaining/);
    expect(JSON.stringify(bad.body)).toMatch(/must be 1/);
  });
});
