import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { dropFiles, gridRows, openBook } from './helpers';

const ACCOUNTS = {
  name: 'accounts.csv',
  text: [
    'Account ID,Account Name,Website,Customer Priority,Partner Score',
    'CF-1,Quillfeather Labs,quillfeather.example,Platinum,42',
    'CF-2,Rookwood Systems,rookwood.example,Bronze,7',
    'CF-3,Saltmarsh Freight,saltmarsh.example,Platinum,19',
  ].join('\n'),
};


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

test('a custom field is edited in place on the account page, typed by its kind, undoable, kept and shown in the grid', async ({ page }) => {
  test.slow(); // an import, then a reload of the whole app: two first loads of the book in one test
  await openBook(page);
  await importFile(page, async () => {
    await page.getByTestId('import-0-keep-Customer Priority').check();
    await page.getByTestId('import-0-keep-Partner Score').check();
  });
  await page.getByRole('link', { name: 'Accounts' }).click();
  await page.getByLabel('Search accounts').fill('Quillfeather Labs');
  await page.getByRole('link', { name: 'Quillfeather Labs' }).click();
  const panel = page.getByTestId('custom-fields');

  // Keyboard only: focus the value, Enter opens the editor. Partner Score is a number column in the book.
  await panel.getByRole('button', { name: 'Edit Partner Score: 42' }).focus();
  await page.keyboard.press('Enter');
  const score = panel.getByRole('textbox', { name: 'Edit Partner Score' });
  await expect(score).toBeFocused();
  await score.fill('lots');
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('alert')).toHaveText('Partner Score must be a number');
  await score.fill('1,064');
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('button', { name: 'Edit Partner Score: 1064' })).toBeFocused();

  // A text field: edited, then undone from the toast like any account edit; Escape leaves an editor unchanged.
  await panel.getByRole('button', { name: 'Edit Customer Priority: Platinum' }).click();
  await panel.getByRole('textbox', { name: 'Edit Customer Priority' }).fill('Gold');
  await page.keyboard.press('Enter');
  await expect(panel.locator('[data-field="Customer Priority"] dd')).toHaveText('Gold');
  await expect(page.getByTestId('undo-toast')).toContainText('Saved Customer Priority');
  await page.getByTestId('undo-toast').getByRole('button', { name: 'Undo' }).click();
  await expect(panel.locator('[data-field="Customer Priority"] dd')).toHaveText('Platinum');
  await panel.getByRole('button', { name: 'Edit Customer Priority: Platinum' }).click();
  await panel.getByRole('textbox', { name: 'Edit Customer Priority' }).fill('Tin');
  await page.keyboard.press('Escape');
  await expect(panel.locator('[data-field="Customer Priority"] dd')).toHaveText('Platinum');

  // Kept across a reload, and the grid's custom-field column shows the new value.
  await page.reload();
  await expect(page.getByTestId('custom-fields').locator('[data-field="Partner Score"] dd')).toHaveText('1064', { timeout: 60_000 });
  await expect(page.getByTestId('custom-fields').locator('[data-field="Customer Priority"] dd')).toHaveText('Platinum');
  await page.getByRole('link', { name: 'Accounts', exact: true }).click();
  await page.getByLabel('Search accounts').fill('Quillfeather Labs');
  await expect(gridRows(page)).toHaveCount(1);
  await page.locator('.column-chooser summary').click();
  await page.getByLabel('Show Partner Score').setChecked(true);
  await page.keyboard.press('Escape');
  await expect(gridRows(page).first().locator('[data-column="custom:Partner Score"]')).toHaveText('1064');
  // Still a number column: over the whole book, a range filter finds it alone.
  await page.getByLabel('Search accounts').fill('');
  await page.getByLabel('Filter Partner Score').fill('1000');
  await expect(gridRows(page)).toHaveCount(1);
  await expect(gridRows(page).first()).toContainText('Quillfeather Labs');
});

/** A CRM report whose columns Outpost does not know, then next month's export of it (headers in another order and case). */
const CRM_MAY = {
  name: 'crm-may.csv',
  text: ['Cust Ref,Company,Plan Level,Priority', 'TP-1,Tamarind Payments,Gold,High', 'TP-2,Umber Logistics,Silver,Low'].join('\n'),
};
const CRM_JUNE = {
  name: 'crm-june.csv',
  text: ['company,cust ref,priority,plan level', 'Vellum Studios,TP-3,High,Gold', 'Tamarind Payments,TP-1,Medium,Gold'].join('\n'),
};

test('a saved import template is offered for the next file with the same headers and sets it up', async ({ page }) => {
  await openBook(page);
  await page.getByRole('link', { name: 'Import' }).click();
  await dropFiles(page, [CRM_MAY]);
  await page.getByTestId('import-0-kind').selectOption('accounts');
  await page.getByTestId('import-0-map-externalId').selectOption('Cust Ref');
  await page.getByTestId('import-0-map-name').selectOption('Company');
  await page.getByTestId('import-0-map-tier').selectOption('Plan Level');
  await page.getByTestId('import-0-value-tier-Gold').selectOption('Enterprise');
  await page.getByTestId('import-0-value-tier-Silver').selectOption('Mid-Market');
  await page.getByTestId('import-0-keep-Priority').check();
  await page.getByTestId('import-0-template-name').fill('CRM monthly');
  await page.getByTestId('import-0-template-save').click();
  await expect(page.getByTestId('import-0-template-message')).toContainText('Saved as template “CRM monthly”');
  await page.getByTestId('import-preview').click();
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toBeVisible();

  // Templates are kept on the device: after a reload, next month's file is set up from it.
  await page.reload();
  await expect(page.getByTestId('import-drop')).toBeVisible({ timeout: 60_000 });
  await dropFiles(page, [CRM_JUNE]);
  await expect(page.getByTestId('import-0-template')).toHaveValue(/^template:/);
  await expect(page.getByTestId('import-0-template').locator('option:checked')).toHaveText('your template “CRM monthly”');
  await expect(page.getByTestId('import-0-kind')).toHaveValue('accounts');
  await expect(page.getByTestId('import-0-map-externalId')).toHaveValue('cust ref');
  await expect(page.getByTestId('import-0-map-tier')).toHaveValue('plan level');
  await expect(page.getByTestId('import-0-value-tier-Gold')).toHaveValue('Enterprise');
  await expect(page.getByTestId('import-0-keep-priority')).toBeChecked();
  // Going back to Outpost's own guess drops the template's choices; choosing the template again restores them.
  await page.getByTestId('import-0-template').selectOption('');
  await expect(page.getByTestId('import-0-keep-priority')).not.toBeChecked();
  await page.getByTestId('import-0-template').selectOption({ label: 'your template “CRM monthly”' });
  await expect(page.getByTestId('import-0-keep-priority')).toBeChecked();

  await page.getByTestId('import-preview').click();
  const file = page.getByTestId('import-plan-file-0');
  await expect(file.getByTestId('count-new')).toHaveText('1');
  await expect(file.getByTestId('count-updated')).toHaveText('1');
  await expect(file.getByTestId('count-rejected')).toHaveText('0');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toBeVisible();

  await page.getByRole('link', { name: 'Accounts' }).click();
  await page.getByLabel('Search accounts').fill('Vellum Studios');
  await expect(gridRows(page)).toHaveCount(1);
  await expect(gridRows(page).first().locator('[data-column="tier"]')).toHaveText('Enterprise');
  await page.getByRole('link', { name: 'Vellum Studios' }).click();
  await expect(page.getByTestId('custom-fields').locator('[data-field="Priority"] dd')).toHaveText('High');
});
