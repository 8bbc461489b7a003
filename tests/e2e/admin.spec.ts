import type { BrowserContext } from '@playwright/test';
import { test, expect } from './fixtures';
import { E2E_PASSWORD } from '../support/e2e-sync-users';
import { E2E_SERVER, signInContext, waitForSeededSyncServer } from './team-session';
import { ADMIN, syncedDoc } from '../../sync-server/testing/test-server';

// This spec opens its own contexts (browser.newContext): the test's own page needs no demo book.
test.use({ bookProfile: 'empty' });

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

test('an Admin moving an account whose id two teams hold chooses the team on its row, and only that team’s account moves', async ({ browser }) => {
  test.setTimeout(60_000);
  const stamp = Date.now();
  const accountId = `e2e-twin-${stamp}`;
  const adminLogin = await post('/auth/login', { email: ADMIN.email, password: ADMIN.password });
  const adminToken = adminLogin.body.accessToken;
  // A second team with a rep of its own, and an account of the same id in each team.
  const other = await post('/admin/teams', { name: `Twin Team ${stamp}` }, adminToken);
  expect(other.status).toBe(201);
  const twinEmail = `twin.${stamp}@e2e.example`;
  expect((await post('/admin/users', { email: twinEmail, password: E2E_PASSWORD, name: 'Twin Rep', role: 'cs-rep', teamId: other.body.id }, adminToken)).status).toBe(201);
  const owners = { rep1: await post('/auth/login', { email: 'riley.rep@e2e.example', password: E2E_PASSWORD }), twin: await post('/auth/login', { email: twinEmail, password: E2E_PASSWORD }) };
  for (const [who, login] of Object.entries(owners)) {
    const owner = { id: login.body.user.id, token: '', teamId: login.body.user.teamId };
    const pushed = await post('/sync/accounts/push', [{ assumedMasterState: null, newDocumentState: syncedDoc(accountId, owner, { name: `Twin of ${who} ${stamp}` }) }], login.body.accessToken);
    expect(pushed.status).toBe(200);
  }

  const adminCtx = await browser.newContext();
  await signInContext(adminCtx, ADMIN.email, ADMIN.password);
  const admin = await adminCtx.newPage();
  await admin.goto('/#/admin');
  const reassign = admin.getByRole('region', { name: 'Re-assign accounts' });
  await expect(reassign).toBeVisible({ timeout: 30_000 });
  await reassign.getByLabel('Account ids').fill(accountId);
  await reassign.getByLabel('New owner').selectOption({ label: 'Sam Rep' });
  await reassign.getByRole('button', { name: 'Preview' }).click();
  const row = reassign.getByTestId(`reassign-${accountId}`);
  await expect(row).toContainText('several teams hold this id');
  await expect(reassign.getByRole('button', { name: 'Confirm re-assignment' })).toBeDisabled();
  // The row offers both teams by name; the Admin picks Riley's team.
  const teamSelect = row.getByLabel(`Team of account ${accountId}`);
  await expect(teamSelect.locator('option', { hasText: `Twin Team ${stamp}` })).toHaveCount(1);
  await teamSelect.selectOption(owners.rep1.body.user.teamId);
  await expect(row).toContainText(`Twin of rep1 ${stamp}`);
  await expect(row).toContainText('moves');
  await reassign.getByRole('button', { name: 'Confirm re-assignment' }).click();
  await expect(reassign.getByRole('status')).toContainText('Moved 1 account(s)');

  const copyIn = async (email: string) => {
    const login = await post('/auth/login', { email, password: E2E_PASSWORD });
    const pulled = await fetch(`${SERVER}/sync/accounts/pull?limit=1000`, { headers: { authorization: `Bearer ${login.body.accessToken}` } });
    return ((await pulled.json()).documents as { id: string; ownerId: string; name: string }[]).find((doc) => doc.id === accountId);
  };
  const sam = await post('/auth/login', { email: 'sam.rep@e2e.example', password: E2E_PASSWORD });
  expect(await copyIn('sam.rep@e2e.example')).toMatchObject({ ownerId: sam.body.user.id, name: `Twin of rep1 ${stamp}` });
  expect(await copyIn(twinEmail)).toMatchObject({ ownerId: owners.twin.body.user.id, name: `Twin of twin ${stamp}` });
  await adminCtx.close();
});

