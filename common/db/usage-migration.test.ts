import 'fake-indexeddb/auto';
import { createRxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { PRODUCT_FEATURES, type UsageMonth } from '../model';
import { createOutpostDatabase, type OutpostDatabase } from './create-database';
import { usageSchema } from './schemas/usage-schema';
import { stampNew } from './stamp-writes';

const open: OutpostDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.remove()));
});

const month = (id: string, featureEvents: Record<string, number>): UsageMonth =>
  stampNew({
    id, ownerId: 'u-ann', teamId: 'team-east', accountId: id.split(':')[0]!, month: '2026-06',
    activeUsers: Array.from({ length: 30 }, (_, i) => (i < 3 ? 4 : null)), featureEvents,
  });

describe('usage month migration v0 -> v1 (the team\'s own feature keys)', () => {
  it('keeps the months v0 wrote, then stores own keys under validation and refuses keys that are not normalised', async () => {
    const name = `migrate-usage${process.pid}${Date.now()}`;
    const v0FeatureEvents = { type: 'object', additionalProperties: false, properties: Object.fromEntries(PRODUCT_FEATURES.map((f) => [f, { type: 'integer', minimum: 0 }])) };
    const old = await createRxDatabase({ name, storage: getRxStorageDexie() });
    await old.addCollections({ usage: { schema: { ...usageSchema, version: 0, properties: { ...usageSchema.properties, featureEvents: v0FeatureEvents } } as never } });
    const v0 = month('acc-1:2026-06', { dashboards: 12, api: 400 });
    await old.collections['usage']!.insert(v0);
    await old.close();

    const db = await createOutpostDatabase({ name, storage: getRxStorageDexie() });
    open.push(db);
    expect((await db.usage.findOne('acc-1:2026-06').exec())!.toJSON()).toMatchObject(v0);

    await db.usage.insert(month('acc-2:2026-06', { dashboards: 3, dashboards_shared: 7, ai_assistant: 5 }));
    expect((await db.usage.findOne('acc-2:2026-06').exec())!.featureEvents).toEqual({ dashboards: 3, dashboards_shared: 7, ai_assistant: 5 });
    await expect(db.usage.insert(month('acc-3:2026-06', { 'Dashboards Shared': 1 }))).rejects.toThrow();
    await expect(db.usage.insert(month('acc-4:2026-06', { dashboards_shared: -1 }))).rejects.toThrow();
    await expect(db.usage.insert(month('acc-5:2026-06', Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`f_${i}`, 1]))))).rejects.toThrow();
  });
});
