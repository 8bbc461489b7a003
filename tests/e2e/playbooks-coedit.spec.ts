import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { E2E_USERS } from '../support/e2e-sync-users';
import { signInContext, waitForSeededSyncServer } from './team-session';

// This spec opens its own contexts (browser.newContext): the test's own page needs no demo book.
test.use({ bookProfile: 'empty' });

/** Co-editing one playbook from two browser contexts of the team's CS Manager, through the e2e sync server. */
test.beforeAll(waitForSeededSyncServer);

test('two people edit one playbook at once and see each other’s edits and presence', async ({ browser }) => {
  const contexts = (await Promise.all([browser.newContext(), browser.newContext()])) as [BrowserContext, BrowserContext];
  for (const context of contexts) await signInContext(context, E2E_USERS.manager.email);
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
