import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { gridRows, openBook } from './helpers';

// What a new CSM trips over in the Accounts grid on a laptop screen (issue 19), one test per item.

const grid = (page: Page) => page.getByTestId('accounts-grid');
const header = (page: Page, label: string) => grid(page).getByRole('columnheader', { name: label, exact: true });

test.use({ viewport: { width: 1440, height: 900 } });

test('the grid at 1440 x 900: name and scores on screen together, Name frozen while scrolling sideways, nothing clipped', async ({ page }) => {
  await openBook(page);
  const box = (await grid(page).boundingBox())!;

  // Health, Risk and Expansion are on screen without scrolling.
  expect(await grid(page).evaluate((el) => el.scrollLeft)).toBe(0);
  for (const label of ['Name', 'Health', 'Risk', 'Expansion']) {
    const cell = (await header(page, label).boundingBox())!;
    expect(cell.x, `${label} starts inside the grid`).toBeGreaterThanOrEqual(box.x);
    expect(cell.x + cell.width, `${label} ends inside the grid`).toBeLessThanOrEqual(box.x + box.width);
  }

  // Sorting and scrolling to the far right keeps the account's name in view, unclipped at the left edge.
  await header(page, 'Days to renewal').getByRole('button').click();
  await grid(page).evaluate((el) => (el.scrollLeft = el.scrollWidth));
  await expect.poll(() => grid(page).evaluate((el) => el.scrollLeft)).toBeGreaterThan(300);
  const name = gridRows(page).first().locator('[data-column="name"]');
  const nameBox = (await name.boundingBox())!;
  expect(nameBox.x).toBeGreaterThanOrEqual(box.x);
  expect(nameBox.x).toBeLessThan(box.x + 60);
  const nameHeader = (await header(page, 'Name').boundingBox())!;
  expect(Math.abs(nameHeader.x - nameBox.x)).toBeLessThan(2);
  // Nothing from the scrolled columns shows through the frozen name.
  const hit = await name.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return document.elementFromPoint(r.left + 20, r.top + r.height / 2)?.closest('[data-column]')?.getAttribute('data-column');
  });
  expect(hit).toBe('name');
  await grid(page).evaluate((el) => (el.scrollLeft = 0));

  // Headers are not cut ("Days to rene…", "Expansi…").
  const clippedHeaders = await grid(page)
    .locator('.grid-header-label')
    .evaluateAll((labels) => labels.filter((l) => l.scrollWidth > l.clientWidth).map((l) => l.textContent));
  expect(clippedHeaders).toEqual([]);

  // Filter inputs show their whole placeholder ("min", "max", "contains"), not "ma:" or "m m".
  const clippedFilters = await grid(page)
    .locator('.grid-filter-row input[placeholder]')
    .evaluateAll((inputs) => {
      const canvas = document.createElement('canvas').getContext('2d')!;
      return inputs.flatMap((el) => {
        const input = el as HTMLInputElement;
        const style = getComputedStyle(input);
        canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        const needed = canvas.measureText(input.placeholder).width;
        return needed > room ? [`${input.getAttribute('aria-label')}: "${input.placeholder}" needs ${needed.toFixed(0)} px, has ${room}`] : [];
      });
    });
  expect(clippedFilters).toEqual([]);

  // Risk's min and max sit side by side.
  // Both boxes from one frame: two separate reads can straddle a scroll of the page (a row revealed as scores land).
  const [min, max] = await grid(page)
    .locator('.grid-filter-row')
    .evaluate((row) =>
      ['Filter Risk', 'Maximum Risk'].map((label) => {
        const r = row.querySelector(`[aria-label="${label}"]`)!.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width };
      }),
    );
  if (!min || !max) throw new Error('the Risk range filter is missing');
  expect(Math.abs(min.y - max.y)).toBeLessThan(2);
  expect(max.x).toBeGreaterThan(min.x + min.width - 1);
});

test('Escape closes the Columns popover, and column choices are kept per saved view across a reload', async ({ page }) => {
  await openBook(page);
  const chooser = page.locator('details.column-chooser');
  const columns = page.getByText('Columns', { exact: true });

  await columns.click();
  await expect(chooser).toHaveAttribute('open', '');
  await page.getByRole('checkbox', { name: 'Show Tier' }).focus();
  await page.keyboard.press('Escape');
  await expect(chooser).not.toHaveAttribute('open', '');
  await expect(columns).toBeFocused();

  // Hidden and moved columns survive a reload.
  await columns.click();
  await page.getByRole('checkbox', { name: 'Show Tier' }).uncheck();
  await page.getByRole('button', { name: 'Move Owner left' }).click();
  await page.keyboard.press('Escape');
  await expect(header(page, 'Tier')).toHaveCount(0);
  const orderBefore = await grid(page).locator('.grid-header-row [role="columnheader"][data-column]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-column')));
  await page.reload();
  await expect(gridRows(page).first()).toBeVisible({ timeout: 60_000 });
  await expect(header(page, 'Tier')).toHaveCount(0);
  await expect
    .poll(() => grid(page).locator('.grid-header-row [role="columnheader"][data-column]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-column'))))
    .toEqual(orderBefore);

  // A saved view keeps its own column choices: changing them while it is shown updates it, and it comes back after a reload.
  await page.getByRole('button', { name: 'Save view' }).click();
  await page.getByLabel('View name').fill('Lean');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByLabel('Saved view')).toHaveValue(/.+/);
  await columns.click();
  await page.getByRole('checkbox', { name: 'Show Industry' }).uncheck();
  await page.keyboard.press('Escape');
  await expect(header(page, 'Industry')).toHaveCount(0);
  await page.reload();
  await expect(gridRows(page).first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByLabel('Saved view').locator('option:checked')).toHaveText('Lean');
  await expect(header(page, 'Industry')).toHaveCount(0);
  await expect(header(page, 'Tier')).toHaveCount(0);
  await expect(header(page, 'Health')).toBeVisible();
});
