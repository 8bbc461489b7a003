import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { PASSWORD } from '../sync-server/testing/test-server';
import { round, type Figure } from './figure';
import { withFreshProfile } from './first-hour.bench';
import { bookRunAfter, longestTaskSince, longTasksOver, markTime, type MarkedBookRun } from './page-probes';
import { replicateInPage, startPouchReferenceServer } from './pouchdb-in-browser';
import { bulkLoad, startSeededSyncServer, type SyncBookSize } from './sync-book';
import { spread } from './spread';

/**
 * A team lead's first sync in the app's own storage: a CS Manager signs in on a fresh Chromium profile (IndexedDB on
 * disk, the app's schema validation as it runs) and the app replicates the team book (owned by a rep of the team, so
 * the manager's device computes no assessments: common/sync/push-policy.ts) from the real sync server on 127.0.0.1.
 * Timed from navigation start to `outpost:team-synced` (every collection has pulled what the server had), and to the
 * status reading "online, 0 pending". The reference is plain PouchDB replicating the same documents from
 * express-pouchdb into IndexedDB in the same browser, with the same batch size as the app's pull.
 */
const APP_PULL_BATCH = 1000;

interface Run {
  syncedMs: number;
  settledMs: number;
  longestTaskMs: number;
  /** Main-thread tasks over 100 ms (the target) from navigation start to "online, 0 pending". */
  tasksOver100: number;
  /**
   * The device's first whole-book scoring after the sync (held until every collection has pulled): the engine's own
   * run, the feature digests it rebuilt from the raw history, and the page's longest task from all pulled to its end.
   */
  scoring: MarkedBookRun;
  scoringLongestTaskMs: number;
}

export async function countTeamDocuments(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const counts: Record<string, number> = {};
    for (const { name } of await indexedDB.databases()) {
      const match = name?.match(/^rxdb-dexie-outpost-team-[0-9a-f]+--\d+--(accounts|activities|riskassessments)$/);
      if (!name || !match) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      counts[match[1]!] = await new Promise<number>((resolve, reject) => {
        const request = db.transaction('docs', 'readonly').objectStore('docs').count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
    }
    return counts;
  });
}

/**
 * Signs a seeded member in through the API (the bench's CS Manager unless told): the app keeps this session in
 * sessionStorage (as tests/e2e do).
 */
export async function signInMember(context: BrowserContext, serverUrl: string, email = 'manager.a@example.com'): Promise<void> {
  const response = await fetch(`${serverUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in for the bench failed: ${response.status}`);
  const body = (await response.json()) as {
    user: { id: string; email: string; name: string; role: string; teamId: string };
    accessToken: string;
    refreshToken: string;
    expiresIn: number;
  };
  const { id, name, role, teamId } = body.user;
  const session = {
    serverUrl,
    user: { id, email: body.user.email, name, role, teamId },
    refreshToken: body.refreshToken,
    accessToken: body.accessToken,
    accessExpiresAt: Date.now() + body.expiresIn * 1000,
  };
  await context.addInitScript((kept) => {
    if (!sessionStorage.getItem('outpost.sync-session')) sessionStorage.setItem('outpost.sync-session', kept);
  }, JSON.stringify(session));
}

export async function firstTeamSync(context: BrowserContext, hostUrl: string, serverUrl: string, expected: Record<string, number>): Promise<Run> {
  await signInMember(context, serverUrl);
  const page = await context.newPage();
  await page.goto(`${hostUrl}/#/accounts`);
  const syncedMs = await markTime(page, 'outpost:team-synced', 30 * 60_000);
  await page.waitForFunction(
    () => {
      const element = document.querySelector('[data-testid="sync-status"]');
      return element?.getAttribute('data-state') === 'online' && element.getAttribute('data-pending') === '0';
    },
    undefined,
    { timeout: 30 * 60_000, polling: 100 },
  );
  const settledMs = await page.evaluate(() => performance.now());
  const longestTaskMs = await longestTaskSince(page, 0);
  const tasksOver100 = await longTasksOver(page, 0, 100);
  if (process.env['BENCH_LONG_TASKS']) {
    // Where the longest tasks fall (ms from navigation start), to tell start-up from the writes.
    const top = await page.evaluate(() =>
      [...((window as unknown as { __outpostLongTasks?: { start: number; duration: number }[] }).__outpostLongTasks ?? [])]
        .sort((a, b) => b.duration - a.duration)
        .slice(0, 8)
        .map((t) => `${Math.round(t.duration)} ms at ${Math.round(t.start)}`),
    );
    console.error(`longest tasks (synced at ${Math.round(syncedMs)} ms): ${top.join(', ')}`);
  }
  const scoring = await bookRunAfter(page, syncedMs, 30 * 60_000);
  const scoringLongestTaskMs = await longestTaskSince(page, syncedMs);
  if (process.env['BENCH_LONG_TASKS']) console.error(`first scoring after the sync: ${JSON.stringify(scoring)}`);
  const counts = await countTeamDocuments(page);
  for (const [collection, count] of Object.entries(expected)) {
    if (counts[collection] !== count) throw new Error(`first team sync incomplete: ${collection} ${counts[collection]} of ${count}`);
  }
  await page.close();
  return { syncedMs, settledMs, longestTaskMs, tasksOver100, scoring, scoringLongestTaskMs };
}

export async function benchTeamFirstSync(hostUrl: string, size: SyncBookSize, runs: number): Promise<Figure[]> {
  const label = `${size.accounts} accounts + ${size.accounts * size.activitiesPerAccount} activities`;
  const seeded = await startSeededSyncServer(size, 'repA');
  const couchDir = mkdtempSync(join(tmpdir(), 'outpost-bench-couch-'));
  try {
    await seeded.server.ready();
    const expected = { accounts: seeded.book.accounts.length, activities: seeded.book.activities.length };
    const app: Run[] = [];
    for (let run = 0; run < runs; run += 1) {
      app.push(await withFreshProfile((context) => firstTeamSync(context, hostUrl, seeded.server.url, expected)));
    }
    await seeded.server.close();
    const seconds = (values: number[]) => values.map((ms) => ms / 1000);
    const appFigures = [
      ...spread(`team first sync in Chromium (IndexedDB), CS Manager, ${label}, to all pulled`, seconds(app.map((r) => r.syncedMs)), 's', 2),
      ...spread(`team first sync in Chromium (IndexedDB), ${label}, to "online, 0 pending"`, seconds(app.map((r) => r.settledMs)), 's', 2),
      ...spread('team first sync in Chromium, longest main-thread task', app.map((r) => r.longestTaskMs), 'ms'),
      ...spread('team first sync in Chromium, main-thread tasks over 100 ms', app.map((r) => r.tasksOver100), 'tasks', 0),
      // The manager scores only the accounts they own (none here): this run should read next to nothing.
      ...spread('team first sync in Chromium, the first scoring after it (engine run)', app.map((r) => r.scoring.lastRunMs), 'ms'),
      ...spread('team first sync in Chromium, feature digests that scoring rebuilt from the raw history', app.map((r) => r.scoring.refresh.rebuilt), 'accounts', 0),
      ...spread('team first sync in Chromium, longest main-thread task from all pulled to scored', app.map((r) => r.scoringLongestTaskMs), 'ms'),
    ];
    // BENCH_TEAM_SYNC_PLAIN=0: without the plain PouchDB reference (runs of two builds alternating, say).
    if (process.env['BENCH_TEAM_SYNC_PLAIN'] === '0') return appFigures;

    const reference = await startPouchReferenceServer(couchDir);
    const pouch: number[] = [];
    try {
      const { default: PouchDB } = await import('pouchdb-node');
      const remoteAccounts = new PouchDB<any>(`${reference.url}team-accounts`);
      const remoteActivities = new PouchDB<any>(`${reference.url}team-activities`);
      await bulkLoad(remoteAccounts, seeded.book.accounts, (doc) => doc);
      await bulkLoad(remoteActivities, seeded.book.activities, (doc) => doc);
      await Promise.all([remoteAccounts.close(), remoteActivities.close()]);
      for (let run = 0; run < runs; run += 1) {
        const result = await withFreshProfile(async (context) => {
          const page = await context.newPage();
          return replicateInPage(page, reference.url, ['team-accounts', 'team-activities'], APP_PULL_BATCH);
        });
        if (result.docs !== expected.accounts + expected.activities) throw new Error(`PouchDB reference incomplete: ${result.docs}`);
        pouch.push(result.ms);
      }
    } finally {
      await reference.close();
    }
    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    const medianOf = (values: number[]) => sorted(values)[Math.floor(values.length / 2)]!;
    return [
      ...appFigures,
      ...spread(`plain PouchDB replication of the same documents into IndexedDB in the same Chromium (batch ${APP_PULL_BATCH})`, seconds(pouch), 's', 2),
      {
        name: 'team first sync / plain PouchDB in the same browser, medians (below 1: we are faster)',
        value: round(medianOf(app.map((r) => r.syncedMs)) / medianOf(pouch), 2),
        unit: 'x',
      },
    ];
  } finally {
    await seeded.server.close().catch(() => undefined);
    rmSync(seeded.dataDir, { recursive: true, force: true });
    rmSync(couchDir, { recursive: true, force: true });
  }
}
