import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccessUser } from '../../common/sync/access-policy';
import type { SyncedDocument } from '../../common/sync/wire-contract';
import { openDatabase } from '../storage/storage';
import { syncedDoc } from '../testing/test-server';
import type { StoredRevision } from './bulk-server-write';
import { CollectionStore } from './collection-store';
import type { StoredDocument } from './stored-document';
import { idOfKey, storageKey } from './team-keys';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function store(): CollectionStore {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-bulk-'));
  const db = openDatabase<StoredDocument>({ dataDir }, 'sync-usage');
  const collection = new CollectionStore('accounts', db);
  cleanups.push(async () => {
    collection.close();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return collection;
}

/** Storage keys in team A's id space. */
const keys = (...ids: string[]) => ids.map((id) => storageKey(id, 'team-a'));
const rep: AccessUser = { id: 'u-rep', role: 'cs-rep', teamId: 'team-a' };
const owner = { id: 'u-rep', token: '', teamId: 'team-a' };

/** The server's change: one more event counted, on whatever state is stored. */
function countOne(key: string, current: SyncedDocument | null): SyncedDocument {
  const base: SyncedDocument = current ?? (syncedDoc(idOfKey(key), owner, { seatsUsed: 0 }) as SyncedDocument);
  const at = `2026-06-01T10:00:0${Number(base['seatsUsed'])}.000Z-0000-server`;
  return { ...base, seatsUsed: Number(base['seatsUsed']) + 1, updatedAt: at, fieldStamps: { ...base.fieldStamps, seatsUsed: at } } as SyncedDocument;
}

describe('bulk server writes against a cache of the stored states', () => {
  it('writes many documents in one request, and a document changed since it was cached is decided again, not overwritten', async () => {
    const collection = store();
    const known = new Map<string, StoredRevision | null>();
    await collection.serverWriteMany(keys('a', 'b', 'c'), countOne, known);
    expect(known.get(storageKey('a', 'team-a'))?.doc['seatsUsed']).toBe(1);

    // A replica edits "b" after the server cached it: the cached revision is stale now.
    const b = (await collection.read('team-a', 'b'))!;
    const edited = { ...b, name: 'Renamed by the owner', updatedAt: '2026-06-02T00:00:00.000Z-0000-rep', fieldStamps: { ...b.fieldStamps, name: '2026-06-02T00:00:00.000Z-0000-rep' } };
    const pushed = await collection.push(rep, [{ assumedMasterState: b, newDocumentState: edited }]);
    expect(pushed.conflicts).toEqual([]);

    const written = await collection.serverWriteMany(keys('a', 'b', 'c'), countOne, known);
    expect(written).toHaveLength(3);
    const stored = await Promise.all(['a', 'b', 'c'].map((id) => collection.read('team-a', id)));
    expect(stored.map((doc) => doc?.['seatsUsed'])).toEqual([2, 2, 2]);
    expect(stored[1]?.['name']).toBe('Renamed by the owner');
    expect(known.get(storageKey('b', 'team-a'))?.doc['name']).toBe('Renamed by the owner');
  });

  it('reads a stored document it has not cached before changing it', async () => {
    const collection = store();
    await collection.serverWriteMany(keys('a'), countOne, new Map());
    await collection.serverWriteMany(keys('a'), countOne, new Map());
    expect((await collection.read('team-a', 'a'))?.['seatsUsed']).toBe(2);
  });
});
