import { test, expect } from './fixtures';
import { openBook } from './helpers';

const CSV = [
  'Account ID,Account Name,Type,Industry,Website,MRR,Licenses Purchased,Active Users,Renewal Date',
  'SF-E2E-001,Northwind Analytics,Enterprise,Software,northwind.example,12000,300,240,2027-05-01',
  'SF-E2E-002,Bluebird Logistics,Mid-Market,Logistics,bluebird.example,not-a-number,80,40,2027-02-15',
  'SF-E2E-003,Cobalt Health,SMB,Healthcare,cobalt.example,900,25,20,2026-12-31',
].join('\n');

test('importing a CSV with one bad row reports that row and imports the good ones', async ({ page }) => {
  await openBook(page);
  await page.getByRole('button', { name: /Import CSV/ }).click();
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();

  const chooser = page.waitForEvent('filechooser');
  await dialog.getByTestId('import-choose-file').click();
  await (await chooser).setFiles({ name: 'salesforce-accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });

  await dialog.getByTestId('import-start').click();
  const summary = dialog.getByTestId('import-summary');
  await expect(summary).toBeVisible();
  const errors = dialog.getByTestId('import-errors');
  await expect(errors).toContainText('salesforce-accounts.csv');
  await expect(errors).toContainText('MRR');
  const errorRows = errors.locator('tbody tr');
  await expect(errorRows).toHaveCount(1);
  await expect(errorRows.first()).toContainText('3');

  await page.keyboard.press('Escape');
  await page.getByLabel('Search accounts').fill('Northwind Analytics');
  await expect(page.getByTestId('accounts-grid')).toContainText('Northwind Analytics');
  await page.getByLabel('Search accounts').fill('Cobalt Health');
  await expect(page.getByTestId('accounts-grid')).toContainText('Cobalt Health');
  await page.getByLabel('Search accounts').fill('Bluebird Logistics');
  await expect(page.getByTestId('row-count')).toContainText('0 of');
});
