import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { fillWithDefaultSettings, getRxReplicationMetaInstanceSchema, type RxJsonSchema, type RxStorageInstance } from 'rxdb';
import { collectionDefinitions } from './collections';
import { openTabInstance } from './testing/tab-storage-instance';

/**
 * Two tabs of one multi-instance book, each with its own storage instances (their own databaseInstanceToken, so their
 * own BroadcastChannel): what one writes reaches the other's change stream, except a replication's meta instance,
 * which only the leader tab opens.
 */
const opened: RxStorageInstance<any, any, any>[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((instance) => instance.close()));
});

const preferences = fillWithDefaultSettings(collectionDefinitions.preferences.schema as RxJsonSchema<any>);
const meta = getRxReplicationMetaInstanceSchema(preferences, false);

const open = (databaseName: string, tab: string, collectionName: string, schema: RxJsonSchema<any>) =>
  openTabInstance(opened, { databaseName, tab, collectionName, schema });

const stamp = { _deleted: false, _attachments: {}, _rev: '1-a', _meta: { lwt: 1 } };
const preference = { id: 'theme', kind: 'setting', value: { name: 'theme' }, updatedAt: '0000000001000:0000:d1', ...stamp };

describe("a multi-instance book's replication meta instance", () => {
  it('is not broadcast to other tabs, while the collection it replicates is', async () => {
    const name = `meta-tabs-${process.pid}-${Date.now()}`;
    const leaderMeta = await open(name, 'leader', 'rx-replication-meta-p', meta);
    const leaderDocs = await open(name, 'leader', 'preferences', preferences);
    const otherMeta = await open(name, 'other', 'rx-replication-meta-p', meta);
    const otherDocs = await open(name, 'other', 'preferences', preferences);
    const seen: string[] = [];
    otherMeta.changeStream().subscribe((bulk) => seen.push(...bulk.events.map((event) => `meta ${event.documentId}`)));
    otherDocs.changeStream().subscribe((bulk) => seen.push(...bulk.events.map((event) => `doc ${event.documentId}`)));

    // The meta write is posted first, on the same channel: had it been posted, it would arrive before the document's.
    const metaDoc = { id: 'theme|0', isCheckpoint: '0', itemId: 'theme', docData: preference, ...stamp };
    expect((await leaderMeta.bulkWrite([{ document: metaDoc }], 'replication-down-write-meta')).error).toEqual([]);
    expect((await leaderDocs.bulkWrite([{ document: preference }], 'replication-downstream')).error).toEqual([]);
    await expect.poll(() => seen).toContain('doc theme');
    expect(seen).toEqual(['doc theme']);
    // Both are stored for any tab to read.
    expect((await otherMeta.findDocumentsById(['theme|0'], false)).map((doc) => doc.itemId)).toEqual(['theme']);
  });
});
