import type { BrowserContext, Page } from 'playwright-core';
import { round, type Figure } from './figure';
import { withFreshProfile } from './first-hour.bench';
import { bareBulkPutOf, bareReadAll, recordLongTasks } from './page-probes';
import { spread } from './spread';
import { startSampling, stopSamplingAndReport } from './profile-report';

/**
 * Scoring in the app's own storage: the app in Chromium (browser host, RxDB's Dexie storage over IndexedDB in an
 * on-disk profile, schema validation on, as the app runs). A `?demo=N` first start fills the book; the app then scores
 * it for the first time (the feature digests the fill stored with the history, any missing one rebuilt from the raw
 * history, both models in the scoring Web Worker, every assessment written). Each later page opens the same book with the page's clock one more day ahead: the
 * start-up run is then the new-day rescore. The figures are the engine's own run time (`lastRunMs`, from the
 * `outpost:book-scored` mark IntelligenceService sets), so the page's load is not billed to scoring. A page opened the
 * same day (nothing changed) is measured too: that run reads the book and writes nothing. The demo book's data stops
 * at the first start, so on a later day every account's windows have lost days of data and nearly every score really
 * changes: the new-day run writes nearly all of them (it says how many).
 *
 * `BENCH_SCORING_IDB_BOOK=<dir>` (benchNewDaysOnKeptBook): no fill and no first scoring, only the same-day start and
 * the new days, on a fresh copy of a kept, scored profile (e.g. /work/bench-books/i10k), served on its origin's port;
 * with BENCH_WEB_ROOT, another build of the app (before/after runs on the same book, alternating).
 *
 * The reference, measured in the same profile after each run: bare IndexedDB getAll of the book's accounts and
 * assessments plus a bulk put of every assessment (read back first) into a new database: what reading the book's
 * scores and rewriting all of them costs this browser and disk at the least.
 */
interface ScoredRun {
  lastRunMs: number;
  total: number;
  written: number;
  phases: Record<string, number>;
  /** The page's longest main-thread task from the grid interactive to the book scored (ms; 0: none over 50 ms). */
  longestTask: number;
  /** The page's main-thread tasks over 100 ms in that time. */
  tasksOver100: number;
}

const DAY_MS = 86_400_000;

/** The page's Date moved `days` ahead (performance.now, which times the run, is left alone; workers keep real time). */
function shiftClockScript(days: number): string {
  return `(() => {
    const RealDate = Date;
    const offset = ${days * DAY_MS};
    class ShiftedDate extends RealDate {
      constructor(...args) { if (args.length === 0) super(RealDate.now() + offset); else super(...args); }
      static now() { return RealDate.now() + offset; }
    }
    globalThis.Date = ShiftedDate;
  })();`;
}

async function scoredRun(page: Page, timeoutMs: number): Promise<ScoredRun> {
  await page.waitForFunction(() => performance.getEntriesByName('outpost:book-scored').length > 0, null, { timeout: timeoutMs });
  return page.evaluate(() => {
    const scored = performance.getEntriesByName('outpost:book-scored')[0] as PerformanceMark;
    const from = performance.getEntriesByName('outpost:grid-interactive')[0]?.startTime ?? 0;
    const tasks = ((window as unknown as { __outpostLongTasks?: { start: number; duration: number }[] }).__outpostLongTasks ?? []).filter(
      (t) => t.start >= from && t.start <= scored.startTime,
    );
    return {
      ...(scored.detail as Omit<ScoredRun, 'longestTask' | 'tasksOver100'>),
      longestTask: tasks.reduce((max, t) => Math.max(max, t.duration), 0),
      tasksOver100: tasks.filter((t) => t.duration > 100).length,
    };
  });
}

/** The IndexedDB databases of the local book's accounts and assessments, by name (whatever their schema versions). */
async function bookDatabases(page: Page): Promise<{ accounts: string; riskassessments: string }> {
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
  const find = (collection: string) => {
    const name = names.find((n) => new RegExp(`^rxdb-dexie-outpost-book--\\d+--${collection}$`).test(n));
    if (!name) throw new Error(`no IndexedDB database for ${collection} in ${names.join(', ')}`);
    return name;
  };
  return { accounts: find('accounts'), riskassessments: find('riskassessments') };
}

/** Bare IndexedDB: read every account and assessment, then put every assessment into a new database (ms). */
async function bareReference(context: BrowserContext, baseUrl: string): Promise<{ ms: number; assessments: number }> {
  const blank = await context.newPage();
  try {
    await blank.goto(`${baseUrl}/bench-blank.txt`);
    const names = await bookDatabases(blank);
    const accounts = await bareReadAll(blank, names.accounts);
    const assessments = await bareReadAll(blank, names.riskassessments);
    const put = await bareBulkPutOf(blank, [names.riskassessments]);
    return { ms: accounts.ms + assessments.ms + put.ms, assessments: put.records };
  } finally {
    await blank.close();
  }
}

export async function benchScoringInIndexedDb(baseUrl: string, accounts: number, profiles: number, newDays: number, keepAt?: string): Promise<Figure[]> {
  const firsts: ScoredRun[] = [];
  const days: ScoredRun[] = [];
  const sameDays: ScoredRun[] = [];
  const references: number[] = [];
  /** The first start's fill, from the grid opening to the history stored (the first scoring waits for it). */
  const fills: number[] = [];
  let stored = 0;
  for (let profile = 0; profile < profiles; profile++) {
    await withFreshProfile(async (context) => {
      await recordLongTasks(context);
      const page = await context.newPage();
      // BENCH_SCORING_IDB_PROFILE=1: a main-thread CPU profile of the first scoring, from the fill's end (the first
      // scoring waits for it) to the scored mark.
      const cdp = profile === 0 && process.env['BENCH_SCORING_IDB_PROFILE'] === '1' ? await context.newCDPSession(page) : undefined;
      await page.goto(`${baseUrl}/?demo=${accounts}#/accounts`);
      if (cdp) {
        await page.waitForFunction(() => performance.getEntriesByName('outpost:book-filled').length > 0, null, { timeout: 90 * 60_000, polling: 50 });
        await startSampling(cdp);
      }
      firsts.push(await scoredRun(page, 90 * 60_000));
      if (cdp) await stopSamplingAndReport(page, cdp);
      const fillMs = await page.evaluate(() => {
        const [ready] = performance.getEntriesByName('outpost:book-ready');
        const [filled] = performance.getEntriesByName('outpost:book-filled');
        return ready && filled ? filled.startTime - ready.startTime : undefined;
      });
      if (fillMs !== undefined) fills.push(fillMs);
      await page.close();
      const reference = await bareReference(context, baseUrl);
      references.push(reference.ms);
      stored = reference.assessments;
      // The app opened again the same day: every score as stored, so the run reads and writes nothing.
      const again = await context.newPage();
      await again.goto(`${baseUrl}/#/accounts`);
      sameDays.push(await scoredRun(again, 30 * 60_000));
      await again.close();
      for (let day = 1; day <= newDays; day++) {
        const next = await context.newPage();
        await next.addInitScript(shiftClockScript(day));
        await next.goto(`${baseUrl}/#/accounts`);
        days.push(await scoredRun(next, 30 * 60_000));
        await next.close();
        references.push((await bareReference(context, baseUrl)).ms);
      }
    }, profile === 0 ? keepAt : undefined);
  }
  const storage = 'IndexedDB in Chromium (on-disk profile, RxDB Dexie storage, schema validation on)';
  const phases = (runs: ScoredRun[], name: string) =>
    [...new Set(runs.flatMap((r) => Object.keys(r.phases)))].flatMap((phase) => spread(`  ${name}: of which ${phase}`, runs.map((r) => r.phases[phase] ?? 0), 'ms', 0));
  const scored = firsts[0]?.total ?? 0;
  return [
    ...spread(`first scoring of a ${accounts}-account book (${scored} active; digests as the fill stored them, "digest rebuild" below is what was rebuilt from the raw history; ONNX in the Web Worker, every assessment written; ${storage})`, firsts.map((r) => r.lastRunMs), 'ms', 0),
    ...phases(firsts, 'first scoring'),
    ...spread(`  before it: the demo fill, from the grid ready to the history stored (digests with it, where the build does)`, fills, 'ms', 0),
    ...spread(`start-up rescore of the same book the same day (nothing changed; ${storage}; assessments written: ${sameDays.map((r) => r.written).join(', ')})`, sameDays.map((r) => r.lastRunMs), 'ms', 0),
    ...spread('  the same without opening the models', sameDays.map((r) => r.lastRunMs - (r.phases['open models'] ?? 0)), 'ms', 0),
    ...spread('  first scoring: the longest main-thread task of the page, grid interactive to scored', firsts.map((r) => r.longestTask), 'ms', 0),
    ...spread(`rescore of the same book on a new day (${storage}; assessments written: ${days.map((r) => r.written).join(', ')} of ${scored})`, days.map((r) => r.lastRunMs), 'ms', 0),
    ...spread('  new day without opening the models (the first run of every page opens them; a running app has them open)', days.map((r) => r.lastRunMs - (r.phases['open models'] ?? 0)), 'ms', 0),
    ...phases(days, 'new day'),
    ...spread('  new day: the longest main-thread task of the page, grid interactive to scored', days.map((r) => r.longestTask), 'ms', 0),
    ...spread('  new day: main-thread tasks over 100 ms, grid interactive to scored', days.map((r) => r.tasksOver100), 'tasks', 0),
    ...spread(`reference, same profile: bare IndexedDB getAll of the accounts and the ${stored} assessments + bulk put of every assessment`, references, 'ms', 0),
    { name: 'runs: fresh profiles (first scoring) / new days per profile', value: round(profiles), unit: `/ ${newDays}` },
  ];
}

/** The same-day start and `newDays` new days on an already scored book (a copy of a kept profile): see the header. */
export async function benchNewDaysOnKeptBook(context: BrowserContext, baseUrl: string, newDays: number): Promise<{ sameDay: ScoredRun; days: ScoredRun[]; references: number[] }> {
  await recordLongTasks(context);
  const again = await context.newPage();
  // BENCH_SCORING_IDB_PROFILE=same-day: a main-thread CPU profile of this page instead of the first new day's.
  const sameDayCdp = process.env['BENCH_SCORING_IDB_PROFILE'] === 'same-day' ? await context.newCDPSession(again) : undefined;
  if (sameDayCdp) await startSampling(sameDayCdp);
  await again.goto(`${baseUrl}/#/accounts`);
  const sameDay = await scoredRun(again, 30 * 60_000);
  if (sameDayCdp) await stopSamplingAndReport(again, sameDayCdp);
  await again.close();
  const days: ScoredRun[] = [];
  const references: number[] = [];
  for (let day = 1; day <= newDays; day++) {
    const next = await context.newPage();
    await next.addInitScript(shiftClockScript(day));
    // BENCH_SCORING_IDB_PROFILE=1: a main-thread CPU profile of the first new day's page (load and rescore).
    const cdp = day === 1 && process.env['BENCH_SCORING_IDB_PROFILE'] === '1' ? await context.newCDPSession(next) : undefined;
    if (cdp) await startSampling(cdp);
    await next.goto(`${baseUrl}/#/accounts`);
    days.push(await scoredRun(next, 30 * 60_000));
    if (cdp) await stopSamplingAndReport(next, cdp);
    await next.close();
    references.push((await bareReference(context, baseUrl)).ms);
  }
  return { sameDay, days, references };
}
