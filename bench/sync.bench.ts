import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb-node';
import { addRxPlugin, createRxDatabase, type RxCollection } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { filter, firstValueFrom } from 'rxjs';
import { HybridLogicalClock } from '../common/clock/hlc';
import { collectionDefinitions } from '../common/db/collections';
import { stampChanges, stampNew } from '../common/db/stamp-writes';
import type { Account, Activity } from '../common/model';
import { replicateWithSyncServer } from '../common/sync/http-replication';
import { startCouchProtocolServer } from '../sync-server/testing/couch-protocol-server';
import { startSyncServer, type SyncServer } from '../sync-server/server';
import { openDatabase } from '../sync-server/storage/storage';
import { ADMIN, seedTeams } from '../sync-server/testing/test-server';
import { round, type Figure } from './figure';

addRxPlugin(RxDBMigrationSchemaPlugin);
const require = createRequire(import.meta.url);

/**
 * Sync benchmarks (not tests): first sync of a large book into an empty RxDB replica, change propagation
 * A -> server -> B with 1 and with N simulated live clients, and a plain PouchDB client replicating the same
 * documents from pouchdb-server (express-pouchdb) on 127.0.0.1 for comparison. Replicas use RxDB's memory storage
 * (the desktop app uses IndexedDB, which Node does not have), and the PouchDB client uses PouchDB's memory adapter.
 */
export interface SyncBenchOptions {
  accounts: number;
  activitiesPerAccount: number;
  propagationSamples: number;
  liveClients: number;
  pullBatchSize?: number;
}

function books(owner: { id: string; teamId: string }, options: SyncBenchOptions) {
  const clock = new HybridLogicalClock('bench');
  const accounts: Account[] = [];
  const activities: Activity[] = [];
  for (let a = 0; a < options.accounts; a++) {
    const id = `acc-${String(a).padStart(6, '0')}`;
    accounts.push(
      stampNew(
        {
          id,
          ownerId: owner.id,
          teamId: owner.teamId,
          externalId: `0015g0000${a}`,
          name: `Account ${a}`,
          domain: `account-${a}.example`,
          industry: ['Software', 'Retail', 'Healthcare'][a % 3]!,
          region: ['EMEA', 'North America', 'APAC'][a % 3]!,
          tier: (['Enterprise', 'Mid-Market', 'SMB'] as const)[a % 3]!,
          status: 'active' as const,
          lifecycleStage: 'adoption' as const,
          ownerName: 'Bench Owner',
          plan: 'Pro',
          seatsPurchased: 100 + (a % 400),
          seatsActive: 50 + (a % 300),
          mrr: 1000 + a,
          contractStart: '2025-01-01',
          renewalDate: '2027-01-01',
          createdAt: '2025-01-01T00:00:00.000Z',
        },
        clock,
      ),
    );
    for (let n = 0; n < options.activitiesPerAccount; n++) {
      activities.push(
        stampNew(
          {
            id: `${id}-act-${n}`,
            ownerId: owner.id,
            teamId: owner.teamId,
            externalId: '',
            accountId: id,
            type: (['email', 'call', 'meeting', 'note'] as const)[n % 4]!,
            occurredAt: `2026-0${1 + (n % 9)}-1${n % 10}T10:00:00.000Z`,
            subject: `Touchpoint ${n} with account ${a}`,
            body: 'Discussed adoption of the reporting module and next steps for the renewal.',
            actorName: 'Bench Owner',
            result: 'Connected',
          },
          clock,
        ),
      );
    }
  }
  return { accounts, activities };
}

async function bulkLoad<T extends { id: string }>(db: PouchDB.Database<any>, docs: T[], wrap: (doc: T) => object): Promise<void> {
  for (let i = 0; i < docs.length; i += 5000) {
    await db.bulkDocs(docs.slice(i, i + 5000).map((doc) => ({ _id: doc.id, ...wrap(doc) })));
  }
}

async function replicaDatabase(name: string, collections: ('accounts' | 'activities')[]) {
  const db = await createRxDatabase({ name: `${name}${Date.now()}`, storage: getRxStorageMemory(), multiInstance: false });
  await db.addCollections(Object.fromEntries(collections.map((c) => [c, collectionDefinitions[c]])));
  return db;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Opens `count` live streams that read every event, as that many connected desktop apps would. */
async function simulateLiveClients(server: SyncServer, token: string, count: number): Promise<() => void> {
  const stop = new AbortController();
  await Promise.all(
    Array.from({ length: count }, async () => {
      const response = await fetch(`${server.url}/sync/stream?collections=accounts`, { headers: { authorization: `Bearer ${token}` }, signal: stop.signal });
      const reader = response.body!.getReader();
      void (async () => {
        try {
          for (;;) if ((await reader.read()).done) break;
        } catch {
          // aborted
        }
      })();
    }),
  );
  return () => stop.abort();
}

async function propagation(server: SyncServer, member: { id: string; teamId: string; token: string }, samples: number): Promise<number[]> {
  const a = await replicaDatabase('benchA', ['accounts']);
  const b = await replicaDatabase('benchB', ['accounts']);
  const connect = (db: typeof a) =>
    replicateWithSyncServer({ collection: db['accounts'] as RxCollection<Account>, serverUrl: server.url, getAccessToken: () => member.token });
  const syncA = connect(a);
  const syncB = connect(b);
  const clock = new HybridLogicalClock('benchedit');
  const accountsA = a['accounts'] as RxCollection<Account>;
  const accountsB = b['accounts'] as RxCollection<Account>;
  const { accounts } = books(member, { accounts: 1, activitiesPerAccount: 0, propagationSamples: 0, liveClients: 0 });
  const doc = { ...accounts[0]!, id: `prop-${Date.now()}` };
  await accountsA.insert(doc);
  await firstValueFrom(accountsB.findOne(doc.id).$.pipe(filter((d) => d !== null)));
  const times: number[] = [];
  for (let i = 1; i <= samples; i++) {
    const current = (await accountsA.findOne(doc.id).exec())!;
    const arrived = firstValueFrom(accountsB.findOne(doc.id).$.pipe(filter((d) => d?.mrr === i)));
    const start = performance.now();
    await current.incrementalPatch(stampChanges(current.fieldStamps, { mrr: i }, clock));
    await arrived;
    times.push(performance.now() - start);
  }
  await Promise.all([syncA.cancel(), syncB.cancel()]);
  await Promise.all([a.close(), b.close()]);
  return times;
}

export async function benchSync(options: SyncBenchOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  const dirs: string[] = [];
  const temp = () => {
    const dir = mkdtempSync(join(tmpdir(), 'outpost-bench-'));
    dirs.push(dir);
    return dir;
  };
  const label = `${options.accounts} accounts + ${options.accounts * options.activitiesPerAccount} activities`;
  try {
    // Setup (untimed): a server whose owner has the whole book, loaded straight into its databases.
    const dataDir = temp();
    let server = await startSyncServer({ dataDir, admin: ADMIN, rateLimit: { burst: 100_000, perSecond: 100_000 }, maxStreamsPerUser: 1000 });
    const team = await seedTeams(server);
    await server.close();
    const owner = team.managerA;
    const book = books(owner, options);
    const accountsDb = openDatabase<any>({ dataDir }, 'sync-accounts');
    const activitiesDb = openDatabase<any>({ dataDir }, 'sync-activities');
    await bulkLoad(accountsDb, book.accounts, (doc) => ({ doc: { ...doc, _deleted: false } }));
    await bulkLoad(activitiesDb, book.activities, (doc) => ({ doc: { ...doc, _deleted: false } }));
    await Promise.all([accountsDb.close(), activitiesDb.close()]);
    server = await startSyncServer({ dataDir, admin: ADMIN, rateLimit: { burst: 100_000, perSecond: 100_000 }, maxStreamsPerUser: 1000 });
    const warm = performance.now();
    await server.ready();
    figures.push({ name: `sync: server start-up, loading ${label} into its cache (untimed setup)`, value: round((performance.now() - warm) / 1000, 2), unit: 's' });

    // First sync into an empty replica.
    const replica = await replicaDatabase('benchfirst', ['accounts', 'activities']);
    const start = performance.now();
    const syncs = (['accounts', 'activities'] as const).map((name) =>
      replicateWithSyncServer({
        collection: replica[name] as RxCollection<any>,
        serverUrl: server.url,
        getAccessToken: () => owner.token,
        live: false,
        pullBatchSize: options.pullBatchSize ?? 5000,
      }),
    );
    await Promise.all(syncs.map((sync) => sync.awaitInitialReplication()));
    const firstSync = (performance.now() - start) / 1000;
    const pullBatch = options.pullBatchSize ?? 5000;
    const counts = await Promise.all([replica['accounts']!.count().exec(), replica['activities']!.count().exec()]);
    if (counts[0] !== options.accounts || counts[1] !== book.activities.length) throw new Error(`first sync incomplete: ${counts}`);
    figures.push({ name: `sync: first sync of ${label} into an empty replica (pull batch ${options.pullBatchSize ?? 5000})`, value: round(firstSync, 2), unit: 's' });
    await Promise.all(syncs.map((sync) => sync.cancel()));
    await replica.close();

    // Change propagation A -> server -> B; a separate rep with a small book, so only the stream is measured.
    const rep = team.repA;
    const quiet = await propagation(server, rep, options.propagationSamples);
    figures.push({ name: 'sync: change propagation A -> server -> B, 1 live client, p50', value: round(percentile(quiet, 50)), unit: 'ms' });
    figures.push({ name: 'sync: change propagation A -> server -> B, 1 live client, p95', value: round(percentile(quiet, 95)), unit: 'ms' });
    const stopClients = await simulateLiveClients(server, rep.token, options.liveClients);
    const busy = await propagation(server, rep, options.propagationSamples);
    stopClients();
    const n = options.liveClients;
    figures.push({ name: `sync: change propagation A -> server -> B, ${n} live clients, p50`, value: round(percentile(busy, 50)), unit: 'ms' });
    figures.push({ name: `sync: change propagation A -> server -> B, ${n} live clients, p95`, value: round(percentile(busy, 95)), unit: 'ms' });
    await server.close();

    // The same documents replicated by a plain PouchDB client from pouchdb-server (express-pouchdb).
    const couchDir = temp();
    const couch = await startCouchProtocolServer(couchDir);
    const remoteAccounts = new PouchDB<any>(`${couch.url}bench-accounts`);
    const remoteActivities = new PouchDB<any>(`${couch.url}bench-activities`);
    await bulkLoad(remoteAccounts, book.accounts, (doc) => doc);
    await bulkLoad(remoteActivities, book.activities, (doc) => doc);
    PouchDB.plugin(require('pouchdb-adapter-memory'));
    const localAccounts = new PouchDB<any>(`bench-local-accounts-${Date.now()}`, { adapter: 'memory' } as never);
    const localActivities = new PouchDB<any>(`bench-local-activities-${Date.now()}`, { adapter: 'memory' } as never);
    const pouchStart = performance.now();
    await Promise.all([
      // The same batch size as our pull, so neither side wins by round trips alone.
      PouchDB.replicate(remoteAccounts, localAccounts, { batch_size: pullBatch }),
      PouchDB.replicate(remoteActivities, localActivities, { batch_size: pullBatch }),
    ]);
    const pouchSeconds = (performance.now() - pouchStart) / 1000;
    const pouchCounts = [(await localAccounts.info()).doc_count, (await localActivities.info()).doc_count];
    if (pouchCounts[0] !== options.accounts || pouchCounts[1] !== book.activities.length) throw new Error(`PouchDB replication incomplete: ${pouchCounts}`);
    figures.push({ name: `sync: plain PouchDB replication of ${label} from pouchdb-server`, value: round(pouchSeconds, 2), unit: 's' });
    figures.push({ name: 'sync: first sync time / PouchDB replication time (below 1: we are faster)', value: round(firstSync / pouchSeconds, 2), unit: 'x' });
    await Promise.all([localAccounts.destroy(), localActivities.destroy(), remoteAccounts.close(), remoteActivities.close()]);
    await couch.close();
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
