import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { RxStorage } from 'rxdb';
import { createOutpostDatabase, type OutpostDatabase } from '../db/create-database';
import { demoFillComplete } from './demo-fill-state';
import { DEMO_FILL_CONTEXT, ensureDemoBook, fillDemoHistory, FILL_WRITE_MAX_DOCUMENTS, readDemoFill } from './fill-demo-book';
import { generateDemoBook } from './generate-demo-book';
import type { SeedProgress } from './seed-demo-book';

const asOf = '2026-05-20';
const opened: OutpostDatabase[] = [];
let names = 0;

const uniqueName = () => `demo-fill-test-${Date.now()}-${(names += 1)}`;

async function open(name: string, storage: RxStorage<any, any> = getRxStorageDexie()): Promise<OutpostDatabase> {
  const db = await createOutpostDatabase({ name, storage });
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) if (!db.closed) await db.remove();
});

const CHILDREN = ['contacts', 'usage', 'activities', 'revenue'] as const;

/** Every stored id per collection, sorted: equal books have equal snapshots. */
async function snapshot(db: OutpostDatabase): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const name of ['accounts', ...CHILDREN] as const) {
    out[name] = (await db[name].find().exec()).map((doc) => (doc as unknown as { id: string }).id).sort();
  }
  return out;
}

function expectedSnapshot(accounts: number): Record<string, string[]> {
  const out: Record<string, string[]> = { accounts: [], contacts: [], usage: [], activities: [], revenue: [] };
  for (const bundle of generateDemoBook({ seed: 42, accounts, asOf })) {
    out['accounts']!.push(bundle.account.id);
    for (const name of CHILDREN) out[name]!.push(...bundle[name].map((doc) => doc.id));
  }
  for (const ids of Object.values(out)) ids.sort();
  return out;
}

describe('filling the demo book on first start', () => {
  it('stores every account before any history, so the grid can open at once, then the history with progress', async () => {
    const db = await open(uniqueName());
    const seen: { accounts: number; usage: number }[] = [];
    const progress: SeedProgress[] = [];
    const result = await ensureDemoBook(db, { accounts: 30, asOf, batchSize: 10 }, (p) => progress.push(p), {
      onAccountsWritten: async () => {
        seen.push({ accounts: await db.accounts.count().exec(), usage: await db.usage.count().exec() });
      },
    });
    expect(result).toEqual({ seeded: true });
    expect(seen).toEqual([{ accounts: 30, usage: 0 }]);
    expect(progress).toEqual([
      { done: 10, total: 30 },
      { done: 20, total: 30 },
      { done: 30, total: 30 },
    ]);
    expect(await snapshot(db)).toEqual(expectedSnapshot(30));
    expect(demoFillComplete((await readDemoFill(db))!)).toBe(true);
    expect(await ensureDemoBook(db, { accounts: 30, asOf }, () => undefined)).toEqual({ seeded: false });
  });

  it('continues where a fill stopped halfway: no document twice, no account without its history', async () => {
    const name = uniqueName();
    const first = await open(name);
    const stop = new AbortController();
    await ensureDemoBook(first, { accounts: 40, asOf, batchSize: 5 }, (p) => p.done === 10 && stop.abort(), { signal: stop.signal });
    const halfway = (await readDemoFill(first))!;
    expect(halfway).toMatchObject({ accountsWritten: true, accounts: 40 });
    expect(halfway.historyWritten).toBeGreaterThanOrEqual(10);
    expect(halfway.historyWritten).toBeLessThan(40);
    // The window closed while the next batch was being written: some of its documents got in, the state did not.
    const next = [...generateDemoBook({ seed: 42, accounts: 40, asOf })][halfway.historyWritten]!;
    await first.usage.bulkInsert(next.usage.slice(0, 3));
    await first.close();

    const reopened = await open(name);
    const progress: SeedProgress[] = [];
    expect(await ensureDemoBook(reopened, { accounts: 40, asOf, batchSize: 5 }, (p) => progress.push(p))).toEqual({ seeded: true });
    expect(progress[0]!.done).toBeGreaterThan(halfway.historyWritten);
    expect(progress.at(-1)).toEqual({ done: 40, total: 40 });
    expect(await snapshot(reopened)).toEqual(expectedSnapshot(40));
    expect(demoFillComplete((await readDemoFill(reopened))!)).toBe(true);
  });

  it('hands the history to another writer (the worker) once every account is stored; what it leaves halfway is continued', async () => {
    const name = uniqueName();
    const first = await open(name);
    const stop = new AbortController();
    const handed: { historyWritten: number; accounts: number }[] = [];
    await ensureDemoBook(first, { accounts: 40, asOf }, () => undefined, {
      writeHistory: async (state, onProgress) => {
        handed.push({ historyWritten: state.historyWritten, accounts: await first.accounts.count().exec() });
        // The worker's sizes: larger batches and writes than on the page.
        await fillDemoHistory(first, state, (p) => (onProgress(p), p.done >= 14 && stop.abort()), { batchSize: 7, writeMaxDocuments: 1000 }, stop.signal);
      },
    });
    expect(handed).toEqual([{ historyWritten: 0, accounts: 40 }]);
    const halfway = (await readDemoFill(first))!;
    expect(halfway.historyWritten).toBeGreaterThanOrEqual(14);
    expect(halfway.historyWritten).toBeLessThan(40);
    expect(halfway.historyWritten % 7).toBe(0);
    await first.close();

    const reopened = await open(name);
    await ensureDemoBook(reopened, { accounts: 40, asOf }, () => undefined);
    expect(await snapshot(reopened)).toEqual(expectedSnapshot(40));
    expect(demoFillComplete((await readDemoFill(reopened))!)).toBe(true);
  });

  it('writes the book in writes of a bounded number of documents, each its own IndexedDB transaction, whatever the batch of accounts', async () => {
    // Each write's documents are converted and structured-cloned by IndexedDB's put on the UI thread in one task: a
    // batch of 10 accounts is about 250 activities, which took 130-400 ms tasks on a loaded machine.
    const sizes: { collection: string; rows: number }[] = [];
    const storage = getRxStorageDexie();
    const recording: RxStorage<any, any> = {
      ...storage,
      async createStorageInstance(params) {
        const instance = await storage.createStorageInstance(params);
        const write = instance.bulkWrite.bind(instance);
        instance.bulkWrite = (rows, context) => {
          if (context === DEMO_FILL_CONTEXT) sizes.push({ collection: params.collectionName, rows: rows.length });
          return write(rows, context);
        };
        return instance;
      },
    };
    const db = await open(uniqueName(), recording);
    await ensureDemoBook(db, { accounts: 30, asOf, batchSize: 10 }, () => undefined);
    expect(await snapshot(db)).toEqual(expectedSnapshot(30));
    const largest = Math.max(...sizes.map((write) => write.rows));
    expect(largest).toBeLessThanOrEqual(FILL_WRITE_MAX_DOCUMENTS);
    expect(sizes.filter((write) => write.collection === 'activities').length).toBeGreaterThan(3);
  });

  it('stores the very account documents the generator makes with their history', async () => {
    const db = await open(uniqueName());
    await ensureDemoBook(db, { accounts: 12, asOf, batchSize: 5 }, () => undefined);
    const stored = new Map((await db.accounts.find().exec()).map((doc) => [doc.id, doc.toJSON()]));
    for (const bundle of generateDemoBook({ seed: 42, accounts: 12, asOf })) expect(stored.get(bundle.account.id)).toEqual(bundle.account);
  });

  it('leaves a book that has accounts of its own (imported, say) alone', async () => {
    const db = await open(uniqueName());
    const [own] = [...generateDemoBook({ seed: 1, accounts: 1, asOf })];
    await db.accounts.insert({ ...own!.account, id: 'own-account' });
    expect(await ensureDemoBook(db, { accounts: 10, asOf }, () => undefined)).toEqual({ seeded: false });
    expect(await db.accounts.count().exec()).toBe(1);
    expect(await readDemoFill(db)).toBeNull();
  });
});
