import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { E2E_PASSWORD, E2E_USERS, e2eSyncPort } from '../support/e2e-sync-users';

/** Co-editing one playbook from two browser contexts of the team's CS Manager, through the e2e sync server. */
const SERVER = `http://127.0.0.1:${e2eSyncPort()}`;

test.beforeAll(async () => {
  await expect
    .poll(
      async () =>
        (await fetch(`${SERVER}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'ready@e2e.example', password: E2E_PASSWORD }),
        }).catch(() => null))?.status,
      { timeout: 60_000 },
    )
    .toBe(200);
});

/** A context signed in as the manager: the session the app keeps in sessionStorage, from a sign-in through the API. */
async function signedIn(context: BrowserContext): Promise<void> {
  const response = await fetch(`${SERVER}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: E2E_USERS.manager.email, password: E2E_PASSWORD }),
  });
  const body = await response.json();
  const session = {
    serverUrl: SERVER,
    user: { id: body.user.id, email: body.user.email, name: body.user.name, role: body.user.role, teamId: body.user.teamId },
    refreshToken: body.refreshToken,
    accessToken: body.accessToken,
    accessExpiresAt: Date.now() + body.expiresIn * 1000,
  };
  await context.addInitScript((kept) => {
    if (!sessionStorage.getItem('outpost.sync-session')) sessionStorage.setItem('outpost.sync-session', kept);
  }, JSON.stringify(session));
}

test('two people edit one playbook at once and see each other’s edits and presence', async ({ browser }) => {
  const contexts = (await Promise.all([browser.newContext(), browser.newContext()])) as [BrowserContext, BrowserContext];
  for (const context of contexts) await signedIn(context);
  const [a, b] = (await Promise.all(contexts.map((context) => context.newPage()))) as [Page, Page];

  await a.goto('/#/playbooks');
  await a.getByLabel('Template').selectOption({ label: 'Risk save plan' });
  await a.getByRole('button', { name: 'New from template' }).click();
  await a.getByRole('button', { name: 'Save Draft' }).click();
  await expect(a.getByRole('status').filter({ hasText: 'Saved draft of “Risk save plan” (version 1)' })).toBeVisible({ timeout: 30_000 });
  await expect(a).toHaveURL(/#\/playbooks\/risk-save-[0-9a-f]{6}$/);
  const url = a.url().slice(a.url().indexOf('#'));

  // The second window opens the same playbook (its draft arrives by sync); both are in its room.
  await b.goto(`/${url}`);
  await expect(b.getByLabel('Name', { exact: true })).toHaveValue('Risk save plan', { timeout: 30_000 });
  for (const page of [a, b]) await expect(page.getByTestId('co-editors')).toContainText(`Also editing: ${E2E_USERS.manager.name}`, { timeout: 30_000 });

  await a.getByLabel('Name', { exact: true }).fill('Risk save (EMEA)');
  await b.getByLabel('Description').fill('Agreed with the EMEA team');
  await expect(b.getByLabel('Name', { exact: true })).toHaveValue('Risk save (EMEA)');
  await expect(a.getByLabel('Description')).toHaveValue('Agreed with the EMEA team');
  await expect(a.getByLabel('Name', { exact: true })).toHaveValue('Risk save (EMEA)');
  for (const context of contexts) await context.close();
});
