import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

export type ThemeName = 'light' | 'dark';

/** Starts the page in a theme (the app reads it from localStorage before first paint). */
export async function useTheme(page: Page, theme: ThemeName): Promise<void> {
  await page.addInitScript((t) => localStorage.setItem('outpost.theme', t), theme);
}

/** Runs axe-core (WCAG 2 A/AA rules and best practices) on the page; fails on any serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page, where: string, exclude: readonly string[] = []): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  for (const selector of exclude) builder = builder.exclude(selector);
  const results = await builder.analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const described = serious.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join(' ') ?? ''}`)
        .join('\n'),
  );
  expect(described, `axe violations on ${where}`).toEqual([]);
}

/** Elements whose text does not fit its box: grid cells and headers, table cells and headers, cards, buttons. */
const OVERFLOW_SELECTOR = [
  '.grid-cell',
  '.grid-link',
  '.grid-header-label',
  '.data-table th',
  '.data-table td',
  '.panel h2',
  '.card',
  '.kpi',
  'button',
  '.badge',
].join(', ');

/** The boxes whose content is wider than the box (scrollWidth > clientWidth), described for the failure message. */
export async function overflowingBoxes(page: Page): Promise<string[]> {
  return page.locator(OVERFLOW_SELECTOR).evaluateAll((elements) =>
    elements
      .filter((el) => {
        const box = el as HTMLElement;
        if (box.offsetParent === null || box.clientWidth === 0) return false;
        // Scroll containers (tables in a scrolling panel) scroll on purpose.
        const overflowX = getComputedStyle(box).overflowX;
        if (overflowX === 'auto' || overflowX === 'scroll') return false;
        return box.scrollWidth > box.clientWidth + 1;
      })
      .map((el) => {
        const box = el as HTMLElement;
        const name = `${box.tagName.toLowerCase()}${box.className ? `.${String(box.className).split(' ').join('.')}` : ''}`;
        return `${name} "${(box.textContent ?? '').trim().slice(0, 40)}" ${box.scrollWidth} > ${box.clientWidth}`;
      }),
  );
}

export async function expectNoOverflow(page: Page, where: string): Promise<void> {
  expect(await overflowingBoxes(page), `text overflowing its box on ${where}`).toEqual([]);
}

/** A full-page screenshot kept as a test artefact (test-results/, git-ignored) and attached to the report. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: false });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
