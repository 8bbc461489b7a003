/**
 * How the demo fill's rate changes as the book grows: opens `?demo=PROBE_ACCOUNTS` (default 3,000) in a fresh on-disk
 * Chromium profile and prints, every PROBE_EVERY_MS (default 5,000) of the page's clock, the accounts whose history
 * is stored (the fill's progress bar) and the rate since the last line. Not part of `npm run bench`; run on its own:
 *   OUTPOST_CHROMIUM=/usr/bin/chromium PROBE_ROOT=dist-web PROBE_ACCOUNTS=3000 npx tsx bench/fill-rate-probe.ts
 */
import { resolve } from 'node:path';
import { startBrowserHost } from '../app/host/browser-host-server';
import { withFreshProfile } from './first-hour.bench';
import { runScript } from './run-script';

async function main(): Promise<void> {
  const host = await startBrowserHost({ port: 0, root: resolve(__dirname, '..', process.env['PROBE_ROOT'] ?? 'dist-web') });
  const accounts = Number(process.env['PROBE_ACCOUNTS'] ?? 3000);
  const every = Number(process.env['PROBE_EVERY_MS'] ?? 5000);
  try {
    await withFreshProfile(async (context) => {
      const page = await context.newPage();
      await page.goto(`${host.url}/?demo=${accounts}#/accounts`);
      let last = { at: 0, done: 0 };
      for (;;) {
        const now = await page.evaluate(() => {
          const bar = document.querySelector<HTMLProgressElement>('[data-testid="book-fill"] progress');
          const filled = performance.getEntriesByName('outpost:book-filled').length > 0;
          return { at: performance.now(), done: bar ? bar.value : filled ? -1 : 0 };
        });
        if (now.done === -1) {
          console.log(`filled at ${Math.round(performance.now())} (page ${Math.round(now.at)} ms)`);
          break;
        }
        const rate = ((now.done - last.done) / (now.at - last.at)) * 1000;
        console.log(`${(now.at / 1000).toFixed(1)} s: ${now.done} accounts, ${rate.toFixed(1)} accounts/s`);
        last = now;
        await page.waitForTimeout(every);
      }
    });
  } finally {
    await host.close();
  }
}

runScript(main);
