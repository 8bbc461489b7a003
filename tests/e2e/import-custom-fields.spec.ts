import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { gridRows, openBook } from './helpers';

const ACCOUNTS = {
  name: 'accounts.csv',
  text: [
    'Account ID,Account Name,Website,Customer Priority,Partner Score',
    'CF-1,Quillfeather Labs,quillfeather.example,Platinum,42',
    'CF-2,Rookwood Systems,rookwood.example,Bronze,7',
    'CF-3,Saltmarsh Freight,saltmarsh.example,Platinum,19',
  ].join('\n'),
};

async function dropFiles(page: Page, dropped: { name: string; text: string }[]): Promise<void> {
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'text/csv' }));
    return dt;
  }, dropped);
  await page.getByTestId('import-drop').dispatchEvent('drop', { dataTransfer: transfer });
}

async function importFile(page: Page, setUp: () => Promise<void>): Promise<void> {
  await page.getByRole('link', { name: 'Import' }).click();
  await dropFiles(page, [ACCOUNTS]);
  await expect(page.getByTestId('import-0-kind')).toHaveValue('accounts');
  await setUp();
  await page.getByTestId('import-preview').click();
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
}

test('an unmapped column kept as a custom field: a grid column to show, filter and sort, and a workbench panel', async ({ page }) => {
  await openBook(page);
  await importFile(page, async () => {
    // Both extra columns are listed as not imported; keep them.
    const unmapped = page.getByTestId('import-0-unmapped');
    await expect(unmapped).toContainText('Customer Priority');
    await page.getByTestId('import-0-keep-Customer Priority').check();
    await page.getByTestId('import-0-keep-Partner Score').check();
  });

  await page.getByRole('link', { name: 'Accounts' }).click();
  const grid = page.getByTestId('accounts-grid');
  // Custom columns are hidden until shown from the Columns popover.
  await expect(grid.locator('[role="columnheader"][data-column="custom:Customer Priority"]')).toHaveCount(0);
  await page.locator('.column-chooser summary').click();
  await page.getByLabel('Show Customer Priority').check();
  await page.getByLabel('Show Partner Score').check();
  await page.keyboard.press('Escape');
  await expect(grid.locator('[role="columnheader"][data-column="custom:Customer Priority"]')).toBeVisible();

  // Text filter: "contains".
  await page.getByLabel('Filter Customer Priority').fill('platinum');
  await expect(gridRows(page)).toHaveCount(2);
  // Number filter on the other kept column, and sorting by it.
  await page.getByLabel('Filter Partner Score').fill('20');
  await expect(gridRows(page)).toHaveCount(1);
  await expect(gridRows(page).first()).toContainText('Quillfeather Labs');
  await page.getByLabel('Filter Partner Score').fill('');
  await expect(gridRows(page)).toHaveCount(2);
  await grid.locator('[role="columnheader"][data-column="custom:Partner Score"]').getByRole('button').click();
  await expect(gridRows(page).first().locator('[data-column="name"]')).toHaveText('Saltmarsh Freight');
  await expect(gridRows(page).first().locator('[data-column="custom:Partner Score"]')).toHaveText('19');

  // The account page shows its custom fields.
  await page.getByRole('link', { name: 'Quillfeather Labs' }).click();
  const panel = page.getByTestId('custom-fields');
  await expect(panel).toContainText('Customer Priority');
  await expect(panel.locator('[data-field="Customer Priority"] dd')).toHaveText('Platinum');
  await expect(panel.locator('[data-field="Partner Score"] dd')).toHaveText('42');
});
