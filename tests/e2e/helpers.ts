import { expect, type Locator, type Page } from '@playwright/test';

/** Opens the workbench on the Accounts page and waits for the demo book to be seeded and shown. */
export async function openBook(page: Page, search = ''): Promise<void> {
  await page.goto(`/${search}#/accounts`);
  await expect(page.getByTestId('accounts-grid')).toBeVisible({ timeout: 60_000 });
  await expect(gridRows(page).first()).toBeVisible();
  // On a first start the grid opens once the accounts are stored; their history follows behind a progress bar.
  await expect(page.getByTestId('book-fill')).toHaveCount(0, { timeout: 120_000 });
}

export function gridRows(page: Page): Locator {
  return page.getByTestId('accounts-grid').locator('[role="row"][data-account-id]');
}

/** Drops CSV files on the import drop zone (`testId`), as a person dragging them from their desktop would. */
export async function dropFiles(page: Page, dropped: { name: string; text: string }[], testId = 'import-drop'): Promise<void> {
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'text/csv' }));
    return dt;
  }, dropped);
  await page.getByTestId(testId).dispatchEvent('drop', { dataTransfer: transfer });
}
