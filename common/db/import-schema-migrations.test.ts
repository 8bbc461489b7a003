import 'fake-indexeddb/auto';
import { createRxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Account, Activity } from '../model';
import { createOutpostDatabase, type OutpostDatabase } from './create-database';
import { accountSchema } from './schemas/account-schema';
import { activitySchema } from './schemas/activity-schema';
import { stampNew } from './stamp-writes';

const open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

const account: Account = stampNew({
  id: 'acc-1', ownerId: 'u-ann', teamId: 'team-east', externalId: 'SF-1', name: 'Acme', domain: 'acme.example',
  industry: 'Manufacturing', region: 'US', tier: 'Enterprise' as const, status: 'active' as const,
  lifecycleStage: 'mature' as const, ownerName: 'Ann Lee', plan: 'Pro', seatsPurchased: 10, seatsActive: 5, mrr: 1000,
  contractStart: '2025-01-01', renewalDate: '2026-01-01', createdAt: '2024-12-01T10:00:00.000Z', fieldHistory: [],
});

const ticket: Activity = stampNew({
  id: 'act-1', ownerId: 'u-ann', teamId: 'team-east', externalId: 'Z-1', accountId: 'acc-1', type: 'support_ticket' as const,
  occurredAt: '2026-01-02T10:00:00.000Z', subject: 'Login fails', body: '', actorName: 'Ann Lee', result: '',
  ticket: { severity: 'high' as const, status: 'closed' as const, closedAt: '2026-01-03T10:00:00.000Z' },
});

function without(schema: Record<string, any>, version: number, drop: string[]): Record<string, any> {
  const properties = { ...schema['properties'] };
  for (const key of drop) delete properties[key];
  return { ...schema, version, properties };
}

describe('account migration v2 -> v3 (custom fields, import batch)', () => {
  it('keeps accounts written by v2 exactly as they were, and v3 stores custom fields and the batch id', async () => {
    const name = `migrate3x${process.pid}${Date.now()}`;
    const old = await createRxDatabase({ name, storage: getRxStorageDexie() });
    await old.addCollections({ accounts: { schema: without(accountSchema, 2, ['customFields', 'importBatch']) as never, migrationStrategies: { 1: (d: unknown) => d, 2: (d: unknown) => d } } });
    await old.collections['accounts']!.insert(account);
    await old.close();

    const db: OutpostDatabase = await createOutpostDatabase({ name, storage: getRxStorageDexie() });
    open.push(db);
    const { _rev, _meta, _attachments, _deleted, ...migrated } = (await db.accounts.findOne('acc-1').exec())!.toJSON(true) as Record<string, unknown>;
    expect(migrated).toEqual(account);
    await db.accounts.insert({ ...account, id: 'acc-2', externalId: 'SF-2', customFields: { 'Customer Priority': 'High' }, importBatch: 'b-1' });
    expect((await db.accounts.findOne('acc-2').exec())?.customFields).toEqual({ 'Customer Priority': 'High' });
    await expect(db.accounts.insert({ ...account, id: 'acc-3', customFields: { x: 3 as never } })).rejects.toThrow();
  });
});

describe('activity migration v0 -> v1 (ticket resolution, CSAT, escalation, import batch)', () => {
  it('keeps activities written by v0 exactly as they were, and v1 stores the new ticket fields', async () => {
    const name = `migrateact1x${process.pid}${Date.now()}`;
    const ticketProps = { ...(activitySchema.properties as any).ticket };
    ticketProps.properties = { severity: ticketProps.properties.severity, status: ticketProps.properties.status, closedAt: ticketProps.properties.closedAt };
    const v0 = without(activitySchema as never, 0, ['importBatch']);
    v0['properties'] = { ...v0['properties'], ticket: ticketProps };
    const old = await createRxDatabase({ name, storage: getRxStorageDexie() });
    await old.addCollections({ activities: { schema: v0 as never } });
    await old.collections['activities']!.insert(ticket);
    await old.close();

    const db: OutpostDatabase = await createOutpostDatabase({ name, storage: getRxStorageDexie() });
    open.push(db);
    const { _rev, _meta, _attachments, _deleted, ...migrated } = (await db.activities.findOne('act-1').exec())!.toJSON(true) as Record<string, unknown>;
    expect(migrated).toEqual(ticket);
    const richer = { ...ticket.ticket!, resolution: 'Reset SSO', resolutionMinutes: 95, csat: 5, escalated: true };
    await db.activities.insert({ ...ticket, id: 'act-2', ticket: richer, importBatch: 'b-1' });
    expect((await db.activities.findOne('act-2').exec())?.toJSON().ticket).toEqual(richer);
    await expect(db.activities.insert({ ...ticket, id: 'act-3', ticket: { ...richer, csat: 9 } })).rejects.toThrow();
  });
});
