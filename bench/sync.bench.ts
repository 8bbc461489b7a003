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
import { stampChanges } from '../common/db/stamp-writes';
import type { Account } from '../common/model';
import { replicateWithSyncServer } from '../common/sync/http-replication';
import { startCouchProtocolServer } from '../sync-server/testing/couch-protocol-server';
import type { SyncServer } from '../sync-server/server';
import { round, type Figure } from './figure';
import { bulkLoad, startSeededSyncServer, syncBook, type SyncBookSize } from './sync-book';

addRxPlugin(RxDBMigrationSchemaPlugin);
const require = createRequire(import.meta.url);

/**
 * Sync benchmarks (not tests): first sync of a large book into an empty RxDB replica, change propagation
 * A -> server -> B with 1 and with N simulated live clients, and a plain PouchDB client replicating the same
 * documents from pouchdb-server (express-pouchdb) on 127.0.0.1 for comparison. Replicas use RxDB's memory storage
 * (the desktop app uses IndexedDB, which Node does not have), and the PouchDB client uses PouchDB's memory adapter.
 */
export interface SyncBenchOptions extends SyncBookSize {
  propagationSamples: number;
  liveClients: number;
  pullBatchSize?: number;
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
  const { accounts } = syncBook(member, { accounts: 1, activitiesPerAccount: 0 });
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
    const seeded = await startSeededSyncServer(options, 'managerA');
    dirs.push(seeded.dataDir);
    const { server, team, book } = seeded;
    const owner = team.managerA;
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
