import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutpostDatabase } from '../db/create-database';
import { openTestDatabase } from '../db/testing/test-database';
import { generateDemoBook } from '../demo/generate-demo-book';
import { bookFingerprint } from '../import/book-fingerprint';
import { commitPlan } from '../import/import-batches';
import { loadBookSnapshot } from '../import/load-book';
import { planImport } from '../import/plan-import';
import { readSources } from '../import/read-sources';
import { suggestSetup } from '../import/suggest-setup';
import { sourceFile } from '../import/testing/source-files';
import { exportBookFiles } from './export-book';
import { readBookRecords } from './read-book';

const open: OutpostDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

async function book(): Promise<OutpostDatabase> {
  const db = await openTestDatabase('roundtrip');
  open.push(db);
  return db;
}

/** What must survive the trip: everything but who owns the copy, which import wrote it, and server-side merge history. */
const NOT_COMPARED = ['ownerId', 'teamId', 'importBatch', 'fieldHistory'];

describe('export then import', () => {
  it('into an empty book gives the same book (demo book: every kind of record, custom fields, in-app activities, own features)', async () => {
    const source = await book();
    const bundles = [...generateDemoBook({ seed: 7, accounts: 12, asOf: '2026-03-10' })];
    await source.accounts.bulkInsert(bundles.map((b, i) => (i === 0 ? { ...b.account, customFields: { 'Customer Priority': 'High', Segment: 'Strategic' } } : b.account)));
    await source.contacts.bulkInsert(bundles.flatMap((b) => b.contacts));
    await source.activities.bulkInsert(bundles.flatMap((b, i) => (i === 0 ? b.activities.map((a, k) => (k === 0 ? { ...a, externalId: '' } : a)) : b.activities)));
    await source.revenue.bulkInsert(bundles.flatMap((b) => b.revenue));
    // The first account's first month also counts two of the team's own features (usage schema v1).
    await source.usage.bulkInsert(bundles.flatMap((b, i) => (i === 0 ? b.usage.map((m, k) => (k === 0 ? { ...m, featureEvents: { ...m.featureEvents, dashboards_shared: 7, ai_assistant: 3 } } : m)) : b.usage)));

    const files = exportBookFiles(await readBookRecords(source));
    expect(files.find((f) => f.name === 'usage.csv')!.text.split('\r\n')[0]).toMatch(/,Feature: ai_assistant,Feature: dashboards_shared$/);
    const expected = await bookFingerprint(source, NOT_COMPARED);
    // The free RxDB opens at most 13 collections per process: one book at a time.
    await open.pop()!.close();
    expect(files.map((f) => f.name)).toEqual(['accounts.csv', 'contacts.csv', 'activities.csv', 'revenue.csv', 'usage.csv']);
    const zip = zipSync(Object.fromEntries(files.map((f) => [f.name, strToU8(f.text)])));
    const { tables, refusals } = await readSources([sourceFile('outpost-export.zip', zip)]);
    expect(refusals).toEqual([]);
    const setups = tables.map(suggestSetup);
    expect(setups.map((s) => s.kind)).toEqual(['accounts', 'activities', 'contacts', 'outcomes', 'usage']);

    const target = await book();
    const plan = planImport(await loadBookSnapshot(target, setups), setups, { ownerId: 'u-new', ownerName: 'New Owner', teamId: 't-new', now: new Date('2026-03-10T12:00:00Z') });
    expect(plan.files.flatMap((f) => f.errors)).toEqual([]);
    await commitPlan(target, plan, { who: 'New Owner', files: tables.map((t) => t.fileName) });

    const actual = await bookFingerprint(target, NOT_COMPARED);
    for (const name of Object.keys(expected)) expect(actual[name], name).toEqual(expected[name]);
    // Importing the export again changes nothing.
    const again = planImport(await loadBookSnapshot(target, setups), setups, { ownerId: 'u-new', ownerName: 'New Owner', teamId: 't-new', now: new Date('2026-03-10T12:00:00Z') });
    expect(again.docs).toEqual([]);
  });

  it('exports only the accounts of the current view, with their history', async () => {
    const source = await book();
    const bundles = [...generateDemoBook({ seed: 7, accounts: 3, asOf: '2026-03-10' })];
    await source.accounts.bulkInsert(bundles.map((b) => b.account));
    await source.usage.bulkInsert(bundles.flatMap((b) => b.usage));
    const view = new Set([bundles[1]!.account.id]);
    const files = exportBookFiles(await readBookRecords(source, view));
    const accounts = files.find((f) => f.name === 'accounts.csv')!.text.split('\r\n');
    expect(accounts).toHaveLength(2);
    expect(accounts[1]).toContain(bundles[1]!.account.externalId);
    const usageAccounts = new Set(files.find((f) => f.name === 'usage.csv')!.text.split('\r\n').slice(1).map((l) => l.split(',')[0]));
    expect([...usageAccounts]).toEqual([bundles[1]!.account.externalId]);
  });
});
