import type { BrowserContext, Page } from 'playwright-core';
import { collectionDefinitions, type CollectionName } from '../common/db/collections';

/**
 * In-page probes the first-hour benchmarks share: long tasks on the main thread (PerformanceObserver, installed before
 * the app's first script) and bare IndexedDB reads and writes of what Outpost stored, the reference each Outpost
 * figure is divided by.
 */

/** Records every main-thread task over 50 ms in `window.__outpostLongTasks` from the first byte of every page. */
export async function recordLongTasks(context: BrowserContext): Promise<void> {
  // tsx compiles this file with esbuild's keepNames, which wraps named functions inside page.evaluate callbacks in
  // a `__name(fn, "name")` helper that exists only in Node: give pages the same helper (it returns the function).
  await context.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn);');
  await context.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { __outpostLongTasks: typeof tasks }).__outpostLongTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The longest main-thread task that started at or after `from` (ms since navigation start), 0 if none over 50 ms. */
export function longestTaskSince(page: Page, from: number): Promise<number> {
  return page.evaluate((since) => {
    const tasks = (window as unknown as { __outpostLongTasks?: { start: number; duration: number }[] }).__outpostLongTasks ?? [];
    return tasks.filter((t) => t.start >= since).reduce((max, t) => Math.max(max, t.duration), 0);
  }, from);
}

/** How many main-thread tasks that started at or after `from` took longer than `overMs`. */
export function longTasksOver(page: Page, from: number, overMs: number): Promise<number> {
  return page.evaluate(
    ([since, over]) => {
      const tasks = (window as unknown as { __outpostLongTasks?: { start: number; duration: number }[] }).__outpostLongTasks ?? [];
      return tasks.filter((t) => t.start >= since! && t.duration > over!).length;
    },
    [from, overMs],
  );
}

/** Time from navigation start to a User Timing mark, once it exists. */
export async function markTime(page: Page, name: string, timeoutMs: number): Promise<number> {
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, name, { timeout: timeoutMs });
  return page.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime, name);
}

/** What the scoring engine reports of a whole-book run (`outpost:book-run-scored`, IntelligenceService), as the bench reads it. */
export interface MarkedBookRun {
  /** When the run ended (ms from navigation start). */
  endedAt: number;
  lastRunMs: number;
  refresh: { rebuilt: number; mode: string; rebuildMs: number };
  phases?: Record<string, number>;
}

/** The first whole-book scoring run that started after `from` (ms from navigation start), waiting for it to end. */
export async function bookRunAfter(page: Page, from: number, timeoutMs: number): Promise<MarkedBookRun> {
  const handle = await page.waitForFunction(
    (since) => {
      const mark = (performance.getEntriesByName('outpost:book-run-scored') as PerformanceMark[]).find(
        (m) => m.startTime - (m.detail as { lastRunMs: number }).lastRunMs > since,
      );
      return mark ? { endedAt: mark.startTime, ...(mark.detail as object) } : undefined;
    },
    from,
    { timeout: timeoutMs, polling: 100 },
  );
  return (await handle.jsonValue()) as MarkedBookRun;
}

/**
 * The IndexedDB database RxDB's Dexie storage keeps one collection of the local book in; its name carries the
 * collection's schema version, read from the schema itself so a version bump cannot leave the bench reading a
 * database that no longer exists.
 */
export const bookStoreName = (collection: CollectionName) =>
  `rxdb-dexie-outpost-book--${collectionDefinitions[collection].schema.version}--${collection}`;

/**
 * Bare IndexedDB: open a database and getAll of its `docs` store, timed inside the page (ms). First, untimed, a
 * `count()` of the same store: it is answered once IndexedDB has finished what a page closed just before left queued
 * (an app page's reads and writes after its grid appeared), which would otherwise be timed as part of this read.
 */
export function bareReadAll(page: Page, database: string): Promise<{ ms: number; records: number }> {
  return page.evaluate(async (name) => {
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const db = request.result;
        const count = db.transaction('docs', 'readonly').objectStore('docs').count();
        count.onsuccess = () => {
          db.close();
          resolve();
        };
        count.onerror = () => reject(count.error);
      };
    });
    const start = performance.now();
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const records = await new Promise<number>((resolve, reject) => {
      const request = db.transaction('docs', 'readonly').objectStore('docs').getAll();
      request.onsuccess = () => resolve(request.result.length);
      request.onerror = () => reject(request.error);
    });
    const ms = performance.now() - start;
    db.close();
    return { ms, records };
  }, database);
}

/**
 * Bare IndexedDB bulk put of the very documents Outpost stored in `databases` (read back first, untimed), into a new
 * database with one store per collection, in transactions of `chunk` records: the physical limit of this browser and
 * disk for that many records. Returns the time of the puts alone (ms) and the records written.
 *
 * `withIndexes`: the new stores get the indexes of the stores the documents came from (RxDB's Dexie storage keeps
 * four to five compound indexes per collection, every one an entry per record to write), so the figure is the
 * limit for this layout with its indexes, not only for the records.
 */
export function bareBulkPutOf(page: Page, databases: readonly string[], chunk = 10_000, withIndexes = false): Promise<{ ms: number; records: number }> {
  return page.evaluate(
    async ({ names, size, indexed }) => {
      const open = (name: string, upgrade?: (db: IDBDatabase) => void) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const request = upgrade ? indexedDB.open(name, 1) : indexedDB.open(name);
          if (upgrade) request.onupgradeneeded = () => upgrade(request.result);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      type IndexShape = { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean };
      const indexesOf = new Map<string, IndexShape[]>();
      for (const name of indexed ? names : []) {
        const source = await open(name);
        const store = source.transaction('docs', 'readonly').objectStore('docs');
        indexesOf.set(name, Array.from(store.indexNames, (index) => {
          const { keyPath, unique, multiEntry } = store.index(index);
          return { name: index, keyPath, unique, multiEntry };
        }));
        source.close();
      }
      const target = await open(`outpost-bench-bare-${Date.now()}`, (db) => {
        for (const name of names) {
          const store = db.createObjectStore(name);
          for (const index of indexesOf.get(name) ?? []) store.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
        }
      });
      let ms = 0;
      let records = 0;
      for (const name of names) {
        const source = await open(name);
        const [keys, values] = await new Promise<[IDBValidKey[], unknown[]]>((resolve, reject) => {
          const tx = source.transaction('docs', 'readonly');
          const store = tx.objectStore('docs');
          const keysRequest = store.getAllKeys();
          const valuesRequest = store.getAll();
          tx.oncomplete = () => resolve([keysRequest.result, valuesRequest.result]);
          tx.onerror = () => reject(tx.error);
        });
        source.close();
        const start = performance.now();
        for (let from = 0; from < values.length; from += size) {
          await new Promise<void>((resolve, reject) => {
            const tx = target.transaction(name, 'readwrite');
            const store = tx.objectStore(name);
            for (let i = from; i < Math.min(from + size, values.length); i += 1) store.put(values[i], keys[i]);
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          });
        }
        ms += performance.now() - start;
        records += values.length;
      }
      const targetName = target.name;
      target.close();
      indexedDB.deleteDatabase(targetName);
      return { ms, records };
    },
    { names: [...databases], size: chunk, indexed: withIndexes },
  );
}
