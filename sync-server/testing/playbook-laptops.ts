import { HybridLogicalClock } from '../../common/clock/hlc';
import type { OutpostDatabase } from '../../common/db/create-database';
import { RxPlaybookEngine } from '../../common/playbooks/rxdb-playbook-engine';
import type { AccessUser } from '../../common/sync/access-policy';
import { catchUpReplications } from '../../common/sync/replica-catch-up';
import type { SyncedCollectionName } from '../../common/sync/synced-collections';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { seedTeams, startTestServer, type Member, type TestServer } from './test-server';
import { openReplica, syncReplica } from './test-replicas';

const LAPTOP_COLLECTIONS = ['accounts', 'playbooks', 'executions', 'tasks'] as const satisfies readonly SyncedCollectionName[];

/**
 * Team members' laptops for playbook tests: each a replica of accounts, playbooks, executions and tasks syncing with
 * a real server, running the real engine on a clock the test moves. `withhold` starts some collections' replication
 * only when the test calls `syncWithheld()` (documents that reach a device late); `separate` replicates some
 * collections on their own so the test can `pause()` them (a change that has not arrived yet).
 */
export function playbookLaptops(t: TestServer, clockAt: { now: string }) {
  const stops: (() => Promise<void>)[] = [];
  let devices = 0;

  async function laptop(member: Member & { role: AccessUser['role'] }, options: { withhold?: SyncedCollectionName[]; separate?: SyncedCollectionName[] } = {}) {
    const db: OutpostDatabase = await openReplica(LAPTOP_COLLECTIONS);
    const token = () => member.token;
    const late = options.withhold ?? [];
    const apart = options.separate ?? [];
    const syncs = syncReplica(db, t.server.url, token, {
      collections: LAPTOP_COLLECTIONS.filter((name) => !late.includes(name) && !apart.includes(name)),
    });
    const separate = apart.length ? syncReplica(db, t.server.url, token, { collections: apart }) : [];
    syncs.push(...separate);
    let releaseWithheld!: () => void;
    const withheldStarted = late.length ? new Promise<void>((resolve) => (releaseWithheld = resolve)) : Promise.resolve();
    const engine = await RxPlaybookEngine.start({
      db,
      user: { id: member.id, role: member.role, teamId: member.teamId },
      now: () => clockAt.now,
      clock: new HybridLogicalClock(`device${++devices}`),
      catchUp: async () => {
        await withheldStarted;
        await catchUpReplications(syncs);
      },
      onError: (error) => {
        throw error;
      },
    });
    stops.push(async () => {
      engine.stop();
      await Promise.all(syncs.map((sync) => sync.cancel()));
      await db.close();
    });
    const inSync = () => Promise.all(syncs.map((sync) => sync.awaitInSync()));
    return {
      db,
      engine,
      inSync,
      tick: async () => (await engine.tick(), await engine.idle(), await inSync()),
      /** Starts the withheld collections' replication. */
      syncWithheld() {
        syncs.push(...syncReplica(db, t.server.url, token, { collections: late }));
        releaseWithheld();
      },
      /** Stops the separately replicated collections: what the server changes in them from now on does not arrive. */
      async pause() {
        for (const sync of separate) {
          await sync.cancel();
          syncs.splice(syncs.indexOf(sync), 1);
        }
      },
    };
  }

  return {
    laptop,
    async closeAll() {
      for (const stop of stops.splice(0).reverse()) await stop();
    },
  };
}

/**
 * A test file's team for playbook tests: a real sync server with seeded teams (before all), laptops closed after
 * each test, the server stopped after all; `clockAt.now` is the engines' clock, starting at `start`.
 */
export function playbookTeamSuite(start: string) {
  let server: TestServer | undefined;
  let members: Awaited<ReturnType<typeof seedTeams>> | undefined;
  let devices: ReturnType<typeof playbookLaptops> | undefined;
  const clockAt = { now: start };
  beforeAll(async () => {
    server = await startTestServer();
    members = await seedTeams(server.server);
    devices = playbookLaptops(server, clockAt);
  });
  afterEach(() => devices?.closeAll());
  afterAll(() => server?.stop());
  return {
    clockAt,
    get t() {
      return server!;
    },
    get team() {
      return members!;
    },
    get laptops() {
      return devices!;
    },
  };
}
