import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN, api, login } from '../sync-server/testing/test-server';
import { median, round, type Figure } from './figure';
import { withFreshProfile } from './first-hour.bench';
import { markTime } from './page-probes';
import { startSampling, stopSamplingAndReport } from './profile-report';
import { spread } from './spread';
import { startSeededSyncServer, type SyncBookSize } from './sync-book';
import { countTeamDocuments, signInMember } from './team-first-sync.bench';

/** Accounts per bulk re-assignment request (the server's limit). */
const PER_REQUEST = 500;

interface Run {
  /** The server's bulk re-assignment requests, first sent to last answered (s). */
  serverSeconds: number;
  /** From the first request to every account and activity stored in the app's IndexedDB (s). */
  storedSeconds: number;
  /** … to every moved account's risk assessment stored (the rep's device scores its accounts) (s). */
  scoredSeconds: number;
  /** The page's longest main-thread task and its tasks over 100 ms while the documents arrived (first request to all stored). */
  longestTaskMs: number;
  tasksOver100: number;
  /** … and while the device scored them (all stored to all scored). */
  scoringLongestTaskMs: number;
  /** Whole-book scoring runs that ended from the first request to all scored (the engine's `outpost:book-run-scored` marks). */
  wholeBookRuns: number;
  /** Whether the counted arrival bar was seen. */
  barSeen: boolean;
}

/**
 * A bulk re-assignment arriving through sync, in the app's own storage: a CS Rep's app is open on an empty team book
 * (a fresh Chromium profile, IndexedDB on disk) when an Admin moves a colleague's accounts and their activities to
 * them through the real sync server on 127.0.0.1 (500 per request). Timed on the page's clock from the first request
 * to every document stored in IndexedDB, and to every moved account scored on the device; the page's longest
 * main-thread task over that stretch; whether the counted bar showed. Each run has a fresh server and profile.
 */
async function arrival(context: BrowserContext, hostUrl: string, size: SyncBookSize): Promise<Run> {
  const seeded = await startSeededSyncServer(size, 'repA');
  const { server, team, book } = seeded;
  try {
    await server.ready();
    await signInMember(context, server.url, 'rep.a2@example.com');
    const page = await context.newPage();
    await page.goto(`${hostUrl}/#/accounts`);
    await markTime(page, 'outpost:team-synced', 5 * 60_000);
    // The bar is looked for on every frame from here on (it may show and go between two polls of the bench).
    await page.evaluate(() => {
      const seen = { bar: false };
      (window as unknown as { __arrivalBar: typeof seen }).__arrivalBar = seen;
      const look = () => {
        if (document.querySelector('[data-testid="arrival-progress"]')) seen.bar = true;
        else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    const admin = await login(server, ADMIN.email, ADMIN.password);
    const ids = book.accounts.map((account) => account.id);
    // BENCH_REASSIGN_PROFILE=1: a main-thread CPU profile of the page from the first request to all scored.
    const cdp = process.env['BENCH_REASSIGN_PROFILE'] === '1' ? await context.newCDPSession(page) : undefined;
    if (cdp) await startSampling(cdp);
    const startedAt = await page.evaluate(() => performance.now());
    const serverStart = performance.now();
    for (let i = 0; i < ids.length; i += PER_REQUEST) {
      const answer = await api(server, 'POST', '/admin/accounts/reassign', {
        token: admin.accessToken,
        body: { accountIds: ids.slice(i, i + PER_REQUEST), ownerId: team.repA2.id },
      });
      if (answer.status !== 200) throw new Error(`bulk re-assignment failed: ${answer.status}`);
    }
    const serverSeconds = (performance.now() - serverStart) / 1000;
    const expected = { accounts: book.accounts.length, activities: book.activities.length };
    let storedAt: number | undefined;
    for (;;) {
      const counts = await countTeamDocuments(page);
      const now = await page.evaluate(() => performance.now());
      if (storedAt === undefined && counts['accounts'] === expected.accounts && counts['activities'] === expected.activities) storedAt = now;
      if (storedAt !== undefined && counts['riskassessments'] === expected.accounts) {
        if (process.env['BENCH_LONG_TASKS']) {
          // Where the longest tasks fall (s from the first request), to tell the writes from the scoring and the grid.
          const top = await page.evaluate((since) => {
            const tasks = (window as unknown as { __outpostLongTasks?: { start: number; duration: number }[] }).__outpostLongTasks ?? [];
            return [...tasks].filter((t) => t.start >= since).sort((a, b) => b.duration - a.duration).slice(0, 8).map((t) => `${Math.round(t.duration)} ms at ${((t.start - since) / 1000).toFixed(1)} s`);
          }, startedAt);
          console.error(`longest tasks (server done at ${serverSeconds.toFixed(1)} s, all stored at ${((storedAt - startedAt) / 1000).toFixed(1)} s): ${top.join(', ')}`);
        }
        const run: Run = {
          serverSeconds,
          storedSeconds: (storedAt - startedAt) / 1000,
          scoredSeconds: (now - startedAt) / 1000,
          ...(await tasksBetween(page, startedAt, storedAt, now)),
          barSeen: await page.evaluate(() => (window as unknown as { __arrivalBar: { bar: boolean } }).__arrivalBar.bar),
        };
        if (cdp) {
          console.log(`profiled from the page's ${startedAt.toFixed(0)} ms (first request); all stored at ${storedAt.toFixed(0)} ms`);
          await stopSamplingAndReport(page, cdp);
        }
        await page.close();
        return run;
      }
      if (now - startedAt > 10 * 60_000) throw new Error(`the re-assigned accounts did not all arrive: ${JSON.stringify(counts)}`);
      await page.waitForTimeout(100);
    }
  } finally {
    await server.close();
  }
}

/** The page's long tasks that started while the documents arrived, and the longest one while they were scored. */
function tasksBetween(page: Page, startedAt: number, storedAt: number, scoredAt: number): Promise<Pick<Run, 'longestTaskMs' | 'tasksOver100' | 'scoringLongestTaskMs' | 'wholeBookRuns'>> {
  return page.evaluate(
    ([from, stored, scored]) => {
      const tasks = (window as unknown as { __outpostLongTasks?: { start: number; duration: number }[] }).__outpostLongTasks ?? [];
      const arriving = tasks.filter((t) => t.start >= from! && t.start < stored!);
      const scoring = tasks.filter((t) => t.start >= stored! && t.start <= scored!);
      const longest = (list: typeof tasks) => list.reduce((max, t) => Math.max(max, t.duration), 0);
      const runs = performance.getEntriesByName('outpost:book-run-scored').filter((m) => m.startTime >= from! && m.startTime <= scored!).length;
      return { longestTaskMs: longest(arriving), tasksOver100: arriving.filter((t) => t.duration > 100).length, scoringLongestTaskMs: longest(scoring), wholeBookRuns: runs };
    },
    [startedAt, storedAt, scoredAt],
  );
}

export async function benchReassignArrival(hostUrl: string, size: SyncBookSize, runs: number): Promise<Figure[]> {
  const label = `${size.accounts} accounts + ${size.accounts * size.activitiesPerAccount} activities`;
  const results: Run[] = [];
  for (let run = 0; run < runs; run++) results.push(await withFreshProfile((context) => arrival(context, hostUrl, size)));
  const name = `reassign arrival in Chromium (IndexedDB), CS Rep, ${label}`;
  return [
    ...spread(`${name}: the server's requests`, results.map((r) => r.serverSeconds), 's', 2),
    ...spread(`${name}: first request to all stored`, results.map((r) => r.storedSeconds), 's', 2),
    ...spread(`${name}: first request to all scored`, results.map((r) => r.scoredSeconds), 's', 2),
    { name: `${name}: all stored / the server's requests (medians)`, value: round(median(results.map((r) => r.storedSeconds)) / median(results.map((r) => r.serverSeconds)), 2), unit: 'x' },
    ...spread(`${name}: longest main-thread task while arriving`, results.map((r) => r.longestTaskMs), 'ms'),
    ...spread(`${name}: main-thread tasks over 100 ms while arriving`, results.map((r) => r.tasksOver100), 'tasks', 0),
    ...spread(`${name}: longest main-thread task from all stored to all scored`, results.map((r) => r.scoringLongestTaskMs), 'ms'),
    ...spread(`${name}: whole-book scoring runs, first request to all scored`, results.map((r) => r.wholeBookRuns), 'runs', 0),
    { name: `${name}: runs that showed the counted bar`, value: results.filter((r) => r.barSeen).length, unit: `of ${runs}` },
  ];
}
