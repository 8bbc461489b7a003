import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { stampChanges } from '../../common/db/stamp-writes';
import type { AccessUser } from '../../common/sync/access-policy';
import { CollectionStore } from './collection-store';
import type { StoredDocument } from './stored-document';
import { openDatabase } from '../storage/storage';
import { syncedDoc } from '../testing/test-server';
import { storageKey } from './team-keys';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function database() {
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-store-'));
  const db = openDatabase<StoredDocument>({ dataDir }, 'sync-accounts');
  cleanups.push(async () => {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return db;
}

const rep: AccessUser = { id: 'u-rep', role: 'cs-rep', teamId: 'team-a' };
const owner = { id: 'u-rep', token: '', teamId: 'team-a' };

describe('concurrent pushes of one document', () => {
  it.each([
    ['one server', 1],
    ['two servers on one database (no shared lock)', 2],
  ])('merge every edit, never answer a bare master that drops one (%s)', async (_label, instances) => {
    const db = database();
    const stores = Array.from({ length: instances }, () => new CollectionStore('accounts', db, true));
    const original = syncedDoc('race-1', owner, { mrr: 100, plan: 'Pro', name: 'Acme' });
    await stores[0]!.push(rep, [{ assumedMasterState: null, newDocumentState: original }]);

    const changes: Record<string, unknown>[] = [{ mrr: 2500 }, { plan: 'Enterprise' }, { name: 'Acme Corporation' }, { seatsActive: 9 }];
    const edits = changes.map((change, i) => ({
      ...original,
      ...stampChanges(original.fieldStamps, change, new HybridLogicalClock(`device${i}`)),
    }));
    const outcomes = await Promise.all(
      edits.map((edit, i) => stores[i % instances]!.push(rep, [{ assumedMasterState: original, newDocumentState: edit }])),
    );

    const final = (await db.get(storageKey('race-1', 'team-a'))).doc;
    expect(final).toMatchObject({ mrr: 2500, plan: 'Enterprise', name: 'Acme Corporation', seatsActive: 9 });
    // Whatever each pusher was told to adopt still holds its own edit: the client takes that answer as the truth.
    outcomes.forEach((outcome, i) => {
      const answer: Record<string, unknown> = outcome.conflicts[0] ?? edits[i]!;
      expect(answer).toMatchObject(changes[i]!);
    });
  });
});

describe('documents stored before each team had its own id space', () => {
  it('are moved under their team’s key at start, pulled, pushed and found as before', async () => {
    const db = database();
    const moved = syncedDoc('legacy-1', owner, { name: 'Legacy' });
    const departedFrom = { ownerId: 'u-other', teamId: 'team-b', tombstone: { ...moved, ownerId: 'u-other', teamId: 'team-b', _deleted: true } };
    await db.put({ _id: 'legacy-1', doc: moved, departed: [departedFrom] });
    await db.put({ _id: 'legacy-2', doc: syncedDoc('legacy-2', owner) });

    for (const cache of [true, false]) {
      const store = new CollectionStore('accounts', db, true, cache);
      await store.ready();
      const pulled = await store.pull(rep, null, 100);
      expect(pulled.documents.map((doc) => doc.id).sort()).toEqual(['legacy-1', 'legacy-2']);
      expect(await store.read('team-a', 'legacy-1')).toMatchObject({ name: 'Legacy' });
      // The plain keys are gone; the team it left keeps a tombstone under its own key; the notes room stays `legacy-1`.
      await expect(db.get('legacy-1')).rejects.toMatchObject({ status: 404 });
      expect(await store.read('team-b', 'legacy-1')).toMatchObject({ _deleted: true, teamId: 'team-b' });
      const formerReader: AccessUser = { id: 'u-other', role: 'cs-rep', teamId: 'team-b' };
      expect((await store.pull(formerReader, null, 100)).documents).toEqual([expect.objectContaining({ id: 'legacy-1', _deleted: true })]);
      expect(await store.notesRoom('team-a', 'legacy-1')).toBe('legacy-1');
      store.close();
    }

    const store = new CollectionStore('accounts', db, true, true);
    const edited = { ...moved, ...stampChanges(moved.fieldStamps, { mrr: 4242 }, new HybridLogicalClock('legacy')) };
    const outcome = await store.push(rep, [{ assumedMasterState: moved, newDocumentState: edited }]);
    expect(outcome.conflicts).toEqual([]);
    expect((await store.pull(rep, null, 100)).documents.find((doc) => doc.id === 'legacy-1')).toMatchObject({ mrr: 4242 });
    store.close();
  });
});
