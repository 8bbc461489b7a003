import { afterEach, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createOutpostDatabase, type OutpostDatabase } from '../db/create-database';
import { generateDemoBook } from './generate-demo-book';

/**
 * The demo-book seeder writes generated documents without per-document validation (`trustedBulkInsert`), so this is
 * where the generator's output meets the schemas: every document of several books must pass the validating storage.
 */
let db: OutpostDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

describe('the demo-book generator at the schema boundary', () => {
  it.each([
    { seed: 42, accounts: 120, asOf: '2026-11-23' },
    { seed: 7, accounts: 80, asOf: '2025-02-28' },
  ])('makes only documents the validating storage accepts (seed $seed, $accounts accounts)', async (options) => {
    db = await createOutpostDatabase({ name: `demo-schemas-${options.seed}-${Date.now()}`, storage: getRxStorageMemory() });
    const bundles = [...generateDemoBook(options)];
    const kinds = {
      contacts: bundles.flatMap((b) => b.contacts),
      usage: bundles.flatMap((b) => b.usage),
      activities: bundles.flatMap((b) => b.activities),
      revenue: bundles.flatMap((b) => b.revenue),
      accounts: bundles.map((b) => b.account),
    };
    for (const [name, docs] of Object.entries(kinds)) {
      expect(docs.length, name).toBeGreaterThan(0);
      const result = await db[name as keyof typeof kinds].bulkInsert(docs as never[]);
      expect(result.error.map((e) => ({ id: e.documentId, status: e.status, errors: 'validationErrors' in e ? e.validationErrors : [] })), name).toEqual([]);
    }
  });
});
