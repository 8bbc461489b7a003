import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { HybridLogicalClock } from '../../common/clock/hlc';
import { addRxPlugin, createRxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { RxDBUpdatePlugin } from 'rxdb/plugins/update';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';
import { collectionDefinitions, type CollectionName } from '../../common/db/collections';
import type { OutpostDatabase } from '../../common/db/create-database';
import { stampChanges, stampNew } from '../../common/db/stamp-writes';
import type { Account, Activity, Alert, Contact, RevenueEvent, RiskAssessment, TeamSetting, UsageMonth } from '../../common/model';
import { replicateCollectionsWithSyncServer } from '../../common/sync/http-replication';
import { SYNCED_COLLECTIONS, type SyncedCollectionName } from '../../common/sync/synced-collections';
import type { SyncStatusTracker } from '../../common/sync/sync-status';

/** Test fixtures for real RxDB replicas (memory storage, validating) syncing with a real server. */
let counter = 0;

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBUpdatePlugin);

/**
 * A validating replica with only the collections a test needs: the free RxDB opens at most 13 collections per
 * process, so three full books (6 each) cannot be open at once.
 */
export async function openReplica(collections: readonly CollectionName[] = ['accounts', 'contacts', 'activities']): Promise<OutpostDatabase> {
  counter += 1;
  const db = await createRxDatabase({
    name: `replica${process.pid}x${counter}x${Date.now()}`,
    storage: wrappedValidateZSchemaStorage({ storage: getRxStorageMemory() }),
    multiInstance: false,
  });
  await db.addCollections(Object.fromEntries(collections.map((name) => [name, collectionDefinitions[name]])));
  return db as unknown as OutpostDatabase;
}

/** A replica's network: while `online` is false every request fails as if the cable were pulled. */
export function network() {
  const connections = new Set<AbortController>();
  const net = {
    online: true,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (!net.online) throw new TypeError('fetch failed: offline');
      const controller = new AbortController();
      connections.add(controller);
      init?.signal?.addEventListener('abort', () => controller.abort());
      try {
        return await fetch(input, { ...init, signal: controller.signal });
      } finally {
        if (new URL(String(input)).pathname !== '/sync/stream') connections.delete(controller);
      }
    }) as typeof fetch,
    goOffline() {
      net.online = false;
      for (const connection of connections) connection.abort();
      connections.clear();
    },
  };
  return net;
}
export type Network = ReturnType<typeof network>;

/** Live replication of the given (default: all open synced) collections of `db` with the server at `url`, over one stream. */
export function syncReplica(
  db: OutpostDatabase,
  url: string,
  token: () => string,
  options: { net?: Network; status?: SyncStatusTracker; collections?: readonly SyncedCollectionName[]; retryTimeMs?: number } = {},
) {
  const names = options.collections ?? SYNCED_COLLECTIONS.filter((name) => name in db.collections);
  const { states } = replicateCollectionsWithSyncServer({
    collections: Object.fromEntries(names.map((name) => [name, db[name]])),
    serverUrl: url,
    getAccessToken: token,
    retryTimeMs: options.retryTimeMs ?? 200,
    backoff: { baseMs: 50, maxMs: 500 },
    ...(options.net ? { fetch: options.net.fetch } : {}),
    ...(options.status ? { status: options.status } : {}),
  });
  return Object.values(states);
}

export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface Owner {
  id: string;
  teamId: string;
}

export function accountFixture(id: string, owner: Owner, clock: HybridLogicalClock, fields: Partial<Account> = {}): Account {
  return stampNew(
    {
      id,
      ownerId: owner.id,
      teamId: owner.teamId,
      externalId: `ext-${id}`,
      name: `Account ${id}`,
      domain: 'acme.example',
      industry: 'Software',
      region: 'EMEA',
      tier: 'SMB' as const,
      status: 'active' as const,
      lifecycleStage: 'adoption' as const,
      ownerName: 'Owner',
      plan: 'Pro',
      seatsPurchased: 50,
      seatsActive: 40,
      mrr: 1000,
      contractStart: '2026-01-01',
      renewalDate: '2027-01-01',
      createdAt: '2026-01-01T00:00:00.000Z',
      ...fields,
    },
    clock,
  );
}

export function contactFixture(id: string, accountId: string, owner: Owner, clock: HybridLogicalClock): Contact {
  return stampNew(
    {
      id,
      ownerId: owner.id,
      teamId: owner.teamId,
      externalId: `ext-${id}`,
      accountId,
      name: 'Dana Champion',
      email: 'dana@acme.example',
      title: 'VP Operations',
      role: 'champion' as const,
      status: 'active' as const,
    },
    clock,
  );
}

export function activityFixture(id: string, accountId: string, owner: Owner, clock: HybridLogicalClock): Activity {
  return stampNew(
    {
      id,
      ownerId: owner.id,
      teamId: owner.teamId,
      externalId: '',
      accountId,
      type: 'call' as const,
      occurredAt: '2026-02-01T10:00:00.000Z',
      subject: 'Kick-off',
      body: 'Discussed rollout',
      actorName: 'Rep',
      result: 'Connected',
    },
    clock,
  );
}

export async function editAccount(db: OutpostDatabase, id: string, changes: Partial<Account>, clock: HybridLogicalClock): Promise<void> {
  const doc = await db.accounts.findOne(id).exec();
  if (!doc) throw new Error(`no account ${id} in this replica`);
  await doc.incrementalPatch(stampChanges(doc.fieldStamps, changes, clock));
}

export function usageFixture(accountId: string, month: string, owner: Owner, clock: HybridLogicalClock): UsageMonth {
  return stampNew({ id: `${accountId}:${month}`, ownerId: owner.id, teamId: owner.teamId, accountId, month, activeUsers: Array.from({ length: 28 }, (_, day) => (day % 7 === 6 ? null : 3)), featureEvents: {} }, clock);
}

export function revenueFixture(id: string, accountId: string, owner: Owner, clock: HybridLogicalClock): RevenueEvent {
  return stampNew(
    { id, ownerId: owner.id, teamId: owner.teamId, externalId: '', accountId, kind: 'expansion' as const, date: '2026-03-01', amount: 200, mrrAfter: 1200, note: '' },
    clock,
  );
}

/** A risk assessment as a device's scoring writes it (id = account id, the account's owner and team). */
export function riskAssessmentFixture(accountId: string, owner: Owner, clock: HybridLogicalClock, health = 50): RiskAssessment {
  return stampNew(
    {
      id: accountId,
      accountId,
      ownerId: owner.id,
      teamId: owner.teamId,
      scoredAt: '2026-03-01T00:00:00.000Z',
      health,
      healthBand: 'none' as const,
      measures: [],
      churnProbability: null,
      risk: null,
      expansion: null,
      riskFactors: [],
      expansionFactors: [],
      modelVersion: '',
      predictedAt: null,
      history: [],
    },
    clock,
  );
}

export function alertFixture(accountId: string, owner: Owner, clock: HybridLogicalClock): Alert {
  return stampNew(
    {
      id: `risk-above:${accountId}`,
      ownerId: owner.id,
      teamId: owner.teamId,
      accountId,
      accountName: `Account ${accountId}`,
      rule: 'risk-above' as const,
      severity: 'critical' as const,
      title: 'Churn risk above threshold',
      detail: 'Risk 80 is above 70',
      raisedAt: '2026-03-01T00:00:00.000Z',
      status: 'open' as const,
    },
    clock,
  );
}

export function teamSettingFixture(owner: Owner, clock: HybridLogicalClock): TeamSetting {
  return stampNew({ id: `${owner.teamId}:scorecard`, ownerId: owner.id, teamId: owner.teamId, kind: 'scorecard' as const, value: {}, updatedBy: 'Manager' }, clock);
}
