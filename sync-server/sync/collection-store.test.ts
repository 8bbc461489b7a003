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

    const final = (await db.get('race-1')).doc;
    expect(final).toMatchObject({ mrr: 2500, plan: 'Enterprise', name: 'Acme Corporation', seatsActive: 9 });
    // Whatever each pusher was told to adopt still holds its own edit: the client takes that answer as the truth.
    outcomes.forEach((outcome, i) => {
      const answer: Record<string, unknown> = outcome.conflicts[0] ?? edits[i]!;
      expect(answer).toMatchObject(changes[i]!);
    });
  });
});
