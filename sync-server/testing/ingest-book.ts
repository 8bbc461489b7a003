import { ADMIN, api, login, seedTeams, startTestServer, syncedDoc, type TestServer } from './test-server';

/**
 * A test server with the seeded teams and one account of rep A (`acc-1`, external id `SF-001`), which product events
 * name: the starting point of the ingestion tests.
 */
export async function startWithOneAccount(): Promise<{ t: TestServer; team: Awaited<ReturnType<typeof seedTeams>>; adminToken: string }> {
  const t = await startTestServer();
  const team = await seedTeams(t.server);
  const adminToken = (await login(t.server, ADMIN.email, ADMIN.password)).accessToken;
  const pushed = await api(t.server, 'POST', '/sync/accounts/push', { token: team.repA.token, body: [{ newDocumentState: syncedDoc('acc-1', team.repA, { externalId: 'SF-001' }) }] });
  if (pushed.status !== 200) throw new Error(`seeding acc-1 failed: ${pushed.status} ${JSON.stringify(pushed.body)}`);
  return { t, team, adminToken };
}
