/**
 * `npm run bench`: prints one figure per line as `<name>: <value> <unit>`. Not a test: nothing here asserts, and no
 * test depends on timing. `BENCH_ONLY=grid` runs only the Chromium figures against the browser host (first start on
 * the demo book, filling a 10,000-account book into IndexedDB, then the grid's cold start, sort and filter on it),
 * `BENCH_ONLY=sync` only the sync server benchmarks, `BENCH_ONLY=reassign` an Admin's bulk re-assignment on the sync
 * server, `BENCH_ONLY=signin` sign-in throughput under the guessing
 * limits, `BENCH_ONLY=scoring` only on-device scoring and training (RxDB memory storage in Node), `BENCH_ONLY=scoring-idb`
 * first scoring and the new-day rescore of a 10,000-account book in the app's IndexedDB in Chromium,
 * `BENCH_ONLY=playbooks` the playbook engine and segments; `BENCH_ONLY=calendar` only slot finding for the book's next
 * QBRs; `BENCH_ONLY=analytics` only the dashboard and console metrics on a 10,000-account book; `BENCH_ONLY=retrain`
 * only the in-app retrain on 20,000 accounts; `BENCH_ONLY=import` the import wizard's pipeline into IndexedDB
 * and event ingestion; `BENCH_ONLY=interactions` the p95 of twenty ordinary interactions on a 10,000-account book in
 * Chromium; unset runs all of them.
 */
import { resolve } from 'node:path';
import { startBrowserHost } from '../app/host/browser-host-server';
import { benchAccountsGrid } from './accounts-grid.bench';
import { benchCalendar } from './calendar.bench';
import { benchAnalytics } from './analytics.bench';
import { benchBookFill, benchDemoFirstStart, isKeptProfile, keptBookPort, withFreshProfile, withProfileCopy } from './first-hour.bench';
import type { Figure } from './figure';
import { benchPlaybooks } from './playbooks.bench';
import { benchRetrain } from './retrain.bench';
import { benchScoring } from './scoring.bench';
import { benchNewDaysOnKeptBook, benchScoringInIndexedDb } from './scoring-idb.bench';
import { benchSync } from './sync.bench';
import { benchReassign } from './reassign.bench';
import { benchReassignArrival } from './reassign-arrival.bench';
import { benchTeamFirstSync } from './team-first-sync.bench';
import { benchImport, benchIngestion } from './import.bench';
import { benchInteractions } from './interactions.bench';
import { benchSignIn } from './sign-in.bench';
import { runScript } from './run-script';

/** BENCH_FILL_RUNS: how many fresh profiles the big book is filled into (each minutes at 10,000 accounts). */
const fillRuns = () => Number(process.env['BENCH_FILL_RUNS'] ?? 3);

const print = (figures: Figure[]) => {
  for (const figure of figures) console.log(`${figure.name}: ${figure.value} ${figure.unit}`);
};

async function grid(): Promise<void> {
  const accounts = Number(process.env['BENCH_ACCOUNTS'] ?? 10_000);
  // BENCH_GRID_BOOK=<dir>: only the cold start, sort and filter, on a copy of a kept, filled profile (no fill, no first
  // start): minutes instead of a quarter hour, and before/after runs on the same book (with BENCH_WEB_ROOT).
  const kept = process.env['BENCH_GRID_BOOK'];
  if (kept) return gridOnKeptBook(kept, accounts);
  // BENCH_WEB_ROOT: another build of the app (e.g. the code before a change, for runs alternating with this one).
  const host = await startBrowserHost({ port: 0, root: resolve(__dirname, '..', process.env['BENCH_WEB_ROOT'] ?? 'dist-web') });
  try {
    print(await benchDemoFirstStart(host.url, Number(process.env['BENCH_FIRST_START_RUNS'] ?? 3)));
    // One profile on disk: the big book is filled (timed), then the grid's cold start, sort and filter run on it.
    await withFreshProfile(async (context) => {
      print(await benchBookFill(context, host.url, accounts, fillRuns()));
      print(await benchAccountsGrid(context, host.url, accounts));
    });
  } finally {
    await host.close();
  }
}

/**
 * The cold-start figures on a copy of the kept profile `kept`. IndexedDB and localStorage belong to an origin, so the
 * host serves on the port the book was filled on (read from the profile's IndexedDB folder name).
 */
async function gridOnKeptBook(kept: string, accounts: number): Promise<void> {
  if (!isKeptProfile(kept)) throw new Error(`BENCH_GRID_BOOK: ${kept} is not a complete kept profile`);
  const host = await startBrowserHost({ port: keptBookPort(kept), root: resolve(__dirname, '..', process.env['BENCH_WEB_ROOT'] ?? 'dist-web') });
  try {
    await withProfileCopy(kept, async (context) => print(await benchAccountsGrid(context, host.url, accounts)));
  } finally {
    await host.close();
  }
}

async function sync(): Promise<void> {
  const size = {
    accounts: Number(process.env['BENCH_SYNC_ACCOUNTS'] ?? 10_000),
    activitiesPerAccount: Number(process.env['BENCH_SYNC_ACTIVITIES_PER_ACCOUNT'] ?? 10),
  };
  // The team lead's first sync in the app's own storage (Chromium, IndexedDB), beside plain PouchDB in the same browser.
  // BENCH_WEB_ROOT: another build of the app (e.g. the code before a change, for runs alternating with this one).
  const host = await startBrowserHost({ port: 0, root: resolve(__dirname, '..', process.env['BENCH_WEB_ROOT'] ?? 'dist-web') });
  try {
    print(await benchTeamFirstSync(host.url, size, Number(process.env['BENCH_TEAM_SYNC_RUNS'] ?? 3)));
  } finally {
    await host.close();
  }
  // BENCH_SYNC_NODE=0: only the Chromium figures above (the Node ones below take minutes more).
  if (process.env['BENCH_SYNC_NODE'] === '0') return;
  print(
    await benchSync({
      ...size,
      propagationSamples: Number(process.env['BENCH_SYNC_SAMPLES'] ?? 100),
      liveClients: Number(process.env['BENCH_SYNC_CLIENTS'] ?? 200),
    }),
  );
}

async function scoring(): Promise<void> {
  // 100,000 accounts in RxDB's memory storage need more than Node's default 4 GB heap:
  // NODE_OPTIONS=--max-old-space-size=14000 BENCH_SCORING_ACCOUNTS=100000 npm run bench
  // BENCH_SCORING_VALIDATE=1 writes through the schema validation the app uses (the default measures without it).
  print(await benchScoring(Number(process.env['BENCH_SCORING_ACCOUNTS'] ?? 20_000), 20_000));
}

/** First scoring and the new-day rescore of a 10,000-account book in the app's own storage (IndexedDB in Chromium). */
async function scoringIdb(): Promise<void> {
  const kept = process.env['BENCH_SCORING_IDB_BOOK'];
  if (kept) return scoringIdbOnKeptBook(kept);
  // BENCH_SCORING_IDB_KEEP=<dir> keeps the first profile's scored book there, served from BENCH_SCORING_IDB_PORT (its
  // IndexedDB belongs to that origin), for later BENCH_SCORING_IDB_BOOK runs; BENCH_WEB_ROOT: another build.
  const port = Number(process.env['BENCH_SCORING_IDB_PORT'] ?? 0);
  const host = await startBrowserHost({ port, root: resolve(__dirname, '..', process.env['BENCH_WEB_ROOT'] ?? 'dist-web') });
  try {
    print(
      await benchScoringInIndexedDb(
        host.url,
        Number(process.env['BENCH_SCORING_IDB_ACCOUNTS'] ?? 10_000),
        Number(process.env['BENCH_SCORING_IDB_PROFILES'] ?? 3),
        Number(process.env['BENCH_SCORING_IDB_DAYS'] ?? 3),
        process.env['BENCH_SCORING_IDB_KEEP'],
      ),
    );
  } finally {
    await host.close();
  }
}

/**
 * BENCH_SCORING_IDB_BOOK=<dir>: the same-day start and the new days only, on a copy of a kept scored profile, one
 * line per run (BENCH_WEB_ROOT: another build, for before/after runs alternating on the same book).
 */
async function scoringIdbOnKeptBook(kept: string): Promise<void> {
  if (!isKeptProfile(kept)) throw new Error(`BENCH_SCORING_IDB_BOOK: ${kept} is not a complete kept profile`);
  const root = resolve(__dirname, '..', process.env['BENCH_WEB_ROOT'] ?? 'dist-web');
  const host = await startBrowserHost({ port: keptBookPort(kept), root });
  try {
    const run = await withProfileCopy(kept, (context) => benchNewDaysOnKeptBook(context, host.url, Number(process.env['BENCH_SCORING_IDB_DAYS'] ?? 3)));
    const line = (name: string, r: { lastRunMs: number; written: number; total: number; phases: Record<string, number>; longestTask: number; tasksOver100: number }) =>
      `${name}: ${Math.round(r.lastRunMs)} ms (without opening the models ${Math.round(r.lastRunMs - (r.phases['open models'] ?? 0))}; written ${r.written} of ${r.total}; ${Object.entries(r.phases).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}; page's longest task ${Math.round(r.longestTask)} ms, ${r.tasksOver100} over 100 ms)`;
    console.log(`build ${root}`);
    console.log(line('same day', run.sameDay));
    run.days.forEach((r, i) => console.log(line(`new day ${i + 1}`, r)));
    console.log(`reference (bare getAll + bulk put): ${run.references.map((ms) => Math.round(ms)).join(', ')} ms`);
  } finally {
    await host.close();
  }
}

async function playbooks(): Promise<void> {
  print(await benchPlaybooks(Number(process.env['BENCH_PLAYBOOKS_ACCOUNTS'] ?? 10_000)));
}

async function calendar(): Promise<void> {
  print(benchCalendar(Number(process.env['BENCH_CALENDAR_ACCOUNTS'] ?? 250), Number(process.env['BENCH_CALENDAR_EVENTS'] ?? 2_000)));
}

async function analytics(): Promise<void> {
  print(benchAnalytics(Number(process.env['BENCH_ANALYTICS_ACCOUNTS'] ?? 10_000)));
}

async function retrain(): Promise<void> {
  print(await benchRetrain(Number(process.env['BENCH_RETRAIN_ACCOUNTS'] ?? 20_000), Number(process.env['BENCH_RETRAIN_RUNS'] ?? 3)));
}

/**
 * Import through the wizard in Chromium (IndexedDB) and event ingestion on the sync server. BENCH_WEB_ROOT: another
 * build of the app (e.g. the code before a change, for runs alternating with this one).
 */
async function importPart(): Promise<void> {
  const host = await startBrowserHost({ port: 0, root: resolve(__dirname, '..', process.env['BENCH_WEB_ROOT'] ?? 'dist-web') });
  try {
    print(await benchImport(host.url, Number(process.env['BENCH_IMPORT_RUNS'] ?? 3)));
  } finally {
    await host.close();
  }
  print(await benchIngestion(Number(process.env['BENCH_INGEST_EVENTS'] ?? 50_000), 100, 8, Number(process.env['BENCH_INGEST_RUNS'] ?? 3)));
}

/**
 * Twenty ordinary interactions on a freshly filled `BENCH_INTERACTION_ACCOUNTS` (10,000) book in Chromium, p95 per
 * round. `BENCH_INTERACTION_BOOK=<dir>`: the filled, scored profile is kept in `<dir>` after the run, and a later run
 * with the same `<dir>` starts from a copy of it instead of filling (so before/after runs compare the same book and
 * take minutes, not the fill's quarter hour). `BENCH_WEB_ROOT=<dir>`: serve another build of the renderer (a build of
 * the code before a change, say). `BENCH_INTERACTION_PROFILE=<dir>`: one more round after the measured ones with the
 * CDP profiler on, a .cpuprofile per interaction and a summary of where each one's main-thread time went.
 */
async function interactions(): Promise<void> {
  const accounts = Number(process.env['BENCH_INTERACTION_ACCOUNTS'] ?? 10_000);
  const rounds = Number(process.env['BENCH_INTERACTION_ROUNDS'] ?? 3);
  const kept = process.env['BENCH_INTERACTION_BOOK'];
  const profileOut = process.env['BENCH_INTERACTION_PROFILE'];
  const reuse = kept !== undefined && isKeptProfile(kept);
  // IndexedDB belongs to an origin: a kept book is served again on the port it was filled on, or the page finds an
  // empty origin and fills a new book.
  const port = reuse ? keptBookPort(kept) : 0;
  const host = await startBrowserHost({ port, root: resolve(process.env['BENCH_WEB_ROOT'] ?? resolve(__dirname, '../dist-web')) });
  try {
    if (reuse) {
      await withProfileCopy(kept, async (context) => print(await benchInteractions(context, host.url, accounts, rounds, profileOut)));
    } else {
      await withFreshProfile(async (context) => {
        print(await benchBookFill(context, host.url, accounts));
        print(await benchInteractions(context, host.url, accounts, rounds, profileOut));
      }, kept);
    }
  } finally {
    await host.close();
  }
}

/**
 * BENCH_REASSIGN_ACCOUNTS (1,000) accounts with 10 activities each, moved BENCH_REASSIGN_RUNS (3) times on the
 * server alone, then as many times to a CS Rep whose app is open in Chromium (BENCH_WEB_ROOT: another build).
 */
async function reassign(): Promise<void> {
  const size = { accounts: Number(process.env['BENCH_REASSIGN_ACCOUNTS'] ?? 1000), activitiesPerAccount: 10 };
  const runs = Number(process.env['BENCH_REASSIGN_RUNS'] ?? 3);
  print(await benchReassign(size, runs));
  const host = await startBrowserHost({ port: 0, root: resolve(__dirname, '..', process.env['BENCH_WEB_ROOT'] ?? 'dist-web') });
  try {
    print(await benchReassignArrival(host.url, size, runs));
  } finally {
    await host.close();
  }
}

async function signin(): Promise<void> {
  print(await benchSignIn());
}

const GROUPS = { grid, sync, reassign, signin, scoring, 'scoring-idb': scoringIdb, retrain, playbooks, calendar, analytics, interactions, import: importPart } as const;

async function main(): Promise<void> {
  const only = process.env['BENCH_ONLY'];
  if (only !== undefined && !(only in GROUPS)) {
    throw new Error(`BENCH_ONLY must be one of ${Object.keys(GROUPS).join(', ')}; got "${only}"`);
  }
  for (const [name, run] of Object.entries(GROUPS)) if (only === undefined || only === name) await run();
}

runScript(main);
