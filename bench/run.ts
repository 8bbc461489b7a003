/**
 * `npm run bench`: prints one figure per line as `<name>: <value> <unit>`. Not a test: nothing here asserts, and no
 * test depends on timing. `BENCH_ONLY=grid` runs only the accounts grid in Chromium against the browser host,
 * `BENCH_ONLY=sync` only the sync server benchmarks; unset runs both.
 */
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startBrowserHost } from '../app/host/browser-host-server';
import { chromiumLaunchOptions } from '../tests/support/chromium-launch';
import { benchAccountsGrid } from './accounts-grid.bench';
import type { Figure } from './figure';
import { benchSync } from './sync.bench';

const print = (figures: Figure[]) => {
  for (const figure of figures) console.log(`${figure.name}: ${figure.value} ${figure.unit}`);
};

async function grid(): Promise<void> {
  const accounts = Number(process.env['BENCH_ACCOUNTS'] ?? 10_000);
  const host = await startBrowserHost({ port: 0, root: resolve(__dirname, '../dist-web') });
  const browser = await chromium.launch(await chromiumLaunchOptions());
  try {
    print(await benchAccountsGrid(browser, host.url, accounts));
  } finally {
    await browser.close();
    await host.close();
  }
}

async function sync(): Promise<void> {
  print(
    await benchSync({
      accounts: Number(process.env['BENCH_SYNC_ACCOUNTS'] ?? 10_000),
      activitiesPerAccount: Number(process.env['BENCH_SYNC_ACTIVITIES_PER_ACCOUNT'] ?? 10),
      propagationSamples: Number(process.env['BENCH_SYNC_SAMPLES'] ?? 100),
      liveClients: Number(process.env['BENCH_SYNC_CLIENTS'] ?? 200),
    }),
  );
}

async function main(): Promise<void> {
  const only = process.env['BENCH_ONLY'];
  if (only !== undefined && only !== 'grid' && only !== 'sync') throw new Error(`BENCH_ONLY must be "grid" or "sync", got "${only}"`);
  if (only !== 'sync') await grid();
  if (only !== 'grid') await sync();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
