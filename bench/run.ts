/**
 * `npm run bench`: benchmarks in Chromium against the browser host. Prints one figure per line as
 * `<name>: <value> <unit>`. Not a test: nothing here asserts, and no test depends on timing.
 */
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startBrowserHost } from '../app/host/browser-host-server';
import { chromiumLaunchOptions } from '../tests/support/chromium-launch';
import { benchAccountsGrid } from './accounts-grid.bench';
import { benchScoring } from './scoring.bench';

async function main(): Promise<void> {
  const accounts = Number(process.env['BENCH_ACCOUNTS'] ?? 10_000);
  // BENCH_ONLY=grid | scoring runs one group; BENCH_SCORING_ACCOUNTS sizes the scoring book (default 20,000).
  const only = process.env['BENCH_ONLY'];
  if (only === undefined || only === 'scoring') {
    // 100,000 accounts in RxDB's memory storage need more than Node's default 4 GB heap:
    // NODE_OPTIONS=--max-old-space-size=12000 BENCH_SCORING_ACCOUNTS=100000 npm run bench
    const scoringAccounts = Number(process.env['BENCH_SCORING_ACCOUNTS'] ?? 20_000);
    for (const figure of await benchScoring(scoringAccounts, 20_000)) console.log(`${figure.name}: ${figure.value} ${figure.unit}`);
    if (only === 'scoring') return;
  }
  const host = await startBrowserHost({ port: 0, root: resolve(__dirname, '../dist-web') });
  const browser = await chromium.launch(await chromiumLaunchOptions());
  try {
    const figures = await benchAccountsGrid(browser, host.url, accounts);
    for (const figure of figures) console.log(`${figure.name}: ${figure.value} ${figure.unit}`);
  } finally {
    await browser.close();
    await host.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
