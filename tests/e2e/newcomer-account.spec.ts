import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { gridRows, openBook } from './helpers';

// What a new CSM trips over on an account's page (issue 19), one test per item.

test.use({ viewport: { width: 1440, height: 900 } });

/** WCAG contrast ratio of an element's text against the first opaque background behind it. */
async function contrastOf(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const c = [r!, g!, b!].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
    };
    let bg: number[] = [255, 255, 255];
    for (let node: Element | null = el; node; node = node.parentElement) {
      const parts = rgb(getComputedStyle(node).backgroundColor);
      if (parts.length >= 3 && (parts.length < 4 || parts[3] === 1)) {
        bg = parts;
        break;
      }
    }
    const [a, b] = [luminance(rgb(getComputedStyle(el).color)), luminance(bg)].sort((x, y) => y - x);
    return (a! + 0.05) / (b! + 0.05);
  });
}

async function openScoredAccount(page: Page): Promise<string> {
  await openBook(page);
  // The first account with expansion signals and risk factors once scored (the demo book's first active account).
  await expect(gridRows(page).first().locator('[data-column="health"]')).toHaveText(/^\d+$/, { timeout: 60_000 });
  const row = gridRows(page).filter({ has: page.locator('[data-column="status"]', { hasText: 'active' }) }).first();
  const name = (await row.locator('[data-column="name"]').textContent())!.trim();
  await row.locator('[data-column="name"]').getByRole('link').click();
  await expect(page.getByTestId('account-header')).toContainText(name);
  await expect(page.getByTestId('health-score')).toBeVisible({ timeout: 30_000 });
  return name;
}

test('the account page: no stale placeholder, one seat-use figure, score history not a lone dot, reasons coloured good/bad and readable in dark', async ({ page }) => {
  await openScoredAccount(page);
  await expect(page.getByText('Health and risk scores arrive with on-device scoring.')).toHaveCount(0);

  // Seat use: the header's figure is active of purchased seats, and no reason claims another "seats in use" figure.
  const seats = page.getByTestId('header-seats');
  const [, active, purchased, percent] = (await seats.textContent())!.match(/([\d,]+) \/ ([\d,]+) \((\d+)% in use\)/)!;
  expect(Number(percent)).toBe(Math.round((Number(active!.replace(/,/g, '')) / Number(purchased!.replace(/,/g, ''))) * 100));
  await expect(page.getByTestId('account-scores')).not.toContainText('seats in use');

  // The score history is a line, or says when it will be one: never a chart with one dot in it.
  const chart = page.getByTestId('score-history');
  const pending = page.getByTestId('score-history-pending');
  await expect(chart.or(pending)).toBeVisible();
  if (await pending.isVisible()) await expect(pending).toContainText('line from the second day');

  // Reasons that raise expansion are good news (green); reasons that raise risk are bad news (red).
  const success = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--success').trim());
  const danger = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--danger').trim());
  const toRgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
  const expansion = page.getByRole('list', { name: 'Expansion factors' }).getByRole('listitem');
  const risk = page.getByRole('list', { name: 'Risk factors' }).getByRole('listitem').filter({ hasText: /: \+/ });
  await expect(expansion.first()).toHaveCSS('color', toRgb(success));
  await expect(risk.first()).toHaveCSS('color', toRgb(danger));

  // Dark mode: the explanation lists measure at least 4.5:1 (they measured 2.50:1 and 2.19:1).
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  for (const item of [expansion.first(), risk.first()]) expect(await contrastOf(item)).toBeGreaterThanOrEqual(4.5);
});

test('the account page: the activity form sits right below the contacts, and the undo toast leaves the last rows readable', async ({ page }) => {
  await openScoredAccount(page);
  // Once every panel has rendered (the usage chart above the contacts grows when it does), both read in one frame:
  // two separate reads could straddle a panel replacing its skeleton and measure the shift, not the layout.
  await expect(page.locator('.panel-loading')).toHaveCount(0);
  const gap = await page.evaluate(() => {
    const contacts = document.querySelector('[data-testid="contacts-panel"]')!.getBoundingClientRect();
    const form = document.getElementById('log-activity-heading')!.getBoundingClientRect();
    return form.top - contacts.bottom;
  });
  expect(gap).toBeLessThan(48);

  // An edit shows the undo toast; scrolled to the end, the last timeline entry is above it, not under it.
  await page.getByRole('button', { name: /^Edit Industry/ }).click();
  await page.getByRole('textbox', { name: 'Edit Industry' }).fill('Media and Publishing');
  await page.getByRole('textbox', { name: 'Edit Industry' }).press('Enter');
  const toast = page.getByTestId('undo-toast');
  await expect(toast).toBeVisible();
  await page.locator('.app-main').evaluate((el) => (el.scrollTop = el.scrollHeight));
  const last = page.getByTestId('timeline-entry').last();
  await expect(last).toBeVisible();
  await expect
    .poll(async () => {
      const [entry, notice] = [(await last.boundingBox())!, (await toast.boundingBox())!];
      return entry.y + entry.height <= notice.y;
    })
    .toBe(true);
});
