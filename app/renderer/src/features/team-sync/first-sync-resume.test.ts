import 'fake-indexeddb/auto';
import type { RxStorage } from 'rxdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutpostDatabase, type OutpostDatabase } from '../../../../../common/db/create-database';
import { getOutpostDexieStorage } from '../../../../../common/db/dexie-storage';
import { api, PASSWORD, seedTeams, startTestServer, syncedDoc, type TestServer } from '../../../../../sync-server/testing/test-server';
import { signIn } from '../../session/sync-api';
import { createTokenKeeper } from '../../session/token-keeper';
import { INITIAL_SYNC_STATUS, type SyncStatusState } from './sync-status-store';
import { startTeamReplication } from './team-replication';

// A first sync the window closes halfway through continues where it stopped when the window opens again: every
// account arrives, none is pulled into the book a second time, and the count on screen is of what is left.

const ACCOUNTS = 2500;
let t: TestServer;
let manager: string;

beforeAll(async () => {
  t = await startTestServer();
  const team = await seedTeams(t.server);
  for (let start = 0; start < ACCOUNTS; start += 200) {
    const rows = Array.from({ length: Math.min(200, ACCOUNTS - start) }, (_, i) => ({
      assumedMasterState: null,
      newDocumentState: syncedDoc(`acc-${String(start + i).padStart(4, '0')}`, team.repA),
    }));
    expect((await api(t.server, 'POST', '/sync/accounts/push', { token: team.repA.token, body: rows })).body).toEqual([]);
  }
  manager = 'manager.a@example.com';
});
afterAll(() => t.stop());

/** The app's IndexedDB storage (fake-indexeddb here), recording every account the replication writes into the book. */
function recordingStorage(written: string[]): RxStorage<any, any> {
  const storage = getOutpostDexieStorage();
  return {
    ...storage,
    async createStorageInstance(params) {
      const instance = await storage.createStorageInstance(params);
      if (params.collectionName !== 'accounts') return instance;
      const write = instance.bulkWrite.bind(instance);
      instance.bulkWrite = (rows, context) => {
        if (context.startsWith('replication-down')) written.push(...rows.map((row) => String((row.document as unknown as { id: string }).id)));
        return write(rows, context);
      };
      return instance;
    },
  };
}

/** One window: the book on disk, signed in as the manager, replicating accounts; `fetch` may hold requests. */
async function openWindow(name: string, written: string[], fetcher: typeof fetch = (input, init) => fetch(input, init)) {
  const db: OutpostDatabase = await createOutpostDatabase({ name, storage: recordingStorage(written), collections: ['accounts'] });
  const session = await signIn({ serverUrl: t.server.url, email: manager, password: PASSWORD });
  const tokens = createTokenKeeper(session, { save: async () => undefined, onSessionEnded: () => undefined });
  let state: SyncStatusState = { ...INITIAL_SYNC_STATUS, mode: 'team' };
  const progress: NonNullable<SyncStatusState['firstSync']>[] = [];
  const replication = startTeamReplication({
    db,
    serverUrl: session.serverUrl,
    user: session.user,
    tokens,
    collections: ['accounts'],
    fetch: fetcher,
    retryTimeMs: 200,
    status: {
      set: (patch) => {
        state = { ...state, ...patch };
        if (patch.firstSync) progress.push(patch.firstSync);
      },
      refused: () => undefined,
    },
  });
  const close = async () => {
    tokens.stop();
    await replication.stop();
    await db.close();
  };
  return { db, replication, progress, close, state: () => state };
}

describe('a first sync closed halfway', () => {
  it('continues from what was stored when the window opens again, writing no account twice', async () => {
    const name = `resume${process.pid}x${Date.now()}`;
    const written: string[] = [];
    // The first window's third page of accounts never arrives: the window is closed while it is on its way.
    let pulls = 0;
    let thirdAsked!: () => void;
    const third = new Promise<void>((resolve) => (thirdAsked = resolve));
    const holding: typeof fetch = async (input, init) => {
      if (new URL(String(input)).pathname.endsWith('/accounts/pull') && ++pulls >= 3) {
        thirdAsked();
        return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('closed'))));
      }
      return fetch(input, init);
    };
    const first = await openWindow(name, written, holding);
    await third;
    // Both pages handed over are stored before the window closes (RxDB stores a page's checkpoint after its documents).
    const stored = async () => first.db.accounts.count().exec();
    for (let wait = 0; (await stored()) < 2000 && wait < 400; wait++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(await stored()).toBe(2000);
    await first.close();
    expect(new Set(written).size).toBe(2000);

    const second = await openWindow(name, written);
    await second.replication.initialSync();
    expect(await second.db.accounts.count().exec()).toBe(ACCOUNTS);
    // Every account was written into the book exactly once, over the two windows.
    expect(written).toHaveLength(ACCOUNTS);
    expect(new Set(written).size).toBe(ACCOUNTS);
    // The second window pulled from the last checkpoint stored: what was left, plus at most the one page whose
    // checkpoint the close may have beaten to the disk (its documents are not written again), never the whole book.
    const last = second.progress.at(-1)!;
    expect(last.pulled).toBe(last.total);
    expect([500, 1500]).toContain(last.total);
    expect(second.state().firstSync).toBeNull();
    await second.close();
  });
});
