import { generateDemoBook } from '../../common/demo/generate-demo-book';
import { todayUtc } from '../../common/demo/demo-dates';
import { test, expect } from './fixtures';
import { gridRows } from './helpers';

// This spec opens its own contexts (browser.newContext): the test's own page needs no demo book.
test.use({ bookProfile: 'empty' });

const ACCOUNTS = 600;
const COLLECTIONS = ['accounts', 'contacts', 'usage', 'activities', 'revenue'] as const;
const SCHEMA_VERSION: Record<(typeof COLLECTIONS)[number], number> = { accounts: 3, contacts: 0, usage: 1, activities: 1, revenue: 0 };

test('a first start opens the grid before the history is written, and a window closed halfway continues the fill on reopening: no document twice, none missing', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await first.goto(`/?demo=${ACCOUNTS}#/accounts`);
  // The grid is usable while the book's history is still being written, with a counted progress bar.
  await expect(gridRows(first).first()).toBeVisible({ timeout: 60_000 });
  const progress = first.getByTestId('book-fill');
  await expect(progress).toContainText(`of ${ACCOUNTS.toLocaleString('en-US')} accounts`);
  await expect(progress.getByRole('progressbar')).toHaveAttribute('value', /^[1-9]\d*$/, { timeout: 60_000 });
  const doneWhenClosed = Number(await progress.getByRole('progressbar').getAttribute('value'));
  expect(doneWhenClosed).toBeLessThan(ACCOUNTS);
  await first.close();

  // Reopened without the ?demo= size: the fill continues the book it started, from where it got to.
  const second = await context.newPage();
  await second.goto('/#/accounts');
  await expect(second.getByTestId('row-count')).toContainText(`${ACCOUNTS} of ${ACCOUNTS}`, { timeout: 60_000 });
  await expect(second.getByTestId('book-fill')).toHaveCount(0, { timeout: 120_000 });

  const stored = await second.evaluate(
    async ({ collections, versions }) => {
      const keys: Record<string, string[]> = {};
      for (const name of collections) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(`rxdb-dexie-outpost-book--${versions[name]}--${name}`);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const store = db.transaction('docs', 'readonly').objectStore('docs');
        keys[name] = await new Promise<string[]>((resolve, reject) => {
          const request = store.getAllKeys();
          request.onsuccess = () => resolve((request.result as string[]).map(String));
          request.onerror = () => reject(request.error);
        });
        db.close();
      }
      return keys;
    },
    { collections: [...COLLECTIONS], versions: SCHEMA_VERSION },
  );
  const expected: Record<string, string[]> = { accounts: [], contacts: [], usage: [], activities: [], revenue: [] };
  for (const bundle of generateDemoBook({ seed: 42, accounts: ACCOUNTS, asOf: todayUtc() })) {
    expected['accounts']!.push(bundle.account.id);
    for (const name of ['contacts', 'usage', 'activities', 'revenue'] as const) expected[name]!.push(...bundle[name].map((doc) => doc.id));
  }
  for (const name of COLLECTIONS) expect(stored[name]!.sort(), name).toEqual(expected[name]!.sort());
  await context.close();
});
