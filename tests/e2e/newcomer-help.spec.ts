import { test, expect } from './fixtures';
import { gridRows, openBook } from './helpers';

// Help, progress and first-start states as a new CSM meets them (issue 19).

test.describe(() => {
  // `?demo=` / `?profile=` act only on a first start.
  test.use({ bookProfile: 'empty' });

  test('a first start counts the demo book\'s accounts being written instead of a bare "Opening your book…"', async ({ page }) => {
    // A bigger book, so writing its accounts takes long enough to be watched.
    await page.goto('/?demo=2000#/accounts');
    const opening = page.getByTestId('book-opening');
    await expect(opening.getByRole('progressbar', { name: 'Creating the demo book' })).toBeVisible({ timeout: 30_000 });
    await expect(opening).toContainText(/of 2,000 accounts written/);
    // Then the grid opens, and the history is counted behind it.
    await expect(gridRows(page).first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('book-fill')).toContainText('of 2,000 accounts');
  });
});

test('the shortcut sheet opens on ?, the first-run tour can be skipped for good, and rescoring after a weight change shows progress', async ({ page }) => {
  await openBook(page);

  // The first-run tour: shown once, skippable, gone after a reload.
  const tour = page.getByTestId('first-run-tour');
  await expect(tour).toContainText('Getting started · 1 of 4');
  await tour.getByRole('button', { name: 'Next' }).click();
  await expect(tour).toContainText('2 of 4');
  await tour.getByRole('button', { name: 'Skip tour' }).click();
  await expect(tour).toHaveCount(0);

  // ? opens the keyboard shortcut sheet (not while typing), Escape closes it.
  await page.getByLabel('Search accounts').fill('?');
  await expect(page.getByTestId('shortcut-sheet')).not.toBeVisible();
  await page.getByLabel('Search accounts').fill('');
  await page.getByTestId('accounts-grid').focus();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Alt+2');
  await expect(sheet).toContainText('Go to Accounts');
  await page.keyboard.press('Escape');
  await expect(sheet).not.toBeVisible();

  await page.reload();
  await expect(gridRows(page).first()).toBeVisible({ timeout: 60_000 });
  await expect(tour).toHaveCount(0);

  // Rescoring after a weight change shows a counted progress (watched from the page, however fast it runs).
  await expect(gridRows(page).first().locator('[data-column="health"]')).toHaveText(/^\d+$/, { timeout: 60_000 });
  await page.getByRole('link', { name: 'Scoring' }).click();
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __progressSeen: string[] }).__progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="scoring-progress"]');
      if (bar?.textContent) seen.push(bar.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const weight = page.getByRole('spinbutton', { name: /weight/i }).first();
  await weight.fill(String(Number(await weight.inputValue()) + 5));
  await page.getByRole('button', { name: 'Save scoring settings' }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __progressSeen: string[] }).__progressSeen), { timeout: 30_000 })
    .toContainEqual(expect.stringMatching(/Scoring your book: [\d,]+ of [\d,]+ accounts/));
  await expect(page.getByTestId('scoring-progress')).toHaveCount(0, { timeout: 30_000 });
});
