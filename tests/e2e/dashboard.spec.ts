import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Page, TestInfo } from '@playwright/test';
import * as Papa from 'papaparse';
import { test, expect } from './fixtures';
import { openBook } from './helpers';

const run = promisify(execFile);

/** Every KPI figure stays on one line inside its card: no overflow, no wrap (the 10,000-account ARR card wrapped). */
async function expectKpisFit(page: Page): Promise<void> {
  const values = page.locator('.kpi-value');
  expect(await values.count()).toBeGreaterThan(3);
  const measured = await values.evaluateAll((els) =>
    els.map((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      return { text: el.textContent, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, lines };
    }),
  );
  for (const m of measured) {
    expect(m.scrollWidth, `KPI "${m.text}" overflows its card`).toBeLessThanOrEqual(m.clientWidth);
    expect(m.lines, `KPI "${m.text}" wraps`).toBe(1);
  }
}

async function screenshotsInBothThemes(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    const toggle = page.getByRole('button', { name: /^Switch to (light|dark) theme$/ });
    if ((await page.evaluate(() => document.documentElement.dataset['theme'])) !== theme) await toggle.click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expectKpisFit(page);
    const path = testInfo.outputPath(`${name}-${theme}.png`);
    // The shell scrolls inside its main area, so a tall viewport shows the whole page.
    await page.setViewportSize({ width: 1280, height: 2600 });
    await page.screenshot({ path });
    await page.setViewportSize({ width: 1280, height: 800 });
    await testInfo.attach(`${name}-${theme}`, { path, contentType: 'image/png' });
  }
}

/** Renders the page's print layout to PDF with Chromium's printToPDF (what Electron's main calls), then to PNG and text. */
async function printedPdf(page: Page, testInfo: TestInfo, name: string): Promise<{ text: string; pngBytes: number }> {
  await expect(page.getByTestId('print-layout')).toHaveAttribute('data-printed', 'true', { timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);
  const pdf = testInfo.outputPath(`${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const png = testInfo.outputPath(name);
  await run('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', pdf, png]);
  const { stdout: text } = await run('pdftotext', ['-layout', pdf, '-']);
  const pngPath = `${png}-1.png`;
  await testInfo.attach(`${name}-page-1`, { path: pngPath, contentType: 'image/png' });
  return { text, pngBytes: (await stat(pngPath)).size };
}

test.beforeEach(async ({ page }) => {
  // The browser host's PDF export opens the print dialog; here it is counted, and the test prints the same layout.
  await page.addInitScript(() => {
    (window as unknown as { printCalls: number }).printCalls = 0;
    window.print = () => void ((window as unknown as { printCalls: number }).printCalls += 1);
  });
});

test('the executive dashboard on the demo book: KPIs that fit, a risk chart, CSV and PDF export', async ({ page }, testInfo) => {
  await openBook(page);
  await page.goto('/#/');
  await expect(page.getByTestId('dashboard-overview')).toBeVisible();
  // KPIs wait for the on-device scoring of the book.
  await expect(page.getByTestId('kpi-revenue-at-risk')).not.toContainText('Scoring the book', { timeout: 60_000 });
  await expect(page.getByTestId('kpi-revenue-at-risk').locator('.kpi-value')).toHaveText(/^\$\d/);
  // The goal needs the revenue history, read once the demo fill has written it.
  await expect(page.getByTestId('kpi-goal')).toContainText('No target set', { timeout: 60_000 });
  await expect(page.getByTestId('chart-risk-distribution').locator('canvas')).toBeVisible();
  await screenshotsInBothThemes(page, testInfo, 'dashboard');

  // The risk chart's data table, by keyboard: its disclosure opens with Enter.
  const toggle = page.getByText('Data table: Risk distribution');
  await toggle.focus();
  await page.keyboard.press('Enter');
  const bandRows = page.getByTestId('table-risk-distribution').locator('tbody tr');
  await expect(bandRows).toHaveCount(6);

  // CSV of that table, opened and parsed.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV of Accounts by risk band' }).click();
  const csvPath = testInfo.outputPath('risk-distribution.csv');
  await (await download).saveAs(csvPath);
  const parsed = Papa.parse<string[]>((await readFile(csvPath, 'utf8')).trim(), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [headers, ...csvRows] = parsed.data;
  expect(headers).toEqual(['Churn probability', 'Accounts', 'ARR']);
  expect(csvRows).toHaveLength(6);
  const shown = await bandRows.evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[1]!.textContent));
  expect(csvRows.map((r) => r[1])).toEqual(shown);
  const active = Number((await page.getByTestId('stat-active-accounts').locator('.kpi-value').textContent())!.replace(/\D/g, ''));
  expect(csvRows.reduce((sum, r) => sum + Number(r[1]), 0)).toBe(active);

  // A team lead sets a target and shares the configuration; the goal KPI reads it.
  await page.getByText(/^Dashboard configuration:/).click();
  await page.getByTestId('dashboard-config-name').fill('Weekly review');
  await page.getByTestId('dashboard-config-target').fill('250000');
  await page.getByTestId('dashboard-config-save').click();
  await expect(page.getByTestId('dashboard-config')).toContainText('Saved “Weekly review” for the team');
  await expect(page.getByTestId('kpi-goal')).toContainText('of $250');

  // PDF from the print layout.
  await page.getByTestId('dashboard-export-pdf').click();
  const { text, pngBytes } = await printedPdf(page, testInfo, 'dashboard');
  expect(pngBytes).toBeGreaterThan(2000);
  // KPI labels print in capitals (CSS), so titles are compared without case.
  for (const title of ['Outpost dashboard', 'Weekly review', 'Revenue at risk', 'Risk distribution', 'Next renewals', 'Active accounts by tier']) expect(text.toLowerCase()).toContain(title.toLowerCase());
});

test('the analytics console on the demo book: retention with its formulas, charts with tables, PDF', async ({ page }, testInfo) => {
  await openBook(page);
  await page.goto('/#/analytics');
  await expect(page.getByTestId('analytics-console')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('kpi-grr').locator('.kpi-value')).toHaveText(/^\d+\.\d%$/);
  await expect(page.getByTestId('kpi-nrr').locator('.kpi-value')).toHaveText(/^\d+\.\d%$/);
  await expect(page.getByTestId('retention-formulas')).toContainText('GRR = Σ min(MRR at end, MRR at start) ÷ Σ MRR at start');
  for (const id of ['waterfall', 'cohorts', 'trend', 'expansion', 'workload', 'forecast']) {
    await expect(page.getByTestId(`chart-${id}`).locator('canvas')).toBeVisible();
  }
  // Slices: one tier narrows the workload table to that tier's accounts.
  const accountsIn = async () => page.getByTestId('table-workload').locator('tbody tr').evaluateAll((rows) => rows.reduce((n, r) => n + Number(r.querySelectorAll('td')[1]!.textContent), 0));
  await page.getByText('Data table: CSM workload and coverage').click();
  const all = await accountsIn();
  await page.getByTestId('slice-tier').selectOption('Enterprise');
  await expect.poll(accountsIn).toBeLessThan(all);
  await page.getByTestId('slice-tier').selectOption('');
  await expect.poll(accountsIn).toBe(all);
  // Another time range: its figures replace the last ones (computed a few steps per task, the last ones shown, dimmed,
  // meanwhile); going back to the first range is answered from the kept figures.
  const formulas = page.getByTestId('retention-formulas');
  const quarterText = (await formulas.textContent())!;
  await page.getByTestId('time-range').selectOption('last-12-months');
  await expect(formulas).not.toHaveText(quarterText);
  await expect(page.getByTestId('analytics-console')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('console-progress')).toHaveCount(0);
  await page.getByTestId('time-range').selectOption('this-quarter');
  await expect(formulas).toHaveText(quarterText);
  // The CSM's own call on a renewal is saved on the account and rolled up beside the model's.
  await page.getByText(/^Data table: Renewal forecast/).click();
  const teamCommit = page.getByTestId('table-forecast-rollup').locator('tbody tr').last().locator('td').nth(7);
  await expect(teamCommit).toHaveText('$0');
  const firstRenewal = page.getByTestId('table-renewals').locator('tbody tr').first();
  const renewingArr = (await firstRenewal.locator('td').nth(3).textContent())!;
  await firstRenewal.getByRole('combobox').selectOption('commit');
  await expect(teamCommit).toHaveText(renewingArr);

  await screenshotsInBothThemes(page, testInfo, 'console');

  // The PDF is printed from the light print layout even from the dark theme.
  await page.getByTestId('console-export-pdf').click();
  const { text, pngBytes } = await printedPdf(page, testInfo, 'console');
  expect(pngBytes).toBeGreaterThan(2000);
  for (const title of ['Outpost analytics', 'Gross revenue retention', 'MRR movements', 'Cohort retention by start month', 'Health and risk trend', 'Expansion revenue against target', 'CSM workload and coverage', 'Renewal forecast']) {
    expect(text.toLowerCase()).toContain(title.toLowerCase());
  }
});

test.describe(() => {
  // `?demo=` / `?profile=` act only on a first start.
  test.use({ bookProfile: 'empty' });

  test('a 10,000-account book: the ARR card shows a compact figure on one line, the exact one on hover', async ({ page }, testInfo) => {
    await page.goto('/?demo=10000#/');
    // The accounts are stored first and the dashboard shows them while their history is still being written.
    await expect(page.getByTestId('stat-active-accounts').locator('.kpi-value')).toHaveText(/^\d+(\.\d+)?\u00a0K$/, { timeout: 60_000 });
    const arr = page.getByTestId('stat-arr').locator('.kpi-value');
    await expect(arr).toHaveText(/^\$\d(\.\d+)?\u00a0B$/);
    await expect(arr).toHaveAttribute('title', /^\$\d,\d{3},\d{3},\d{3}$/);
    await screenshotsInBothThemes(page, testInfo, 'dashboard-10000');
  });
});
