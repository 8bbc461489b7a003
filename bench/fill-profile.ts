/**
 * Where a first start's demo fill spends the page's main thread: a CDP sampling profile of the app opening
 * `?demo=PROFILE_ACCOUNTS` (default 3,000) in a fresh Chromium profile on disk, from navigation until the mark
 * `PROFILE_UNTIL` (default `outpost:book-filled`, the whole history stored), printed as the User Timing marks, the long
 * tasks, the functions on the stack during each of the `PROFILE_TASKS` longest tasks, and inclusive time. Not part of
 * `npm run bench` (profiling slows the page); run on its own, on an unminified build so function names are readable:
 *   npx vite build --config vite.web.config.ts --minify false --outDir ../../dist-web-prof
 *   OUTPOST_CHROMIUM=/usr/bin/chromium PROFILE_ROOT=dist-web-prof PROFILE_ACCOUNTS=3000 npx tsx bench/fill-profile.ts
 */
import { resolve } from 'node:path';
import { startBrowserHost } from '../app/host/browser-host-server';
import { withFreshProfile } from './first-hour.bench';
import { startSampling, stopSamplingAndReport } from './profile-report';
import { runScript } from './run-script';

async function main(): Promise<void> {
  const host = await startBrowserHost({ port: 0, root: resolve(__dirname, '..', process.env['PROFILE_ROOT'] ?? 'dist-web') });
  const accounts = Number(process.env['PROFILE_ACCOUNTS'] ?? 3000);
  const until = process.env['PROFILE_UNTIL'] ?? 'outpost:book-filled';
  try {
    await withFreshProfile(async (context) => {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await startSampling(cdp);
      await page.goto(`${host.url}/?demo=${accounts}#/accounts`);
      await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, until, { timeout: 60 * 60_000 });
      await stopSamplingAndReport(page, cdp);
    });
  } finally {
    await host.close();
  }
}

runScript(main);
