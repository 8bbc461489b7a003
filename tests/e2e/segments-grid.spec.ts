import { test, expect } from './fixtures';
import { gridRows, openBook } from './helpers';

const count = (text: string | null, pattern: RegExp) => Number(text!.match(pattern)![1]!.replace(/,/g, ''));

test('a segment filters the accounts grid to exactly its members, and the grid\'s filters save as a new segment with its live count', async ({ page }) => {
  await openBook(page);

  // A segment on a stored field: lifecycle stage is renewal.
  await page.goto('/#/segments');
  // In the editor: the Accounts grid stays in the page, hidden, with its "Name" column header.
  await page.getByRole('region', { name: 'Segment editor' }).getByLabel('Name', { exact: true }).fill('In renewal');
  await page.getByLabel('Segment condition 1 field').selectOption('lifecycleStage');
  await page.getByLabel('Segment condition 1 value').selectOption('renewal');
  const segmentCount = page.getByTestId('segment-count');
  await expect(segmentCount).toHaveText(/^\d+ of \d+ accounts$/);
  const members = count(await segmentCount.textContent(), /^(\d+) of/);
  const book = count(await segmentCount.textContent(), /of (\d+) accounts/);
  expect(members).toBeGreaterThan(0);
  expect(members).toBeLessThan(book);
  await page.getByRole('button', { name: 'Save segment' }).click();
  await expect(page.getByRole('navigation', { name: 'Saved segments' }).getByRole('button', { name: `In renewal (${members})` })).toBeVisible();

  // The segment as the grid's filter: exactly its members.
  await page.goto('/#/accounts');
  await page.getByLabel('Segment filter').selectOption({ label: 'In renewal' });
  const rowCount = page.getByTestId('row-count');
  await expect(rowCount).toHaveText(new RegExp(`^${members} of ${book.toLocaleString('en-US')} accounts$`));
  await expect(gridRows(page).locator('[data-column="stage"]').filter({ hasNotText: 'renewal' })).toHaveCount(0);

  // Narrow further with a column filter and save the grid's filters (segment and column) as a new segment.
  await page.getByLabel('Filter Tier').selectOption('Enterprise');
  await expect(rowCount).not.toHaveText(new RegExp(`^${members} of`));
  const narrowed = count(await rowCount.textContent(), /^([\d,]+) of/);
  expect(narrowed).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Save as segment' }).click();
  await page.getByLabel('Segment name').fill('Enterprise in renewal');
  await page.getByRole('form', { name: 'Save as segment' }).getByRole('button', { name: 'Save segment' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved segment Enterprise in renewal (${narrowed} accounts now)` })).toBeVisible();
  await expect(page.getByLabel('Segment filter').locator('option', { hasText: 'Enterprise in renewal' })).toHaveCount(1);

  // The new segment is listed with its live member count, the grid's count.
  await page.goto('/#/segments');
  await expect(page.getByRole('navigation', { name: 'Saved segments' }).getByRole('button', { name: `Enterprise in renewal (${narrowed})` })).toBeVisible();

  // A filter a segment cannot say is refused with the reason, and nothing is saved.
  await page.goto('/#/accounts');
  await page.getByLabel('Search accounts').fill('a');
  await page.getByRole('button', { name: 'Save as segment' }).click();
  await page.getByLabel('Segment name').fill('Searched');
  await page.getByRole('form', { name: 'Save as segment' }).getByRole('button', { name: 'Save segment' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The search box cannot be part of a segment' })).toBeVisible();
  await expect(page.getByLabel('Segment filter').locator('option', { hasText: 'Searched' })).toHaveCount(0);
});
