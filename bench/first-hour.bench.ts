import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { accountSchema } from '../common/db/schemas/account-schema';
import { activitySchema } from '../common/db/schemas/activity-schema';
import { contactSchema } from '../common/db/schemas/contact-schema';
import { revenueSchema } from '../common/db/schemas/revenue-schema';
import { usageSchema } from '../common/db/schemas/usage-schema';
import { chromiumLaunchOptions } from '../tests/support/chromium-launch';
import type { Figure } from './figure';
import { bareBulkPutOf, bookStoreName, longestTaskSince, longTasksOver, markTime, recordLongTasks } from './page-probes';
import { spread } from './spread';

/** The collections a book fill writes (the bare IndexedDB reference puts the same documents). */
const FILLED = ['accounts', 'contacts', 'usage', 'activities', 'revenue'] as const;

/**
 * A Chromium with a profile of its own on disk (IndexedDB on disk, as on a CSM's laptop), removed afterwards. With
 * `keepAt`, the profile is copied there once Chromium has closed (a filled, scored book that `withProfileCopy` reuses).
 */
export async function withFreshProfile<T>(run: (context: BrowserContext) => Promise<T>, keepAt?: string): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'outpost-bench-profile-'));
  try {
    const context = await chromium.launchPersistentContext(profile, { ...(await chromiumLaunchOptions()), viewport: { width: 1440, height: 900 } });
    let result: T;
    try {
      await recordLongTasks(context);
      result = await run(context);
    } finally {
      await context.close();
    }
    if (keepAt) {
      cpSync(profile, keepAt, { recursive: true });
      writeFileSync(join(keepAt, KEPT), new Date().toISOString());
    }
    return result;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The marker `withFreshProfile` leaves in a kept profile once it is complete. */
const KEPT = '.outpost-bench-kept';

/** Whether `dir` holds a complete profile kept by `withFreshProfile`. */
export function isKeptProfile(dir: string): boolean {
  return existsSync(join(dir, KEPT));
}

/**
 * The port of the 127.0.0.1 origin whose IndexedDB a kept profile holds (`Default/IndexedDB/http_127.0.0.1_<port>...`):
 * a page of any other origin sees an empty book.
 */
export function keptBookPort(kept: string): number {
  const folder = join(kept, 'Default', 'IndexedDB');
  const ports = existsSync(folder)
    ? readdirSync(folder).flatMap((name) => /^http_127\.0\.0\.1_(\d+)\.indexeddb\.leveldb$/.exec(name)?.[1] ?? [])
    : [];
  if (ports.length !== 1) throw new Error(`${kept}: expected the IndexedDB of one 127.0.0.1 origin, found ${ports.length}`);
  return Number(ports[0]);
}

/** A Chromium on a fresh copy of a kept profile (the kept one is never changed), removed afterwards. */
export async function withProfileCopy<T>(kept: string, run: (context: BrowserContext) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'outpost-bench-profile-'));
  cpSync(kept, profile, { recursive: true });
  try {
    const context = await chromium.launchPersistentContext(profile, { ...(await chromiumLaunchOptions()), viewport: { width: 1440, height: 900 } });
    try {
      await recordLongTasks(context);
      return await run(context);
    } finally {
      await context.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

interface Fill {
  /** Navigation start to an interactive grid. */
  gridMs: number;
  /** Navigation start to the whole book stored. */
  filledMs: number;
  /** The longest main-thread task from the book opening to the book stored. */
  longestTaskMs: number;
  /** Main-thread tasks over 100 ms from the book opening to the book stored. */
  tasksOver100: number;
}

/** Opens the app on a fresh profile (a first start) with `search`, until the book is filled. */
async function firstStart(context: BrowserContext, baseUrl: string, search: string, timeoutMs: number): Promise<Fill> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/${search}#/accounts`);
  const gridMs = await markTime(page, 'outpost:grid-interactive', timeoutMs);
  const filledMs = await markTime(page, 'outpost:book-filled', timeoutMs);
  const opened = await markTime(page, 'outpost:book-open', timeoutMs);
  const longestTaskMs = await longestTaskSince(page, opened);
  const tasksOver100 = await longTasksOver(page, opened, 100);
  await page.close();
  return { gridMs, filledMs, longestTaskMs, tasksOver100 };
}

/** First starts on the demo book, each on a fresh profile on disk. */
export async function benchDemoFirstStart(baseUrl: string, runs: number): Promise<Figure[]> {
  const fills: Fill[] = [];
  for (let run = 0; run < runs; run += 1) fills.push(await withFreshProfile((context) => firstStart(context, baseUrl, '', 120_000)));
  return [
    ...spread('first start on the demo book (250 accounts) to an interactive grid, fresh profile on disk (IndexedDB)', fills.map((f) => f.gridMs), 'ms'),
    ...spread('first start on the demo book, until its whole history is stored (IndexedDB)', fills.map((f) => f.filledMs), 'ms'),
    ...spread('first start on the demo book, longest main-thread task while filling', fills.map((f) => f.longestTaskMs), 'ms'),
    ...spread('first start on the demo book, main-thread tasks over 100 ms while filling', fills.map((f) => f.tasksOver100), 'tasks'),
  ];
}

/**
 * Fills a `accounts`-account book into a fresh profile (IndexedDB on disk, the app's schema validation as it runs)
 * and compares it with a bare IndexedDB bulk put of the same documents in the same browser, into stores without
 * indexes (the physical limit for that many records) and into stores with the indexes the app's stores have (the
 * limit for this layout). `runs` fills in all (BENCH_FILL_RUNS): the first `runs - 1` each in a fresh profile thrown
 * away after, the last in `context`, where it stays for the cold-start figures. Every figure is min / median / max.
 */
export async function benchBookFill(context: BrowserContext, baseUrl: string, accounts: number, runs = 1): Promise<Figure[]> {
  const measured: FillAgainstBare[] = [];
  for (let run = 1; run < runs; run += 1) measured.push(await withFreshProfile((fresh) => fillAgainstBare(fresh, baseUrl, accounts)));
  measured.push(await fillAgainstBare(context, baseUrl, accounts));
  const records = measured[0]!.bare.records;
  const of = (pick: (m: FillAgainstBare) => number) => measured.map(pick);
  const book = `fill a ${accounts}-account book`;
  return [
    ...spread(`${book} into IndexedDB (${records} documents), first start to all stored`, of((m) => m.fill.filledMs / 1000), 's', 2),
    ...spread(`${book}: interactive grid after`, of((m) => m.fill.gridMs), 'ms', 0),
    ...spread(`${book}: longest main-thread task while filling`, of((m) => m.fill.longestTaskMs), 'ms', 0),
    ...spread(`${book}: main-thread tasks over 100 ms while filling`, of((m) => m.fill.tasksOver100), 'tasks', 0),
    ...spread(`bare IndexedDB bulk put of the same ${records} documents (same browser and disk)`, of((m) => m.bare.ms / 1000), 's', 2),
    ...spread(`${book} / bare IndexedDB bulk put (1 is the physical limit)`, of((m) => m.fill.filledMs / m.bare.ms), 'x', 2),
    ...spread(`bare IndexedDB bulk put of the same documents into stores with the app's indexes`, of((m) => m.indexed.ms / 1000), 's', 2),
    ...spread(`${book} / bare bulk put with the app's indexes (1 is the limit of this layout)`, of((m) => m.fill.filledMs / m.indexed.ms), 'x', 2),
  ];
}

interface FillAgainstBare {
  fill: Fill;
  bare: { ms: number; records: number };
  indexed: { ms: number; records: number };
}

/** One timed first start with `?demo=accounts` in `context`, then both bare references of what it stored. */
async function fillAgainstBare(context: BrowserContext, baseUrl: string, accounts: number): Promise<FillAgainstBare> {
  const fill = await firstStart(context, baseUrl, `?demo=${accounts}`, 60 * 60_000);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/bench-blank.txt`);
  const stores = FILLED.map(bookStoreName);
  const bare = await bareBulkPutOf(page, stores);
  const indexed = await bareBulkPutOf(page, stores, 10_000, true);
  await page.close();
  return { fill, bare, indexed };
}
