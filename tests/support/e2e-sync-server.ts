import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSyncServer } from '../../sync-server/server';
import { ADMIN, api, login, syncedDoc } from '../../sync-server/testing/test-server';
import { E2E_EMPTY_TEAM_USER, E2E_PASSWORD, E2E_USERS, e2eSyncPort, SEEDED_ACCOUNTS } from './e2e-sync-users';

/**
 * Started by playwright.config.ts for the team-sync e2e run: a sync server on 127.0.0.1 with a temp data dir, one
 * team with two CS Reps (rep 2 has rep 1's book shared with them), a CS Manager and a Viewer, and a few accounts; and
 * a second team with one CS Rep and no accounts (a newcomer's empty team book).
 */
async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-e2e-sync-'));
  // Every spec signs in afresh from 127.0.0.1: the per-address sign-in limit would throttle the suite.
  const server = await startSyncServer({ dataDir, port: e2eSyncPort(), admin: ADMIN, signInRateLimit: { burst: 1000, perSecond: 100 } });
  const stop = () =>
    void server.close().finally(() => {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}.key`, { force: true });
      process.exit(0);
    });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const admin = (await login(server, ADMIN.email, ADMIN.password)).accessToken;
  const team = await api(server, 'POST', '/admin/teams', { token: admin, body: { name: 'E2E Team' } });
  const ids: Record<string, string> = {};
  for (const [key, user] of Object.entries(E2E_USERS)) {
    const created = await api(server, 'POST', '/admin/users', {
      token: admin,
      body: { email: user.email, password: E2E_PASSWORD, name: user.name, role: user.role, teamId: team.body.id },
    });
    if (created.status !== 201) throw new Error(`seeding ${user.email}: ${JSON.stringify(created.body)}`);
    ids[key] = created.body.id;
  }
  await api(server, 'PUT', `/admin/users/${ids['rep2']}/shares`, { token: admin, body: { sharedOwnerIds: [ids['rep1']] } });
  const rep1 = await login(server, E2E_USERS.rep1.email, E2E_PASSWORD);
  const rows = SEEDED_ACCOUNTS.map((account) => ({
    assumedMasterState: null,
    newDocumentState: syncedDoc(account.id, { id: ids['rep1']!, token: rep1.accessToken, teamId: team.body.id }, { name: account.name, ownerName: 'Riley Rep' }),
  }));
  const pushed = await api(server, 'POST', '/sync/accounts/push', { token: rep1.accessToken, body: rows });
  if (pushed.status !== 200 || pushed.body.length) throw new Error(`seeding accounts: ${JSON.stringify(pushed.body)}`);
  const emptyTeam = await api(server, 'POST', '/admin/teams', { token: admin, body: { name: E2E_EMPTY_TEAM_USER.team } });
  const newcomer = await api(server, 'POST', '/admin/users', {
    token: admin,
    body: { email: E2E_EMPTY_TEAM_USER.email, password: E2E_PASSWORD, name: E2E_EMPTY_TEAM_USER.name, role: E2E_EMPTY_TEAM_USER.role, teamId: emptyTeam.body.id },
  });
  if (newcomer.status !== 201) throw new Error(`seeding ${E2E_EMPTY_TEAM_USER.email}: ${JSON.stringify(newcomer.body)}`);
  // The last step: the spec waits until this user can sign in.
  await api(server, 'POST', '/admin/users', {
    token: admin,
    body: { email: 'ready@e2e.example', password: E2E_PASSWORD, name: 'Ready', role: 'viewer', teamId: team.body.id },
  });
  console.log(`e2e sync server ready on ${server.url}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
