import { test, expect } from './fixtures';
import { gridRows, openBook } from './helpers';
import { expectNoOverflow, expectNoSeriousA11yViolations, keepScreenshot, useTheme, type ThemeName } from './ui-checks';

/**
 * Every page, light and dark: axe-core finds no serious or critical violation, no text overflows its box, and a
 * screenshot at 1440 x 900 and at 1280 x 800 is kept under test-results/ (attached to the report). The console guard
 * of the fixtures fails the test on any console error or warning along the way.
 */
const PAGES = [
  { name: 'dashboard', path: '/', ready: 'Dashboard' },
  { name: 'accounts', path: '/accounts', ready: 'Accounts' },
  { name: 'account', path: '/accounts/:first', ready: null },
  { name: 'alerts', path: '/alerts', ready: 'Alerts' },
  { name: 'opportunities', path: '/opportunities', ready: 'Opportunities' },
  { name: 'scoring', path: '/scoring', ready: null },
  { name: 'settings', path: '/settings', ready: 'Settings' },
  { name: 'my-day', path: '/my-day', ready: 'My day' },
  { name: 'segments', path: '/segments', ready: 'Segments' },
  { name: 'playbooks', path: '/playbooks', ready: 'Playbooks' },
  { name: 'calendar', path: '/calendar', ready: 'Calendar' },
  { name: 'analytics', path: '/analytics', ready: 'Analytics' },
  { name: 'import', path: '/import', ready: 'Import' },
] as const;

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
] as const;

export type PageName = (typeof PAGES)[number]['name'];

/**
 * Declares the test of some pages in one theme. The pages are split over four spec files (two per theme) so that each
 * stays under a minute: axe on the accounts grid alone takes seconds.
 */
export function pagesIn(theme: ThemeName, names: readonly PageName[]): void {
  test(`${names.join(', ')} in the ${theme} theme: accessible, nothing overflowing, screenshots kept`, async ({ page }, testInfo) => {
    await useTheme(page, theme);
    await page.setViewportSize(VIEWPORTS[0]);
    // The seeded demo book (tests/e2e/seeded-book-profile.ts): filled and scored already, so the time goes to axe.
    await openBook(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    // Scores are part of every page: wait until the book is scored.
    await expect(gridRows(page).first().locator('[data-column="health"]')).toHaveText(/^\d+$/, { timeout: 60_000 });
    const first = await gridRows(page).first().getAttribute('data-account-id');

    for (const spec of PAGES.filter((p) => names.includes(p.name))) {
      await page.goto(`/#${spec.path.replace(':first', encodeURIComponent(first!))}`);
      if (spec.ready) await expect(page.getByRole('heading', { level: 1, name: spec.ready })).toBeVisible();
      else await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      if (spec.name === 'account') await expect(page.getByTestId('health-score')).toBeVisible();
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await expectNoOverflow(page, `${spec.name} at ${viewport.width}x${viewport.height} (${theme})`);
        await keepScreenshot(page, testInfo, `${spec.name}-${viewport.width}x${viewport.height}-${theme}`);
      }
      await page.setViewportSize(VIEWPORTS[0]);
      await expectNoSeriousA11yViolations(page, `${spec.name} (${theme})`);
    }
  });
}
