import { test, expect } from './fixtures';
import { dropFiles, gridRows, openBook } from './helpers';
import { ownFeatureBookCsv } from './own-feature-book';

/**
 * The team's own product features, as a person meets them: a book whose churn follows "Dashboards Shared" (none of
 * the six product features) is imported; a playbook can start on that feature; a retrain on the book learns it and,
 * promoted, the app's real scoring Web Worker scores with its columns: an open account's risk reasons name it.
 */


test.describe(() => {
  // `?demo=` acts only on a first start: a one-account demo book, then the team's own book imported.
  test.use({ bookProfile: 'empty' });

  test("an imported own feature: a playbook trigger on it, a retrain that learns it, and the scoring worker's reasons name it", async ({ page }) => {
    await openBook(page, '?demo=1');
    await page.getByRole('link', { name: 'Import' }).click();
    await dropFiles(page, ownFeatureBookCsv());
    for (const [i, kind] of ['accounts', 'outcomes', 'events'].entries()) await expect(page.getByTestId(`import-${i}-kind`)).toHaveValue(kind);
    await page.getByTestId('import-preview').click();
    await expect(page.getByTestId('import-features')).toContainText('dashboards_shared');
    await page.getByTestId('import-commit').click();
    await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 30_000 });

    // The playbook builder's product-event trigger offers the book's own feature, in words.
    await page.getByRole('link', { name: 'Playbooks' }).click();
    await page.getByLabel('Template').selectOption({ label: 'Low adoption' });
    await page.getByRole('button', { name: 'New from template' }).click();
    await page.getByLabel('Trigger', { exact: true }).selectOption('product-event');
    const feature = page.getByLabel('Product feature');
    await expect(feature.locator('option', { hasText: "Dashboards shared (your team's feature)" })).toHaveCount(1);
    await feature.selectOption('dashboards_shared');
    await expect(feature).toHaveValue('dashboards_shared');

    // Retrain on the book (its catalogue holds the own feature), promote: the book rescores with the new model.
    // (Through the app's links, not page.goto: one app start for the whole test.)
    await page.getByRole('link', { name: 'Scoring' }).click();
    const panel = page.getByTestId('models-panel');
    await panel.getByRole('button', { name: 'Retrain on this book' }).click();
    await expect(panel.getByTestId('retrain-result')).toBeVisible({ timeout: 60_000 });
    await panel.getByRole('button', { name: 'Promote candidate' }).click();
    await expect(panel.getByTestId('current-model-version')).toContainText('team-churn-');

    // An open account that stopped sharing dashboards: its risk reasons, computed by the scoring worker from the
    // own feature's columns, name the feature.
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByLabel('Search accounts').fill('Open Account 0 fading');
    await gridRows(page).getByRole('link', { name: 'Open Account 0 fading', exact: true }).click();
    await expect(page.getByRole('list', { name: 'Risk factors' })).toContainText(/\d+ events? of "dashboards_shared" last month|change in "dashboards_shared" events/, { timeout: 30_000 });
  });
});
