import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutpostDatabase } from '../../common/db/create-database';
import { replicateWithSyncServer } from '../../common/sync/http-replication';
import { api, seedTeams, startTestServer, syncedDoc, type TestServer } from '../testing/test-server';

let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
const ACCOUNTS = 50;
const PAGE = 10;

beforeAll(async () => {
  t = await startTestServer();
  team = await seedTeams(t.server);
  const rows = Array.from({ length: ACCOUNTS }, (_, i) => ({ assumedMasterState: null, newDocumentState: syncedDoc(`acc-${String(i).padStart(3, '0')}`, team.repA) }));
  const pushed = await api(t.server, 'POST', '/sync/accounts/push', { token: team.repA.token, body: rows });
  expect(pushed.status).toBe(200);
});
afterAll(() => t.stop());

/**
 * RxDB's memory storage, recording the size of every write the replication makes to the accounts (its pulled pages);
 * the first such write is held until `release` is called, as a slow disk would hold it.
 */
function slowFirstWriteStorage() {
  const memory = getRxStorageMemory();
  const writes: number[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const storage: RxStorage<any, any> = {
    ...memory,
    async createStorageInstance(params) {
      const instance = await memory.createStorageInstance(params);
      if (params.collectionName !== 'accounts') return instance;
      const write = instance.bulkWrite.bind(instance);
      instance.bulkWrite = async (rows, context) => {
        if (context.startsWith('replication-down')) {
          writes.push(rows.length);
          if (writes.length === 1) await held;
        }
        return write(rows, context);
      };
      return instance;
    },
  };
  return { storage, writes, release };
}

describe('a first sync paced by what is stored', () => {
  it('hands RxDB at most one page beyond the one being written, so no write takes more than one page', async () => {
    const { storage, writes, release } = slowFirstWriteStorage();
    const db = await createOutpostDatabase({ name: `paced-${process.pid}-${Date.now()}`, storage, collections: ['accounts'] });
    let pulled = 0;
    let thirdPageArrived!: () => void;
    const thirdPage = new Promise<void>((resolve) => (thirdPageArrived = resolve));
    const counting: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (new URL(String(input)).pathname.endsWith('/pull') && ++pulled === 3) thirdPageArrived();
      return response;
    };
    try {
      const replication = replicateWithSyncServer({
        collection: db.accounts,
        serverUrl: t.server.url,
        getAccessToken: () => team.managerA.token,
        live: false,
        pullBatchSize: PAGE,
        fetch: counting,
      });
      // While the first page is being written, the second (waiting to be written) and the third (read ahead) arrive;
      // RxDB, ungated, would go on handing over pages and write all of them at once after the first.
      await thirdPage;
      for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
      release();
      await replication.awaitInitialReplication();
      expect(await db.accounts.count().exec()).toBe(ACCOUNTS);
      expect(Math.max(...writes)).toBeLessThanOrEqual(PAGE);
      expect(writes.reduce((sum, size) => sum + size, 0)).toBe(ACCOUNTS);
      await replication.cancel();
    } finally {
      await db.close();
    }
  });
});
