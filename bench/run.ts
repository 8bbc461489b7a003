/**
 * `npm run bench`: benchmarks in Chromium against the browser host. Prints one figure per line as
 * `<name>: <value> <unit>`. Not a test: nothing here asserts, and no test depends on timing.
 */
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startBrowserHost } from '../app/host/browser-host-server';
import { chromiumLaunchOptions } from '../tests/support/chromium-launch';
import { benchAccountsGrid } from './accounts-grid.bench';

async function main(): Promise<void> {
  const accounts = Number(process.env['BENCH_ACCOUNTS'] ?? 10_000);
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
