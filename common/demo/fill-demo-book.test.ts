import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createOutpostDatabase, type OutpostDatabase } from '../db/create-database';
import { demoFillComplete } from './demo-fill-state';
import { ensureDemoBook, readDemoFill } from './fill-demo-book';
import { generateDemoBook } from './generate-demo-book';
import type { SeedProgress } from './seed-demo-book';

const asOf = '2026-05-20';
const opened: OutpostDatabase[] = [];
let names = 0;

const uniqueName = () => `demo-fill-test-${Date.now()}-${(names += 1)}`;

async function open(name: string): Promise<OutpostDatabase> {
  const db = await createOutpostDatabase({ name, storage: getRxStorageDexie() });
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

  it('leaves a book that has accounts of its own (imported, say) alone', async () => {
    const db = await open(uniqueName());
    const [own] = [...generateDemoBook({ seed: 1, accounts: 1, asOf })];
    await db.accounts.insert({ ...own!.account, id: 'own-account' });
    expect(await ensureDemoBook(db, { accounts: 10, asOf }, () => undefined)).toEqual({ seeded: false });
    expect(await db.accounts.count().exec()).toBe(1);
    expect(await readDemoFill(db)).toBeNull();
  });
});
