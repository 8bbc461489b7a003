import type PouchDB from 'pouchdb-node';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HybridLogicalClock } from '../common/clock/hlc';
import { stampNew } from '../common/db/stamp-writes';
import type { Account, Activity } from '../common/model';
import { startSyncServer, type SyncServer } from '../sync-server/server';
import { openDatabase } from '../sync-server/storage/storage';
import { storageKey } from '../sync-server/sync/team-keys';
import { ADMIN, seedTeams } from '../sync-server/testing/test-server';

/** The team book the sync benchmarks replicate: `accounts` accounts owned by one member, each with its activities. */
export interface SyncBookSize {
  accounts: number;
  activitiesPerAccount: number;
}

export function syncBook(owner: { id: string; teamId: string }, options: SyncBookSize) {
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

export async function bulkLoad<T extends { id: string }>(db: PouchDB.Database<any>, docs: T[], wrap: (doc: T) => object): Promise<void> {
  for (let i = 0; i < docs.length; i += 5000) {
    await db.bulkDocs(docs.slice(i, i + 5000).map((doc) => ({ _id: doc.id, ...wrap(doc) })));
  }
}

/** A sync server on 127.0.0.1 whose `owner` has the whole book, loaded straight into its databases (untimed setup). */
export async function startSeededSyncServer(
  size: SyncBookSize,
  owner: 'managerA' | 'repA',
): Promise<{ server: SyncServer; team: Awaited<ReturnType<typeof seedTeams>>; book: ReturnType<typeof syncBook>; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-bench-'));
  // One bench person holds every live stream the propagation figure opens: lift the per-person cap.
  const limits = { rateLimit: { burst: 100_000, perSecond: 100_000 }, maxStreamsPerUser: 1000 };
  let server = await startSyncServer({ dataDir, admin: ADMIN, ...limits });
  const team = await seedTeams(server);
  await server.close();
  const book = syncBook(team[owner], size);
  const accountsDb = openDatabase<any>({ dataDir }, 'sync-accounts');
  const activitiesDb = openDatabase<any>({ dataDir }, 'sync-activities');
  // Under each team's key, as the server stores them (team-keys.ts): the server was started once already, so it will
  // not move keys of the older form at its next start.
  const stored = (doc: Account | Activity) => ({ _id: storageKey(doc.id, doc.teamId), doc: { ...doc, _deleted: false } });
  await bulkLoad(accountsDb, book.accounts, stored);
  await bulkLoad(activitiesDb, book.activities, stored);
  await Promise.all([accountsDb.close(), activitiesDb.close()]);
  server = await startSyncServer({ dataDir, admin: ADMIN, ...limits });
  return { server, team, book, dataDir };
}
