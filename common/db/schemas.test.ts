import 'fake-indexeddb/auto';
import { createRxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Account } from '../model';
import { COLLECTION_BUDGET, collectionDefinitions, RESERVED_COLLECTIONS } from './collections';
import { createOutpostDatabase, type OutpostDatabase } from './create-database';
import { accountSchema } from './schemas/account-schema';
import { teamSettingSchema } from './schemas/team-setting-schema';
import { stampChanges, stampNew } from './stamp-writes';
import { openTestDatabase } from './testing/test-database';

const open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

async function book(): Promise<OutpostDatabase> {
  const db = await openTestDatabase('schemas');
  open.push(db);
  return db;
}

function account(overrides: Partial<Account> = {}): Account {
  return stampNew({
    id: 'acc-1',
    ownerId: 'u-ann',
    teamId: 'team-east',
    externalId: '0015g00000ABCDE',
    name: 'Acme Corporation',
    domain: 'acme.example',
    industry: 'Manufacturing',
    region: 'North America',
    tier: 'Enterprise' as const,
    status: 'active' as const,
    lifecycleStage: 'mature' as const,
    ownerName: 'Ann Lee',
    plan: 'Enterprise',
    seatsPurchased: 500,
    seatsActive: 225,
    mrr: 45000,
    contractStart: '2024-03-01',
    renewalDate: '2027-03-01',
    createdAt: '2024-02-20T10:00:00.000Z',
    ...overrides,
  });
}

describe('collections', () => {
  it('fit the free RxDB limit with room for the collections later features need', () => {
    const names = Object.keys(collectionDefinitions);
    expect(names.length + RESERVED_COLLECTIONS.length).toBeLessThanOrEqual(COLLECTION_BUDGET);
    expect(COLLECTION_BUDGET).toBeLessThan(13);
    for (const name of RESERVED_COLLECTIONS) expect(names).not.toContain(name);
  });

  it('every account-scoped schema carries the sync fields', () => {
    for (const [name, { schema }] of Object.entries(collectionDefinitions)) {
      if (name === 'preferences') continue;
      for (const field of ['id', 'ownerId', 'teamId', 'updatedAt', 'fieldStamps']) {
        expect(schema.required, `${name}.${field}`).toContain(field);
      }
    }
  });
});

describe('account schema', () => {
  it('stores a valid account and reads it back', async () => {
    const db = await book();
    await db.accounts.insert(account());
    const stored = await db.accounts.findOne('acc-1').exec();
    expect(stored?.name).toBe('Acme Corporation');
    expect(stored?.fieldStamps['mrr']).toBe(stored?.updatedAt);
  });

  it.each([
    ['negative MRR', { mrr: -1 }],
    ['fractional seats', { seatsActive: 2.5 }],
    ['unknown tier', { tier: 'Gold' as never }],
    ['bad renewal date', { renewalDate: '03/01/2027' }],
    ['empty name', { name: '' }],
  ])('refuses %s and writes nothing', async (_label, bad) => {
    const db = await book();
    await expect(db.accounts.insert(account(bad))).rejects.toThrow();
    expect(await db.accounts.count().exec()).toBe(0);
  });

  it('refuses unknown fields', async () => {
    const db = await book();
    await expect(db.accounts.insert({ ...account(), surprise: 1 } as Account)).rejects.toThrow();
  });
});

describe('soft deletes and stamps', () => {
  it('a removed account leaves a tombstone that replication can carry', async () => {
    const db = await book();
    const doc = await db.accounts.insert(account());
    await doc.remove();
    expect(await db.accounts.count().exec()).toBe(0);
    const tombstone = await db.accounts.storageInstance.findDocumentsById(['acc-1'], true);
    expect(tombstone[0]?._deleted).toBe(true);
  });

  it('an edit advances updatedAt and stamps only the changed field', async () => {
    const db = await book();
    const doc = await db.accounts.insert(account());
    const before = doc.toJSON();
    const after = await doc.incrementalPatch(stampChanges(doc.fieldStamps, { mrr: 50000 }));
    expect(after.updatedAt > before.updatedAt).toBe(true);
    expect(after.fieldStamps['mrr']).toBe(after.updatedAt);
    expect(after.fieldStamps['name']).toBe(before.fieldStamps['name']);
  });
});

describe('account migration v0 -> v1', () => {
  it('adds per-field stamps and a lifecycle stage to documents written by v0', async () => {
    const name = `migrate${process.pid}${Date.now()}`;
    const { fieldStamps: _stamps, lifecycleStage: _stage, ...v0Properties } = accountSchema.properties as Record<
      string,
      unknown
    >;
    const v0Schema = {
      ...accountSchema,
      version: 0,
      properties: v0Properties,
      required: (accountSchema.required as string[]).filter((f) => f !== 'fieldStamps' && f !== 'lifecycleStage'),
    };
    const old = await createRxDatabase({ name, storage: getRxStorageDexie() });
    await old.addCollections({ accounts: { schema: v0Schema as never } });
    const { fieldStamps: _f, lifecycleStage: _l, ...v0Doc } = account();
    await old.collections['accounts']!.insert(v0Doc);
    await old.close();

    const db = await createOutpostDatabase({ name, storage: getRxStorageDexie() });
    open.push(db);
    const migrated = await db.accounts.findOne('acc-1').exec();
    expect(migrated?.toJSON()).toMatchObject({ name: 'Acme Corporation', fieldStamps: {}, lifecycleStage: 'mature' });
  });
});

describe('account migration v1 -> v2', () => {
  it('gives accounts written by v1 an empty field history and keeps everything else', async () => {
    const name = `migrate2x${process.pid}${Date.now()}`;
    const { fieldHistory: _history, ...v1Properties } = accountSchema.properties as Record<string, unknown>;
    const v1Schema = { ...accountSchema, version: 1, properties: v1Properties };
    const old = await createRxDatabase({ name, storage: getRxStorageDexie() });
    await old.addCollections({ accounts: { schema: v1Schema as never } });
    const v1Doc = account();
    await old.collections['accounts']!.insert(v1Doc);
    await old.close();

    const db = await createOutpostDatabase({ name, storage: getRxStorageDexie() });
    open.push(db);
    const migrated = (await db.accounts.findOne('acc-1').exec())?.toJSON();
    expect(migrated).toMatchObject({ ...v1Doc, fieldHistory: [] });
  });

  it('stores a field history entry and refuses a malformed one', async () => {
    const db = await book();
    const entry = { field: 'mrr', value: 40000, stamp: '1767225600000-0000-a', supersededBy: '1767225600000-0001-b', recordedAt: '2026-01-01T00:00:00.000Z' };
    await db.accounts.insert(account({ fieldHistory: [entry] }));
    expect((await db.accounts.findOne('acc-1').exec())?.fieldHistory).toEqual([entry]);
    await expect(db.accounts.insert(account({ id: 'acc-2', fieldHistory: [{ ...entry, value: { nested: 1 } as never }] }))).rejects.toThrow();
  });
});

describe('account migration v2 -> v3', () => {
  it('keeps accounts written by v2 as they were, with no forecast call, and then stores a call', async () => {
    const name = `migrate3x${process.pid}${Date.now()}`;
    const { forecastCall: _call, ...v2Properties } = accountSchema.properties as Record<string, unknown>;
    const v2Schema = { ...accountSchema, version: 2, properties: v2Properties };
    const old = await createRxDatabase({ name, storage: getRxStorageDexie() });
    await old.addCollections({ accounts: { schema: v2Schema as never } });
    const v2Doc = account({ fieldHistory: [] });
    await old.collections['accounts']!.insert(v2Doc);
    await old.close();

    const db = await createOutpostDatabase({ name, storage: getRxStorageDexie() });
    open.push(db);
    const migrated = (await db.accounts.findOne('acc-1').exec())?.toJSON() as Account;
    expect(migrated).toMatchObject(v2Doc);
    expect(migrated.forecastCall).toBeUndefined();
    await db.accounts.insert(account({ id: 'acc-2', forecastCall: 'best_case' }));
    expect((await db.accounts.findOne('acc-2').exec())?.forecastCall).toBe('best_case');
    await expect(db.accounts.insert(account({ id: 'acc-3', forecastCall: 'maybe' as never }))).rejects.toThrow();
  });
});

describe('team setting migration v0 -> v1', () => {
  it('keeps settings written by v0 and then accepts a shared dashboard configuration', async () => {
    const name = `migrateTs1x${process.pid}${Date.now()}`;
    const v0Schema = { ...teamSettingSchema, version: 0, properties: { ...teamSettingSchema.properties, kind: { type: 'string', enum: ['scorecard', 'alert-rules'] } } };
    const old = await createRxDatabase({ name, storage: getRxStorageDexie() });
    await old.addCollections({ teamsettings: { schema: v0Schema as never } });
    const v0Doc = stampNew({ id: 'team-east:scorecard', ownerId: 'u-ann', teamId: 'team-east', kind: 'scorecard' as const, value: { weights: 1 }, updatedBy: 'Ann' });
    await old.collections['teamsettings']!.insert(v0Doc);
    await old.close();

    const db = await createOutpostDatabase({ name, storage: getRxStorageDexie() });
    open.push(db);
    expect((await db.teamsettings.findOne('team-east:scorecard').exec())?.toJSON()).toMatchObject(v0Doc);
    await db.teamsettings.insert(stampNew({ id: 'team-east:dashboard:weekly', ownerId: 'u-ann', teamId: 'team-east', kind: 'dashboard' as const, value: { name: 'Weekly' }, updatedBy: 'Ann' }));
    expect((await db.teamsettings.findOne('team-east:dashboard:weekly').exec())?.kind).toBe('dashboard');
  });
});
