import type { BrowserContext } from '@playwright/test';
import { test, expect } from './fixtures';
import { E2E_PASSWORD } from '../support/e2e-sync-users';
import { E2E_SERVER, signInContext, waitForSeededSyncServer } from './team-session';
import { ADMIN, syncedDoc } from '../../sync-server/testing/test-server';

/**
 * The admin screen against the seeded e2e sync server: an Admin invites a CS Rep, the rep signs in, the Admin moves an
 * account to them after a preview, then disables them, and the rep's open app loses access at once.
 */
const SERVER = E2E_SERVER;

async function post(path: string, body: unknown, token?: string) {
  const response = await fetch(`${SERVER}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

test.beforeAll(waitForSeededSyncServer);

test('an Admin invites a CS Rep, moves an account to them with a preview, then disables them and their open app loses access', async ({ browser }) => {
  test.setTimeout(60_000);
  const stamp = Date.now();
  const email = `nova.${stamp}@e2e.example`;
  const accountId = `e2e-admin-${stamp}`;
  // An account of rep 1 to move.
  const rep1 = await post('/auth/login', { email: 'riley.rep@e2e.example', password: E2E_PASSWORD });
  const seeded = await post('/sync/accounts/push', [{ assumedMasterState: null, newDocumentState: syncedDoc(accountId, { id: rep1.body.user.id, token: '', teamId: rep1.body.user.teamId }, { name: `Moved ${stamp}` }) }], rep1.body.accessToken);
  expect(seeded.status).toBe(200);

  const adminCtx = await browser.newContext();
  await signInContext(adminCtx, ADMIN.email, ADMIN.password);
  const admin = await adminCtx.newPage();
  await admin.goto('/#/admin');
  await expect(admin.getByRole('heading', { name: 'Team administration' })).toBeVisible({ timeout: 30_000 });

  // Invite from the screen; the code is shown once.
  const invite = admin.getByRole('region', { name: 'Invite a person' });
  await invite.getByLabel('Email').fill(email);
  await invite.getByLabel('Name').fill('Nova Rep');
  await invite.getByLabel('Role').selectOption('cs-rep');
  await invite.getByRole('button', { name: 'Invite' }).click();
  const code = /: ([A-Za-z0-9_-]{12,})$/.exec((await admin.getByTestId('invite-result').textContent()) ?? '')?.[1];
  expect(code).toBeTruthy();
  // The rep redeems the code (sets a password) and signs in through Settings → Team sync.
  expect((await post('/auth/accept-invite', { code, password: E2E_PASSWORD })).status).toBe(201);
  const repCtx = await browser.newContext();
  const rep = await repCtx.newPage();
  await rep.goto('/#/settings');
  await expect(rep.getByRole('heading', { name: 'Team sync' })).toBeVisible({ timeout: 30_000 });
  await rep.getByLabel('Server URL').fill(SERVER);
  await rep.getByLabel('Email').fill(email);
  await rep.getByLabel('Password').fill(E2E_PASSWORD);
  await rep.getByRole('button', { name: 'Sign in' }).click();
  await expect(rep.getByTestId('team-sync-signed-in')).toContainText('Nova Rep', { timeout: 30_000 });

  // The Admin moves the account to the rep, after a preview of what moves.
  await admin.reload();
  await expect(admin.getByTestId(`person-${email}`)).toBeVisible({ timeout: 15_000 });
  const reassign = admin.getByRole('region', { name: 'Re-assign accounts' });
  await reassign.getByLabel('Account ids').fill(accountId);
  await reassign.getByLabel('New owner').selectOption({ label: 'Nova Rep' });
  await reassign.getByRole('button', { name: 'Preview' }).click();
  await expect(reassign.getByRole('table', { name: 'What would move' })).toContainText(`Moved ${stamp}`);
  await expect(reassign.getByRole('table', { name: 'What would move' })).toContainText('moves');
  await reassign.getByRole('button', { name: 'Confirm re-assignment' }).click();
  await expect(reassign.getByRole('status')).toContainText('Moved 1 account(s)');

  // The rep's app receives it live.
  await rep.goto(`/#/accounts/${accountId}`);
  await expect(rep.getByTestId('account-header')).toContainText(`Moved ${stamp}`, { timeout: 30_000 });

  // Disabled: the rep's open app loses access at once (its stream ends, its tokens are refused, the session ends).
  await admin.getByRole('button', { name: 'Disable Nova Rep' }).click();
  await expect(admin.getByTestId(`person-${email}`)).toContainText('disabled');
  await expect(rep.getByTestId('sync-problem')).toHaveAttribute('data-code', 'AUTH005', { timeout: 20_000 });

  await adminCtx.close();
  await repCtx.close();
});
