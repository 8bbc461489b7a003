/**
 * Where a team lead's first sync spends the page's main thread: a CDP sampling profile of the app replicating a seeded
 * team book into a fresh Chromium profile, printed as the User Timing marks, the long tasks and the functions with
 * the most self time. Not part of `npm run bench` (profiling slows the page); run on its own, after
 * `npx vite build --config vite.web.config.ts --minify false` so function names are readable:
 *   OUTPOST_CHROMIUM=/usr/bin/chromium PROFILE_ACCOUNTS=1000 npx tsx bench/team-sync-profile.ts
 */
import { resolve } from 'node:path';
import { startBrowserHost } from '../app/host/browser-host-server';
import { withFreshProfile } from './first-hour.bench';
import { startSampling, stopSamplingAndReport } from './profile-report';
import { runScript } from './run-script';
import { startSeededSyncServer } from './sync-book';
import { signInMember } from './team-first-sync.bench';

async function main(): Promise<void> {
  // PROFILE_ROOT: a build of its own (e.g. `--outDir dist-web-prof`), so a bench running meanwhile keeps dist-web.
  const host = await startBrowserHost({ port: 0, root: resolve(__dirname, '..', process.env['PROFILE_ROOT'] ?? 'dist-web') });
  const seeded = await startSeededSyncServer({ accounts: Number(process.env['PROFILE_ACCOUNTS'] ?? 1000), activitiesPerAccount: 10 }, 'repA');
  try {
    await seeded.server.ready();
    await withFreshProfile(async (context) => {
      await signInMember(context, seeded.server.url);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await startSampling(cdp);
      await page.goto(`${host.url}/#/accounts`);
      await page.waitForFunction(() => performance.getEntriesByName('outpost:team-synced').length > 0, undefined, { timeout: 30 * 60_000 });
      await stopSamplingAndReport(page, cdp);
    });
  } finally {
    await seeded.server.close();
    await host.close();
  }
}

runScript(main);
