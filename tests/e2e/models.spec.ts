import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { gridRows, openBook } from './helpers';
import { E2E_USERS } from '../support/e2e-sync-users';
import { signInContext } from './team-session';

/**
 * The Models page (Scoring settings) on the second book profile (support escalations and payment trouble drive
 * churn): retrain on the book, read the candidate's metrics and reliability diagram, promote it, and the grid's
 * scores change. A Viewer cannot promote.
 */

async function risksOnScreen(page: Page): Promise<string[]> {
  return gridRows(page).evaluateAll((rows) => rows.slice(0, 20).map((row) => row.querySelector('[data-column="risk"]')?.textContent ?? ''));
}

test.describe(() => {
  // `?demo=` / `?profile=` act only on a first start.
  test.use({ bookProfile: 'empty' });

  test('retrain on the support-led book, see the metrics and the reliability diagram, promote, and the grid scores change', async ({ page }) => {
    test.slow(); // a 700-account first start, scoring, then an in-browser retrain and a rescore in one test
    await openBook(page, '?demo=700&profile=support-led');
    const riskCells = page.getByTestId('accounts-grid').locator('[data-column="risk"]');
    await expect(riskCells.filter({ hasText: /^\d+$/ }).first()).toBeVisible({ timeout: 60_000 });
    const before = await risksOnScreen(page);

    await page.goto('/#/scoring');
    const panel = page.getByTestId('models-panel');
    await expect(panel.getByTestId('current-model-version')).toContainText('shipped');
    await panel.getByRole('button', { name: 'Retrain on this book' }).click();
    await expect(panel.getByTestId('retrain-result')).toBeVisible({ timeout: 60_000 });
    const candidateAuc = Number(await panel.getByTestId('candidate-ROC-AUC').textContent());
    const currentAuc = Number(await panel.getByTestId('current-ROC-AUC').textContent());
    expect(candidateAuc).toBeGreaterThan(currentAuc);
    await expect(panel.getByTestId('candidate-Calibration error (ECE)')).toHaveText(/^0\.\d{3}$/);
    await expect(panel.getByTestId('calibration-note')).toContainText('before');
    await expect(panel.getByTestId('reliability-diagram').locator('canvas')).toBeVisible();
    await expect(panel.getByTestId('feature-importance').locator('canvas')).toBeVisible();
    // The card says what the CSMs' "this alert was wrong" contributed (alerts marked wrong today concern no past renewal).
    await panel.getByText('Model card').click();
    await expect(panel.getByTestId('model-card-feedback')).toContainText(/items used|No alert was marked wrong/);
    await expect(panel.getByTestId('drift')).toContainText('population stability index');
    await expect(panel.getByRole('heading', { name: 'Alert precision per rule' })).toBeVisible();
    await expect(panel.getByTestId('scorecard-proposal')).toContainText('ROC-AUC of low health');
    await expect(panel.getByRole('button', { name: 'Apply proposed weights' })).toBeVisible();

    await panel.getByRole('button', { name: 'Promote candidate' }).click();
    await expect(panel.getByText(/^Promoted team-churn-/)).toBeVisible();
    await expect(panel.getByTestId('current-model-version')).toContainText('team-churn-');
    await expect(panel.getByTestId('model-versions')).toContainText('Shipped models');

    await page.goto('/#/accounts');
    await expect.poll(async () => (await risksOnScreen(page)).filter((risk, i) => risk !== before[i]).length, { timeout: 30_000 }).toBeGreaterThan(5);
  });
});

/** From the next navigation on, the page's clock runs `days` ahead (scripts added later add up). */
async function daysLater(page: Page, days: number): Promise<void> {
  await page.addInitScript((offset) => {
    const RealDate = Date;
    class ShiftedDate extends RealDate {
      constructor(...args: ConstructorParameters<DateConstructor> | []) {
        if (args.length === 0) super(RealDate.now() + offset);
        else super(...(args as ConstructorParameters<DateConstructor>));
      }
      static override now(): number {
        return RealDate.now() + offset;
      }
    }
    globalThis.Date = ShiftedDate as DateConstructor;
  }, days * 86_400_000);
}

test('the Models page reminds of a retrain once a week, and "Remind me next week" snoozes it on this device', async ({ page }) => {
  await openBook(page);
  await page.goto('/#/scoring');
  const panel = page.getByTestId('models-panel');
  // The first week counts from the first visit (stored once the page says when the reminder falls due).
  await expect(panel.getByTestId('retrain-reminder-next')).toContainText('Next weekly retrain reminder');
  await expect(panel.getByTestId('retrain-reminder')).toHaveCount(0);

  await daysLater(page, 8);
  await page.reload();
  await expect(panel.getByTestId('retrain-reminder')).toContainText('Weekly retrain due: no model has been retrained on this book yet');
  await panel.getByRole('button', { name: 'Remind me next week' }).click();
  await expect(panel.getByTestId('retrain-reminder-next')).toBeVisible();
  await expect(panel.getByTestId('retrain-reminder')).toHaveCount(0);
  await page.reload();
  await expect(panel.getByTestId('retrain-reminder-next')).toBeVisible();
  await expect(panel.getByTestId('retrain-reminder')).toHaveCount(0);

  await daysLater(page, 7);
  await page.reload();
  await expect(panel.getByTestId('retrain-reminder')).toBeVisible();
});

test('a Viewer cannot promote or restore a model', async ({ browser }) => {
  const context: BrowserContext = await browser.newContext();
  await signInContext(context, E2E_USERS.viewer.email);
  const page = await context.newPage();
  await page.goto('/#/scoring');
  const panel = page.getByTestId('models-panel');
  await expect(panel.getByTestId('promote-read-only')).toContainText('only Admins and CS Managers can promote');
  await expect(panel.getByRole('button', { name: 'Promote candidate' })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Restore' })).toHaveCount(0);
  // The team book is small: a retrain says plainly that it has too few outcomes.
  await panel.getByRole('button', { name: 'Retrain on this book' }).click();
  await expect(panel.getByTestId('retrain-failed')).toContainText('Retraining needs at least 300 renewals');
  await context.close();
});
