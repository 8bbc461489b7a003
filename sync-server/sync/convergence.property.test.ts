import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import type { OutpostDatabase } from '../../common/db/create-database';
import { stampChanges } from '../../common/db/stamp-writes';
import { canonicalJson } from '../../common/json/json-equality';
import { SyncStatusTracker } from '../../common/sync/sync-status';
import { startSyncServer, type SyncServer } from '../server';
import { ADMIN, pullAll, seedTeams, type Member } from '../testing/test-server';
import { accountFixture, eventually, network, openReplica, syncReplica, type Network } from '../testing/test-replicas';

/**
 * Property: three replicas of one rep's book, random inserts and edits, random disconnects and reconnects, and
 * server restarts. Once everyone is back online, all replicas and the server hold identical documents, and every
 * field holds the value of the write with the highest stamp ever made to it (so no write that should win was lost).
 */
const dataDir = mkdtempSync(join(tmpdir(), 'outpost-prop-'));
let server: SyncServer;
let port = 0;
let rep: Member;

async function restartServer(): Promise<void> {
  await server.close();
  server = await startSyncServer({ dataDir, port, admin: ADMIN, heartbeatMs: 1000 });
}

beforeAll(async () => {
  server = await startSyncServer({ dataDir, admin: ADMIN, heartbeatMs: 1000 });
  port = server.port;
  rep = (await seedTeams(server)).repA;
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const FIELDS = ['name', 'mrr', 'plan', 'seatsActive'] as const;
type Field = (typeof FIELDS)[number];
const valueFor = (field: Field, n: number): string | number => (field === 'name' ? `Name ${n}` : field === 'plan' ? `Plan ${n}` : n);

type Action =
  | { kind: 'insert'; replica: number; account: number }
  | { kind: 'edit'; replica: number; account: number; field: Field; value: number }
  | { kind: 'disconnect'; replica: number }
  | { kind: 'reconnect'; replica: number }
  | { kind: 'reconnect-all' }
  | { kind: 'restart' }
  | { kind: 'pause'; ms: number };

const replicaArb = fc.integer({ min: 0, max: 2 });
const accountArb = fc.integer({ min: 0, max: 2 });
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert' as const), replica: replicaArb, account: accountArb }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      replica: replicaArb,
      account: accountArb,
      field: fc.constantFrom(...FIELDS),
      value: fc.integer({ min: 0, max: 1000 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('disconnect' as const), replica: replicaArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reconnect' as const), replica: replicaArb }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reconnect-all' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pause' as const), ms: fc.integer({ min: 10, max: 150 }) }) },
);

let run = 0;

async function check(actions: Action[]): Promise<void> {
  run += 1;
  const prefix = `p${run}-`;
  const replicas: { db: OutpostDatabase; net: Network; clock: HybridLogicalClock; status: SyncStatusTracker; syncs: { cancel(): Promise<unknown> }[] }[] = [];
  /** Per document and field, the highest-stamped write anyone made. */
  const winners = new Map<string, { stamp: string; value: unknown }>();
  const note = (id: string, field: string, stamp: string, value: unknown) => {
    const key = `${id}/${field}`;
    const seen = winners.get(key);
    if (!seen || stamp > seen.stamp) winners.set(key, { stamp, value });
  };
  try {
    for (let i = 0; i < 3; i++) {
      const db = await openReplica(['accounts']);
      const net = network();
      const status = new SyncStatusTracker();
      replicas.push({ db, net, clock: new HybridLogicalClock(`prop${run}r${i}`), status, syncs: syncReplica(db, server.url, () => rep.token, { net, status }) });
    }
    for (const action of actions) {
      switch (action.kind) {
        case 'insert': {
          const r = replicas[action.replica]!;
          const id = `${prefix}${action.account}`;
          if (await r.db.accounts.findOne(id).exec()) break;
          const doc = accountFixture(id, rep, r.clock, { name: `Created by ${action.replica}` });
          await r.db.accounts.insert(doc);
          for (const field of FIELDS) note(id, field, doc.fieldStamps[field]!, doc[field]);
          break;
        }
        case 'edit': {
          const r = replicas[action.replica]!;
          const doc = await r.db.accounts.findOne(`${prefix}${action.account}`).exec();
          if (!doc) break;
          const patch = stampChanges(doc.fieldStamps, { [action.field]: valueFor(action.field, action.value) }, r.clock);
          await doc.incrementalPatch(patch);
          note(doc.id, action.field, patch.fieldStamps[action.field]!, patch[action.field as keyof typeof patch]);
          break;
        }
        case 'disconnect':
          replicas[action.replica]!.net.goOffline();
          break;
        case 'reconnect':
          replicas[action.replica]!.net.online = true;
          break;
        case 'reconnect-all':
          for (const r of replicas) r.net.online = true;
          break;
        case 'restart':
          await restartServer();
          break;
        case 'pause':
          await new Promise((resolve) => setTimeout(resolve, action.ms));
          break;
      }
    }

    for (const r of replicas) r.net.online = true;
    const snapshot = async (db: OutpostDatabase) =>
      canonicalJson((await db.accounts.find({ sort: [{ id: 'asc' }] }).exec()).map((doc) => doc.toJSON()).filter((doc) => doc.id.startsWith(prefix)));
    const onServer = async () =>
      canonicalJson(
        (await pullAll(server, rep, 'accounts', 1000))
          .filter((doc) => doc.id.startsWith(prefix))
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .map(({ _deleted, ...doc }) => doc),
      );
    let last: string[] = [];
    await eventually(async () => {
      last = [await onServer(), ...(await Promise.all(replicas.map((r) => snapshot(r.db))))];
      return last.every((state) => state === last[0]) && replicas.every((r) => r.status.status.pendingChanges === 0);
    }, 'all replicas and the server to hold the same documents', 30_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${last.join('\n')}`);
    });

    const final = new Map((JSON.parse(last[0]!) as Record<string, unknown>[]).map((doc) => [doc['id'] as string, doc]));
    for (const [key, winner] of winners) {
      const [id, field] = key.split('/') as [string, string];
      expect(final.get(id)?.[field], `${key} should hold the highest-stamped write`).toEqual(winner.value);
    }
  } finally {
    for (const r of replicas) {
      await Promise.all(r.syncs.map((sync) => sync.cancel()));
      await r.db.close();
    }
  }
}

describe('three replicas with random edits, disconnects and server restarts', () => {
  it('end identical to each other and to the server, with every winning write kept', async () => {
    await fc.assert(fc.asyncProperty(fc.array(actionArb, { minLength: 20, maxLength: 50 }), check), {
      seed: Number(process.env['OUTPOST_PROPERTY_SEED'] ?? 20261123),
      numRuns: 8,
      endOnFailure: true,
    });
  }, 120_000);
});
