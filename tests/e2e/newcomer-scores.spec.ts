import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { gridRows, openBook } from './helpers';

// Scores, causes and counts as a new CSM reads them (issue 19), one test per item.

test.use({ viewport: { width: 1440, height: 900 } });

async function openScoredBook(page: Page): Promise<void> {
  await openBook(page);
  await expect(gridRows(page).first().locator('[data-column="health"]')).toHaveText(/^\d+$/, { timeout: 60_000 });
}

const SCORE_COLUMNS = ['health', 'risk', 'expansion'] as const;

test('churned accounts say why their scores are blank, in Health as in Risk and Expansion', async ({ page }) => {
  await openScoredBook(page);
  await page.getByLabel('Filter Status', { exact: true }).selectOption('churned');
  const rows = gridRows(page);
  await expect(rows.first()).toBeVisible();
  const count = Math.min(await rows.count(), 5);
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    for (const column of SCORE_COLUMNS) {
      const cell = rows.nth(i).locator(`[data-column="${column}"]`);
      await expect(cell, `${column} of churned row ${i + 1}`).toHaveText('churned');
      await expect(cell.locator('[title]')).toHaveAttribute('title', 'Churned accounts are not scored');
    }
  }
});

test('an import counts rows with errors, not errors, and imported accounts say why they have no score yet', async ({ page }) => {
  await openScoredBook(page);
  const csv = [
    'Account ID,Account Name,Industry,MRR,Licenses Purchased,Active Users,Renewal Date',
    'NC-001,Newcomer Alpha,Software,1200,30,24,2027-05-01',
    'NC-002,Newcomer Bravo,Retail,lots,ten,4,2027-02-15', // two errors on one row
    'NC-003,Newcomer Charlie,Healthcare,oops,25,20,2026-12-31', // one error
    'NC-004,Newcomer Delta,Logistics,900,25,20,2027-03-31',
  ].join('\n');
  await page.getByRole('button', { name: /Import CSV/ }).click();
  const dialog = page.getByTestId('import-dialog');
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByTestId('import-choose-file').click();
  await (await chooser).setFiles({ name: 'newcomer-accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await dialog.getByTestId('import-start').click();
  const summary = dialog.getByTestId('import-summary');
  await expect(summary).toContainText('2 rows with errors (3 errors)');
  await expect(summary.getByTestId('import-error-count')).toHaveText('2');
  await expect(dialog.getByTestId('import-errors').locator('tbody tr')).toHaveCount(3);
  await page.keyboard.press('Escape');

  // The imported accounts have no usage or touches on this device: their score cells say why, never blank.
  await page.getByLabel('Search accounts').fill('Newcomer');
  await expect(page.getByTestId('row-count')).toContainText('2 of');
  for (const row of await gridRows(page).all()) {
    for (const column of SCORE_COLUMNS) {
      await expect(row.locator(`[data-column="${column}"]`)).toHaveText(/^(\d+|not scored yet|no recent data|not enough data)$/);
    }
  }
});

test('alerts never name a recent touch ("last touch 0 days ago") as a main driver of churn risk', async ({ page }) => {
  await openScoredBook(page);
  await page.getByRole('link', { name: 'Alerts' }).click();
  const rows = page.getByRole('table', { name: 'Open alerts' }).locator('tbody tr');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  const details = await rows.filter({ hasText: 'Main drivers:' }).allTextContents();
  expect(details.length, 'some risk alerts name their drivers').toBeGreaterThan(0);
  const recent = details.flatMap((text) => [...text.matchAll(/last touch (\d+) days? ago/g)].filter((m) => Number(m[1]) < 30).map((m) => m[0]));
  expect(recent).toEqual([]);
});

test('opportunities: seats formatted, and seat use is active of purchased seats, the one definition', async ({ page }) => {
  await openScoredBook(page);
  await page.getByRole('link', { name: 'Opportunities' }).click();
  const rows = page.getByRole('table', { name: 'Expansion opportunities' }).locator('tbody tr');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  const seen = await rows.evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('[data-column="seats"]')?.textContent?.trim() ?? '', tr.querySelector('[data-column="seatUse"]')?.textContent?.trim() ?? '']),
  );
  expect(seen.length).toBeGreaterThan(0);
  for (const [seats, use] of seen) {
    const [active, purchased] = seats!.split(' / ').map((n) => Number(n.replace(/,/g, '')));
    expect(seats).toMatch(/^\d{1,3}(,\d{3})* \/ \d{1,3}(,\d{3})*$/);
    expect(use, `seat use of ${seats}`).toBe(`${Math.round((active! / purchased!) * 100)}%`);
  }
});

test('the account page shows its interventions: a clear empty state, then the playbook run started from it', async ({ page }) => {
  await openScoredBook(page);
  const first = gridRows(page).filter({ has: page.locator('[data-column="status"]', { hasText: 'active' }) }).first();
  const accountHref = (await first.locator('[data-column="name"]').getByRole('link').getAttribute('href'))!;
  await page.goto(`/${accountHref}`);
  const panel = page.locator('[data-slot="interventions"]');
  await expect(panel.getByRole('heading', { name: 'Intervention actions' })).toBeVisible();
  await expect(panel.getByTestId('executions-empty')).toHaveText(/No playbook has run on this account yet\. Start one above, or activate a playbook under Playbooks/);

  // Activate a playbook, then start it on this account from the panel: it is listed as running here.
  await page.goto('/#/playbooks');
  await page.getByLabel('Template').selectOption({ label: 'Low adoption' });
  await page.getByRole('button', { name: 'New from template' }).click();
  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Activated “Low adoption”' })).toBeVisible();
  await page.goto(`/${accountHref}`);
  await panel.getByLabel('Playbook to start').selectOption({ label: 'Low adoption' });
  await panel.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(panel.getByTestId('execution').first()).toContainText('Low adoption');
  await expect(panel.getByTestId('executions-empty')).toHaveCount(0);
});
