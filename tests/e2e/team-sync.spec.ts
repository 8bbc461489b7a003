import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { E2E_PASSWORD, E2E_USERS } from '../support/e2e-sync-users';
import { E2E_SERVER, signInContext, waitForSeededSyncServer } from './team-session';

// This spec opens its own contexts (browser.newContext): the test's own page needs no demo book.
test.use({ bookProfile: 'empty' });

/**
 * Team sync in the browser host against the seeded sync server that playwright.config.ts starts: two CS Reps of
 * one team (rep 1's book is shared read-only with rep 2), their CS Manager, and a Viewer.
 */
const SERVER = E2E_SERVER;
const ACCOUNT = 'e2e-northwind';
type Who = keyof typeof E2E_USERS;

test.beforeAll(waitForSeededSyncServer);

/** Signs in through Settings → Team sync, as a person would (the first start seeds the local demo book first). */
async function signInThroughSettings(page: Page, who: Who): Promise<void> {
  await page.goto('/#/settings');
  await expect(page.getByRole('heading', { name: 'Team sync' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'local');
  await page.getByLabel('Server URL').fill(SERVER);
  await page.getByLabel('Email').fill(E2E_USERS[who].email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Email or password is wrong');
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('team-sync-signed-in')).toContainText(E2E_USERS[who].name, { timeout: 30_000 });
}

/** A context already signed in (the session the app keeps in sessionStorage, from a sign-in through the API). */
const signedInContext = (context: BrowserContext, who: Who) => signInContext(context, E2E_USERS[who].email);

async function openAccount(page: Page, id = ACCOUNT): Promise<void> {
  await page.goto(`/#/accounts/${id}`);
  await expect(page.getByTestId('account-header')).toBeVisible({ timeout: 30_000 });
}

async function editField(page: Page, label: string, value: string): Promise<void> {
  await page.getByRole('button', { name: `Edit ${label}` }).click();
  await page.getByRole('textbox', { name: `Edit ${label}` }).fill(value);
  await page.getByRole('textbox', { name: `Edit ${label}` }).press('Enter');
}

const field = (page: Page, label: string) => page.getByRole('button', { name: `Edit ${label}` });

test('two CS Reps and their manager share edits live, and offline edits converge when the network returns', async ({ browser }) => {
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const [rep1Context, rep2Context, managerContext] = contexts as [BrowserContext, BrowserContext, BrowserContext];
  await signedInContext(rep2Context, 'rep2');
  await signedInContext(managerContext, 'manager');
  const [rep1, rep2, manager] = await Promise.all(contexts.map((context) => context.newPage())) as [Page, Page, Page];

  await signInThroughSettings(rep1, 'rep1');
  await expect(rep1.getByTestId('sync-status')).not.toHaveAttribute('data-state', 'local');
  await Promise.all([openAccount(rep1), openAccount(rep2), openAccount(manager)]);
  await expect(manager.getByTestId('account-header')).toContainText('Northwind Traders');

  // Rep 1 owns the account: their edit reaches the manager and the colleague it is shared with.
  await editField(rep1, 'Name', 'Northwind Traders International');
  for (const page of [rep2, manager]) await expect(page.getByTestId('account-header')).toContainText('Northwind Traders International');
  await expect(rep1.getByTestId('sync-pending')).toHaveText('All changes synced');
  await expect(rep1.getByTestId('sync-last')).toContainText('Last sync');

  // Shared read-only with rep 2: the controls say why they are disabled.
  await expect(field(rep2, 'Name')).toBeDisabled();
  await expect(field(rep2, 'Name')).toHaveAttribute('title', /only the account owner or their manager/);

  // The manager edits the same account: it reaches both reps.
  await editField(manager, 'Domain', 'northwind.example');
  for (const page of [rep1, rep2]) await expect(field(page, 'Domain')).toHaveText('northwind.example');

  // Shared notes (Yjs over y-websocket): both people's typing ends up in everyone's copy.
  const notes = (page: Page) => page.getByRole('textbox', { name: 'Shared notes' });
  for (const page of [rep1, manager]) await expect(page.getByTestId('shared-notes-status')).toHaveAttribute('data-connection', 'connected');
  await notes(rep1).fill('Renewal risk: champion leaving.');
  await expect(notes(manager)).toHaveValue('Renewal risk: champion leaving.');
  await notes(manager).press('End');
  await notes(manager).pressSequentially(' Exec sponsor meeting booked.');
  await notes(rep1).press('Home');
  await notes(rep1).pressSequentially('URGENT ');
  const merged = 'URGENT Renewal risk: champion leaving. Exec sponsor meeting booked.';
  for (const page of [rep1, rep2, manager]) await expect(notes(page)).toHaveValue(merged);
  await expect(notes(rep2)).not.toBeEditable();

  // Rep 1 goes offline and keeps working; the manager edits another field meanwhile.
  await rep1Context.setOffline(true);
  await expect(rep1.getByTestId('sync-state')).toHaveText('Offline');
  await editField(rep1, 'Plan', 'Enterprise Plus');
  await expect(field(rep1, 'Plan')).toHaveText('Enterprise Plus');
  await expect(rep1.getByTestId('sync-pending')).toHaveText(/1 pending change/);
  await editField(manager, 'Industry', 'Logistics');
  await expect(field(manager, 'Plan')).not.toHaveText('Enterprise Plus');
  await notes(rep1).press('End');
  await notes(rep1).pressSequentially(' Call back Friday.');
  await notes(manager).press('Home');
  await notes(manager).pressSequentially('Q3: ');

  await rep1Context.setOffline(false);
  for (const page of [rep1, rep2, manager]) {
    await expect(field(page, 'Plan')).toHaveText('Enterprise Plus', { timeout: 30_000 });
    await expect(field(page, 'Industry')).toHaveText('Logistics', { timeout: 30_000 });
  }
  for (const page of [rep1, rep2, manager]) await expect(notes(page)).toHaveValue(`Q3: ${merged} Call back Friday.`);
  await expect(rep1.getByTestId('sync-state')).not.toHaveText('Offline');
  await expect(rep1.getByTestId('sync-pending')).toHaveText('All changes synced');

  // Signing out returns rep 1 to the device's own demo book.
  await rep1.goto('/#/settings');
  await rep1.getByRole('button', { name: /Sign out/ }).click();
  await expect(rep1.getByTestId('sync-status')).toHaveAttribute('data-state', 'local', { timeout: 30_000 });
  await rep1.goto('/#/accounts');
  await expect(rep1.getByTestId('row-count')).toContainText('250 of 250', { timeout: 30_000 });

  await Promise.all(contexts.map((context) => context.close()));
});

test('a Viewer sees the team book with read-only controls and the reason', async ({ browser }) => {
  const context = await browser.newContext();
  await signedInContext(context, 'viewer');
  const syncRequests: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/sync/')) syncRequests.push(`${request.method()} ${url.pathname}${url.pathname === '/sync/stream' ? url.search : ''}`);
  });
  const page = await context.newPage();
  await openAccount(page);
  await expect(page.getByTestId('account-header')).toContainText('Northwind');
  await expect(field(page, 'Name')).toBeDisabled();
  await expect(field(page, 'Name')).toHaveAttribute('title', /Viewers cannot change the team book/);
  await expect(page.getByRole('button', { name: 'Add note' })).toBeDisabled();
  await expect(page.getByText('Read-only: Viewers cannot change the team book').first()).toBeVisible();
  await page.goto('/#/accounts');
  await expect(page.getByRole('button', { name: 'Import CSV' })).toBeDisabled();
  await page.goto('/#/scoring');
  await expect(page.getByTestId('scoring-read-only')).toHaveText("Read-only: only an Admin or the team's CS Manager can change the scoring settings");
  await expect(page.getByRole('button', { name: 'Save scoring settings' })).toBeDisabled();
  await expect(page.getByLabel('Risk threshold')).toBeDisabled();
  await expect(page.getByTestId('sync-status')).not.toHaveAttribute('data-state', 'local');
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'online');
  // One live connection for all eight collections (a browser allows 6 per host), and a Viewer's device never pushes.
  expect(syncRequests.filter((request) => request.includes('/sync/stream'))).toEqual([
    'GET /sync/stream?collections=accounts,contacts,activities,revenue,usage,riskassessments,alerts,teamsettings,playbooks,executions,tasks',
  ]);
  expect(syncRequests.filter((request) => request.startsWith('POST'))).toEqual([]);
  await context.close();
});

test('a change the server refuses (the account was re-assigned while the rep was offline) is rolled back with a message', async ({ browser }) => {
  const context = await browser.newContext();
  await signedInContext(context, 'rep1');
  const page = await context.newPage();
  await openAccount(page, 'e2e-contoso');

  await context.setOffline(true);
  await expect(page.getByTestId('sync-state')).toHaveText('Offline');
  await editField(page, 'Plan', 'Rep plan');
  // Meanwhile the manager moves the account to themselves.
  const manager = await (
    await fetch(`${SERVER}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: E2E_USERS.manager.email, password: E2E_PASSWORD }),
    })
  ).json();
  const moved = await fetch(`${SERVER}/admin/accounts/e2e-contoso/owner`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${manager.accessToken}` },
    body: JSON.stringify({ ownerId: manager.user.id }),
  });
  expect(moved.status).toBe(200);

  await context.setOffline(false);
  await expect(page.getByTestId('sync-refusals')).toContainText('The server refused your change to account "Contoso Ltd"', { timeout: 30_000 });
  await expect(page.getByTestId('sync-refusals')).toContainText('rolled back');
  // The account left the rep's book with the re-assignment.
  await expect(page.getByRole('heading', { name: 'Account not found' })).toBeVisible({ timeout: 30_000 });
  await context.close();
});
