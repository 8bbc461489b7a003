import { test, expect } from './fixtures';
import { openBook, gridRows } from './helpers';

test('a CSM sees the demo book, sorts and filters it, opens an account and adds a note that survives a reload', async ({ page }) => {
  await openBook(page);
  await expect(page.getByTestId('row-count')).toContainText('250 of 250');

  // Sort by MRR, descending on the second click.
  const mrrHeader = page.getByRole('columnheader', { name: 'MRR', exact: true });
  await mrrHeader.click();
  await mrrHeader.click();
  await expect(mrrHeader).toHaveAttribute('aria-sort', 'descending');
  const mrrs = await gridRows(page).evaluateAll((rows) =>
    rows.slice(0, 8).map((row) => Number(row.querySelector('[data-column="mrr"]')?.textContent?.replace(/[^0-9.]/g, ''))),
  );
  expect(mrrs.length).toBeGreaterThan(3);
  expect([...mrrs].sort((a, b) => b - a)).toEqual(mrrs);

  // Filter by tier.
  await page.getByLabel('Filter Tier').selectOption('Enterprise');
  await expect(page.getByTestId('row-count')).not.toContainText('250 of 250');
  const tiers = await gridRows(page).evaluateAll((rows) => rows.map((row) => row.querySelector('[data-column="tier"]')?.textContent));
  expect(tiers.length).toBeGreaterThan(0);
  expect(new Set(tiers)).toEqual(new Set(['Enterprise']));

  // Open the top account.
  const first = gridRows(page).first();
  const accountName = (await first.locator('[data-column="name"]').textContent())!.trim();
  await first.locator('[data-column="name"]').getByRole('link').click();
  await expect(page.getByTestId('account-header')).toContainText(accountName);
  await expect(page.getByTestId('usage-chart')).toBeVisible();
  await expect(page.getByTestId('contacts-panel')).toBeVisible();

  const subject = `Renewal call prep ${Date.now()}`;
  await page.getByLabel('Subject').fill(subject);
  await page.getByLabel('Note', { exact: true }).fill('Champion wants a roadmap review before signing.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByTestId('timeline-entry').first()).toContainText(subject);

  await page.reload();
  await expect(page.getByTestId('account-header')).toContainText(accountName);
  await expect(page.getByTestId('activity-timeline')).toContainText(subject);
});

test('keyboard only: from the grid to an account', async ({ page }) => {
  await openBook(page);
  const grid = page.getByTestId('accounts-grid');
  for (let presses = 0; presses < 40; presses++) {
    if (await grid.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  await expect(grid).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const active = grid.locator('[role="row"][aria-selected="true"], [role="row"][data-active="true"]').first();
  const name = (await active.locator('[data-column="name"]').textContent())!.trim();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('account-header')).toContainText(name);
  await expect(page).toHaveURL(/#\/accounts\/.+/);
});
