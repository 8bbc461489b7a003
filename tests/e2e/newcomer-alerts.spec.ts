import { test, expect } from './fixtures';
import { gridRows, openBook } from './helpers';

// Alerts and Opportunities as a new CSM meets them (issue 19).

test.use({ viewport: { width: 1440, height: 900 } });

test('alerts: sort, filter, acknowledge several at once, and undo it; opportunities: seat counts formatted', async ({ page }) => {
  await openBook(page);
  await expect(gridRows(page).first().locator('[data-column="health"]')).toHaveText(/^\d+$/, { timeout: 60_000 });
  await page.getByRole('link', { name: 'Alerts' }).click();
  const rows = page.getByRole('table', { name: 'Open alerts' }).locator('tbody tr');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  const openTab = page.getByRole('tab', { name: /^Open/ });
  const openCount = async () => Number((await openTab.textContent())!.match(/\((\d+)\)/)![1]);
  const before = await openCount();
  expect(before).toBeGreaterThan(2);

  // Sort by account, both ways.
  const accountHeader = page.getByRole('columnheader', { name: 'Account' });
  await accountHeader.getByRole('button').click();
  await expect(accountHeader).toHaveAttribute('aria-sort', 'ascending');
  const names = await rows.locator('td:nth-child(3)').allTextContents();
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true })));
  await accountHeader.getByRole('button').click();
  await expect(accountHeader).toHaveAttribute('aria-sort', 'descending');

  // Filter by severity, then by text.
  await page.getByLabel('Severity').selectOption('critical');
  await expect(rows.locator('td:nth-child(2)').filter({ hasNotText: 'critical' })).toHaveCount(0);
  await page.getByLabel('Severity').selectOption('');
  const firstName = (await rows.first().locator('td:nth-child(3)').textContent())!.trim();
  await page.getByLabel('Search alerts by account or title').fill(firstName);
  await expect(rows.locator('td:nth-child(3)').filter({ hasNotText: firstName })).toHaveCount(0);
  await page.getByLabel('Search alerts by account or title').fill('');

  // Bulk: acknowledge two selected alerts, then undo.
  await rows.nth(0).getByRole('checkbox').check();
  await rows.nth(1).getByRole('checkbox').check();
  await expect(page.getByTestId('alerts-bulk')).toContainText('2 selected');
  await page.getByRole('button', { name: 'Acknowledge selected' }).click();
  await expect.poll(openCount).toBe(before - 2);
  await expect(page.getByTestId('undo-toast')).toContainText('Acknowledged: 2 alerts');
  await page.getByTestId('undo-toast').getByRole('button', { name: 'Undo' }).click();
  await expect.poll(openCount).toBe(before);
  await expect(page.getByTestId('undo-toast')).toContainText('Undone');

  // One alert acknowledged from its row can be undone with Ctrl+Z too.
  await rows.first().getByRole('button', { name: /^Acknowledge alert for/ }).click();
  await expect.poll(openCount).toBe(before - 1);
  await page.locator('body').press('Control+z');
  await expect.poll(openCount).toBe(before);

  // Opportunities: seat counts with thousands separators (1,550 / 1,579, not 1550 / 1579).
  await page.getByRole('link', { name: 'Opportunities' }).click();
  const seats = page.getByRole('table', { name: 'Expansion opportunities' }).locator('td[data-column="seats"]');
  await expect(seats.first()).toBeVisible();
  const texts = (await seats.allTextContents()).map((t) => t.trim());
  expect(texts.some((t) => /\d,\d{3}/.test(t)), 'some opportunity has 1,000 seats or more').toBe(true);
  for (const text of texts) expect(text).toMatch(/^\d{1,3}(,\d{3})* \/ \d{1,3}(,\d{3})*$/);
});
