import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../model';
import { generateDemoBook } from '../demo/generate-demo-book';
import { createOutpostDatabase, type OutpostDatabase } from './create-database';
import { getOutpostDexieStorage } from './dexie-storage';
import { openLiveDocuments, type LiveDocuments } from './live-documents';

const accounts = [...generateDemoBook({ seed: 15, accounts: 30, asOf: '2026-06-01' })].map((b) => b.account);
let db: OutpostDatabase;
let counter = 0;
let view: LiveDocuments<Account> | undefined;

const options = {
  minIntervalMs: 20,
  now: () => performance.now(),
  schedule: (task: () => void, delayMs: number) => {
    const handle = setTimeout(task, delayMs);
    return () => clearTimeout(handle);
  },
  onError: (error: unknown) => {
    throw error;
  },
};

/** What RxDB's own query answers for the same collection (the data of its RxDocuments). */
async function findAll(): Promise<unknown[]> {
  return (await db.accounts.find().exec()).map((doc) => doc.toJSON(true));
}

/** Resolves with the first result the view hands over that passes `accept`. */
function resultWhere(live: LiveDocuments<Account>, accept: (docs: readonly Account[]) => boolean): Promise<readonly Account[]> {
  return new Promise((resolve) => {
    const unsubscribe = live.subscribe((docs) => {
      if (!accept(docs)) return;
      unsubscribe();
      resolve(docs);
    });
  });
}

beforeEach(async () => {
  counter += 1;
  db = await createOutpostDatabase({ name: `live-docs-${process.pid}-${counter}-${Date.now()}`, storage: getOutpostDexieStorage(), collections: ['accounts'] });
  await db.accounts.bulkInsert(accounts.slice(0, 20));
});

afterEach(async () => {
  view?.close();
  view = undefined;
  await db.remove();
});

describe('openLiveDocuments', () => {
  it('reads what find().exec() answers, as plain data in primary-key order', async () => {
    view = openLiveDocuments(db.accounts, options);
    const first = await view.first;
    expect(first).toEqual(await findAll());
    expect(first.map((a) => a.id)).toEqual(accounts.slice(0, 20).map((a) => a.id).sort());
  });

  it('follows inserts, updates and deletes, and keeps the unchanged documents as they were', async () => {
    view = openLiveDocuments(db.accounts, options);
    const first = await view.first;
    const edited = first[4]!.id;
    const removed = first[9]!.id;
    await db.accounts.insert(accounts[25]!);
    await (await db.accounts.findOne(edited).exec())!.incrementalPatch({ name: 'Renamed Inc.' });
    await (await db.accounts.findOne(removed).exec())!.remove();
    const next = await resultWhere(view, (docs) => docs.length === 20 && docs.some((a) => a.name === 'Renamed Inc.'));
    expect(next).toEqual(await findAll());
    expect(next.some((a) => a.id === removed)).toBe(false);
    const untouched = first.find((a) => a.id !== edited && a.id !== removed)!;
    expect(next.find((a) => a.id === untouched.id)).toBe(untouched);
  });

  it('loses no write made while the first read is under way', async () => {
    view = openLiveDocuments(db.accounts, options);
    const writes = db.accounts.bulkInsert(accounts.slice(20, 30));
    await view.first;
    await writes;
    const all = await resultWhere(view, (docs) => docs.length === 30);
    expect(all).toEqual(await findAll());
  });

  it('hands a late subscriber the current documents, and a write after a bulk shows in one more result', async () => {
    view = openLiveDocuments(db.accounts, options);
    await view.first;
    await db.accounts.bulkInsert(accounts.slice(20, 30));
    expect(await resultWhere(view, () => true)).toHaveLength(30);
    expect(await resultWhere(view, () => true)).toEqual(await findAll());
  });
});
