import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { gridRows, openBook } from './helpers';

// A CSM works down the grid: opens an account, reads it, comes back and carries on where they were. The grid keeps its
// sort, filters, scroll position and focus while an account (or another page) is shown, and is neither visible nor in
// the accessibility tree meanwhile.

const grid = (page: Page) => page.getByTestId('accounts-grid');
const scrollTop = (page: Page) => grid(page).evaluate((el) => el.scrollTop);

test('back from an account, the grid has the same sort, filter and scroll position', async ({ page }) => {
  await openBook(page);
  const mrr = page.getByRole('columnheader', { name: 'MRR', exact: true });
  await mrr.click();
  await mrr.click();
  await expect(mrr).toHaveAttribute('aria-sort', 'descending');
  await page.getByLabel('Filter Status').selectOption('active');
  const count = (await page.getByTestId('row-count').textContent())!;
  expect(count).not.toContain('250 of 250');

  // Scroll part-way down, then open an account in view.
  await grid(page).evaluate((el) => (el.scrollTop = 400));
  const row = grid(page).locator('[role="row"][aria-rowindex="20"]');
  await expect(row).toBeVisible();
  const id = await row.getAttribute('data-account-id');
  const top = await scrollTop(page);
  expect(top).toBeGreaterThan(300);
  await row.locator('[data-column="name"] a').click();
  await expect(page.getByTestId('account-header')).toBeVisible();

  // While the account shows, the grid is out of sight and out of the accessibility tree.
  await expect(grid(page)).toBeHidden();
  await expect(page.getByRole('grid', { name: 'Accounts' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toHaveCount(0);

  // The browser's back button.
  await page.goBack();
  await expect(grid(page)).toBeVisible();
  await expect(mrr).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByTestId('row-count')).toHaveText(count);
  await expect(page.getByLabel('Filter Status')).toHaveValue('active');
  await expect.poll(() => scrollTop(page)).toBe(top);
  await expect(grid(page).locator('[role="row"][aria-rowindex="20"]')).toHaveAttribute('data-account-id', id!);

  // The account page's own link back, and a trip through another page.
  await grid(page).locator('[role="row"][aria-rowindex="20"] [data-column="name"] a').click();
  await page.getByRole('link', { name: '← Back to accounts' }).click();
  await expect(grid(page)).toBeVisible();
  await expect.poll(() => scrollTop(page)).toBe(top);
  await page.locator('nav[aria-label="Sections"]').getByRole('link', { name: 'Dashboard', exact: true }).click();
  await expect(grid(page)).toBeHidden();
  await page.locator('nav[aria-label="Sections"]').getByRole('link', { name: 'Accounts', exact: true }).click();
  await expect(mrr).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByTestId('row-count')).toHaveText(count);
  await expect.poll(() => scrollTop(page)).toBe(top);
  await expect(gridRows(page).first()).toBeVisible();
});

test('keyboard: back from an account opened with Enter, focus is on the grid again, on the same row', async ({ page }) => {
  await openBook(page);
  await grid(page).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const active = grid(page).locator('[role="row"][data-active="true"]');
  const id = await active.getAttribute('data-account-id');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('account-header')).toBeVisible();
  // Tab never reaches into the hidden grid.
  for (let presses = 0; presses < 30; presses++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="accounts-grid"]') ?? null)).toBeNull();
  }

  await page.goBack();
  await expect(grid(page)).toBeFocused();
  await expect(active).toHaveAttribute('data-account-id', id!);
  await page.keyboard.press('ArrowDown');
  await expect(grid(page).locator('[role="row"][data-active="true"]')).not.toHaveAttribute('data-account-id', id!);
});
