import type { BrowserContext, Page } from 'playwright-core';
import { accountSchema } from '../common/db/schemas/account-schema';
import { median, round, type Figure } from './figure';
import { bareReadAll, bookStoreName } from './page-probes';
import { spread } from './spread';

const RUNS = 5;

/**
 * Cold start, sort, filter and heap for a book of `accounts` accounts already in the local database of `context`, a
 * persistent one (a profile on disk, as a CSM's laptop has) that benchBookFill filled. Every run opens a new page on
 * the book already there, and a bare IndexedDB open + getAll of the same accounts in a fresh page of the same origin
 * is the reference the cold start is divided by.
 */
export async function benchAccountsGrid(context: BrowserContext, baseUrl: string, accounts: number): Promise<Figure[]> {
  const coldStarts: number[] = [];
  const bookOpens: number[] = [];
  const accountsLoads: number[] = [];
  const sorts: number[] = [];
  const filters: number[] = [];
  const bareReads: number[] = [];
  let heapMb = 0;
  for (let run = 0; run < RUNS; run++) {
    const blank = await context.newPage();
    await blank.goto(`${baseUrl}/bench-blank.txt`);
    bareReads.push((await bareReadAll(blank, bookStoreName('accounts'))).ms);
    await blank.close();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/#/accounts`);
    await page.waitForFunction(() => performance.getEntriesByName('outpost:grid-interactive').length > 0, null, {
      timeout: 120_000,
    });
    const marks = await page.evaluate(() =>
      ['outpost:book-open', 'outpost:accounts-loaded', 'outpost:grid-interactive'].map(
        (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN,
      ),
    );
    bookOpens.push(marks[0]!);
    accountsLoads.push(marks[1]!);
    coldStarts.push(marks[2]!);
    sorts.push(await timeSort(page));
    filters.push(await timeFilter(page));
    if (run === RUNS - 1) heapMb = await heapAfterGc(page);
    await page.close();
  }
  return [
    { name: `cold start to interactive grid, ${accounts} accounts (median of ${RUNS})`, value: round(median(coldStarts)), unit: 'ms' },
    ...spread(`cold start to interactive grid, ${accounts} accounts on disk (IndexedDB)`, coldStarts, 'ms').filter((f) => !f.name.includes('median')),
    ...spread(`bare IndexedDB open + getAll of the same ${accounts} accounts, fresh page`, bareReads, 'ms'),
    { name: `cold start / bare IndexedDB read of the accounts (medians)`, value: round(median(coldStarts) / median(bareReads), 2), unit: 'x' },
    { name: `cold start, local book opened, from navigation start (median of ${RUNS})`, value: round(median(bookOpens)), unit: 'ms' },
    { name: `cold start, accounts query answered, from navigation start (median of ${RUNS})`, value: round(median(accountsLoads)), unit: 'ms' },
    { name: `sort by MRR, ${accounts} rows (median of ${RUNS})`, value: round(median(sorts)), unit: 'ms' },
    { name: `filter by search text, ${accounts} rows (median of ${RUNS})`, value: round(median(filters)), unit: 'ms' },
    { name: 'JS heap after load (after GC)', value: round(heapMb), unit: 'MB' },
  ];
}

/**
 * Runs `action` in the page and times until React has committed its result: the first DOM mutation inside the grid
 * after it (React commits a render's mutations together, so the first observer callback sees the whole update).
 */
function timeUntilGridCommit(page: Page, action: 'sort-by-mrr' | 'search-tech'): Promise<number> {
  return page.evaluate(async (which) => {
    const grid = document.querySelector('[data-testid="accounts-grid"]')!;
    const committed = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        observer.disconnect();
        resolve(performance.now());
      });
      observer.observe(grid, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const start = performance.now();
    if (which === 'sort-by-mrr') {
      const header = Array.from(grid.querySelectorAll<HTMLElement>('[role="columnheader"]')).find((h) =>
        h.textContent?.trim().startsWith('MRR'),
      )!;
      (header.querySelector<HTMLElement>('button') ?? header).click();
    } else {
      const input = document.querySelector<HTMLInputElement>('input[aria-label="Search accounts"]')!;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, 'tech');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    return (await committed) - start;
  }, action);
}

const timeSort = (page: Page) => timeUntilGridCommit(page, 'sort-by-mrr');
const timeFilter = (page: Page) => timeUntilGridCommit(page, 'search-tech');

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1024 / 1024;
}
