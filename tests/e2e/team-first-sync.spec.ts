import type { Route } from '@playwright/test';
import { test, expect } from './fixtures';
import { ADMIN, syncedDoc } from '../../sync-server/testing/test-server';
import { E2E_PASSWORD } from '../support/e2e-sync-users';
import { E2E_SERVER, signInContext, waitForSeededSyncServer } from './team-session';

// The manager of a team of their own on the seeded e2e sync server, whose first sync brings 1,200 accounts: the
// shell counts them against the server's own count while they arrive.
test.use({ bookProfile: 'empty' });
test.beforeAll(waitForSeededSyncServer);

const ACCOUNTS = 1200;

async function call(path: string, token: string | null, body: unknown): Promise<any> {
  const response = await fetch(`${E2E_SERVER}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A new team with a CS Manager and a CS Rep who owns ACCOUNTS accounts; the manager's email. */
async function bigTeam(): Promise<string> {
  const suffix = `${Date.now()}`;
  const admin = (await call('/auth/login', null, ADMIN)).accessToken as string;
  const team = (await call('/admin/teams', admin, { name: `E2E Big Team ${suffix}` })).id as string;
  const member = async (email: string, role: string) => {
    await call('/admin/users', admin, { email, password: E2E_PASSWORD, name: email, role, teamId: team });
    return call('/auth/login', null, { email, password: E2E_PASSWORD });
  };
  const manager = `big.manager.${suffix}@e2e.example`;
  await member(manager, 'cs-manager');
  const rep = await member(`big.rep.${suffix}@e2e.example`, 'cs-rep');
  const owner = { id: rep.user.id as string, token: rep.accessToken as string, teamId: team };
  for (let start = 0; start < ACCOUNTS; start += 200) {
    const rows = Array.from({ length: Math.min(200, ACCOUNTS - start) }, (_, i) => ({
      assumedMasterState: null,
      newDocumentState: syncedDoc(`big-${suffix}-${String(start + i).padStart(4, '0')}`, owner),
    }));
    expect(await call('/sync/accounts/push', owner.token, rows)).toEqual([]);
  }
  return manager;
}

test('a first sync shows records arrived of the server’s count, then gets out of the way', async ({ browser }) => {
  const context = await browser.newContext();
  await signInContext(context, await bigTeam());
  // Every accounts pull after the first waits until the test has seen the count: no race with the sync's speed.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await context.route(/\/sync\/accounts\/pull\?/, async (route: Route) => {
    if (new URL(route.request().url()).searchParams.has('checkpoint')) await released;
    await route.continue();
  });
  const page = await context.newPage();
  await page.goto('/#/accounts');
  const bar = page.getByTestId('first-sync-progress');
  await expect(bar).toContainText(`Getting your team book: 1,000 of ${ACCOUNTS.toLocaleString('en-US')} records`, { timeout: 60_000 });
  await expect(bar.getByRole('progressbar', { name: 'Getting your team book' })).toHaveAttribute('value', '1000');
  // The grid is usable meanwhile, on what has arrived.
  await expect(page.getByText(`1,000 of 1,000 accounts`)).toBeVisible();

  release();
  await expect(bar).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByText(`${ACCOUNTS.toLocaleString('en-US')} of ${ACCOUNTS.toLocaleString('en-US')} accounts`)).toBeVisible();
  await context.close();
});
