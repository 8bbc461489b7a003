import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../sync-server/storage/storage';
import { ADMIN, api, login } from '../sync-server/testing/test-server';
import { median, round, type Figure } from './figure';
import { spread } from './spread';
import { bulkLoad, startSeededSyncServer, type SyncBookSize } from './sync-book';

/** Accounts per bulk re-assignment request (the server's limit). */
const PER_REQUEST = 500;

/**
 * A bulk re-assignment on the sync server (LevelDB, its in-memory index as in production): an Admin moves `accounts`
 * accounts of one CS Rep, each with its activities, to another rep (`POST /admin/accounts/reassign`, 500 per request),
 * timed from the first request to the last answer; every account and activity is rewritten with its new owner. The
 * reference, in the same run: a bare PouchDB bulk write of as many documents into a fresh LevelDB database on the same
 * disk, the least such a move can cost. Each run starts a fresh server.
 */
export async function benchReassign(size: SyncBookSize, runs: number): Promise<Figure[]> {
  const moves: number[] = [];
  const bare: number[] = [];
  const label = `${size.accounts} accounts + ${size.accounts * size.activitiesPerAccount} activities`;
  for (let run = 0; run < runs; run++) {
    const seeded = await startSeededSyncServer(size, 'repA');
    const { server, team, book } = seeded;
    try {
      await server.ready();
      const admin = await login(server, ADMIN.email, ADMIN.password);
      const ids = book.accounts.map((account) => account.id);
      const start = performance.now();
      for (let i = 0; i < ids.length; i += PER_REQUEST) {
        const answer = await api(server, 'POST', '/admin/accounts/reassign', {
          token: admin.accessToken,
          body: { accountIds: ids.slice(i, i + PER_REQUEST), ownerId: team.repA2.id, preview: false },
        });
        const results = (answer.body as { results?: { moved?: boolean }[] }).results ?? [];
        if (answer.status !== 200 || results.some((result) => result.moved !== true)) {
          throw new Error(`bulk re-assignment failed: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
        }
      }
      moves.push((performance.now() - start) / 1000);
    } finally {
      await server.close();
    }
    // The reference: the same number of documents, new states, written in bulk into a fresh database.
    const dir = mkdtempSync(join(tmpdir(), 'outpost-bench-bare-'));
    try {
      const db = openDatabase<any>({ dataDir: dir }, 'bare');
      const movedState = <T extends { ownerId: string }>(doc: T) => ({ doc: { ...doc, ownerId: team.repA2.id, _deleted: false } });
      const bareStart = performance.now();
      await bulkLoad(db, [...book.accounts, ...book.activities], movedState);
      bare.push((performance.now() - bareStart) / 1000);
      await db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(seeded.dataDir, { recursive: true, force: true });
    }
  }
  return [
    ...spread(`reassign: bulk re-assignment of ${label} to another rep, server (LevelDB)`, moves, 's', 2),
    ...spread(`reassign: bare LevelDB bulk write of the same ${size.accounts * (1 + size.activitiesPerAccount)} documents`, bare, 's', 2),
    { name: 'reassign: bulk re-assignment / bare bulk write (medians)', value: round(median(moves) / median(bare), 1), unit: 'x' },
  ];
}
