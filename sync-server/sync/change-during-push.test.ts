import { getComposedPrimaryKeyOfDocumentData } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { stampChanges } from '../../common/db/stamp-writes';
import { canonicalJson } from '../../common/json/json-equality';
import type { Checkpoint } from '../../common/sync/wire-contract';
import type { OutpostDatabase } from '../../common/db/create-database';
import { api, pullAll, seedTeams, startTestServer, type Member, type TestServer } from '../testing/test-server';
import { accountFixture, editAccount, eventually, network, openReplica, syncReplica } from '../testing/test-replicas';

/**
 * A change the server takes from someone else while this device's push of the same document is being answered.
 * RxDB drops a master state that arrives for a document whose local write it has not yet recorded as pushed (it
 * expects the push to meet that state as a conflict) and still stores the checkpoint after it. When the server
 * decided the push before the other change came in, the push meets no conflict, so without more the device keeps
 * its own version for good while the server and every other device hold the newer one.
 */
let t: TestServer;
let rep: Member;

beforeAll(async () => {
  t = await startTestServer();
  rep = (await seedTeams(t.server)).repA;
});
afterAll(() => t.stop());

const onServer = async (id: string) => {
  const found = (await pullAll(t.server, rep, 'accounts')).find((each) => each.id === id);
  if (!found) return 'absent';
  const { _deleted, ...doc } = found;
  return canonicalJson(doc);
};
const onDevice = async (db: OutpostDatabase, id: string) => canonicalJson((await db.accounts.findOne(id).exec())?.toJSON() ?? null);

/** A promise (`opened`) and the function that resolves it (`open`). */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('a change made elsewhere while this device’s push is answered', () => {
  it('reaches the device even though the server decided the push before it', async () => {
    const clock = new HybridLogicalClock('deviceB');
    const db = await openReplica(['accounts']);
    const net = network();
    // The device's push of its edit reaches the server, which decides it; the answer is held until the other change
    // has been stored on the server and handed to the device (`release`).
    const decided = gate();
    const release = gate();
    const plain = net.fetch;
    net.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await plain(input, init);
      const held = new URL(String(input)).pathname.endsWith('/push') && String(init?.body).includes('Edited on B');
      if (held) {
        decided.open();
        await release.opened;
      }
      return response;
    }) as typeof fetch;
    const [replication] = syncReplica(db, t.server.url, () => rep.token, { net });
    try {
      await db.accounts.insert(accountFixture('acc-1', rep, clock));
      await eventually(async () => (await onDevice(db, 'acc-1')) === (await onServer('acc-1')) && (await replication!.awaitInSync()), 'the first version on the server');

      // The edit is pushed by RxDB's resync pass (as after a reconnect with local writes queued behind the RESYNC):
      // pausing keeps RxDB from pushing it as it is made, starting again resyncs.
      await replication!.pause();
      await editAccount(db, 'acc-1', { name: 'Edited on B' }, clock);
      void replication!.start();
      await decided.opened;

      // Someone else changes the same document after the server took the device's edit.
      const server = JSON.parse(await onServer('acc-1'));
      const other = { ...server, ...stampChanges(server.fieldStamps, { mrr: 4321 }, new HybridLogicalClock('deviceA')), _deleted: false };
      const pushed = await api(t.server, 'POST', '/sync/accounts/push', { token: rep.token, body: [{ assumedMasterState: { ...server, _deleted: false }, newDocumentState: other }] });
      expect(pushed.body).toEqual([]);
      const { checkpoint } = (await api(t.server, 'GET', '/sync/accounts/pull?limit=100', { token: rep.token })).body as { checkpoint: Checkpoint };

      // The device has been handed that change (RxDB stored a checkpoint at or after it) before its push is answered.
      await eventually(async () => {
        const seq = (await storedPullCheckpoint(replication!))?.seq;
        return typeof seq === 'number' && typeof checkpoint.seq === 'number' && seq >= checkpoint.seq;
      }, 'the device to be handed the other change');
      release.open();

      await eventually(async () => (await onDevice(db, 'acc-1')) === (await onServer('acc-1')), 'the device to hold the server’s version', 10_000);
      const final = JSON.parse(await onDevice(db, 'acc-1'));
      expect(final.name).toBe('Edited on B');
      expect(final.mrr).toBe(4321);
    } finally {
      release.open();
      await replication!.cancel();
      await db.close();
    }
  });
});

/** The pull checkpoint RxDB has stored in the replication's meta instance. */
async function storedPullCheckpoint(replication: RxReplicationState<unknown, Checkpoint>): Promise<Checkpoint | undefined> {
  const meta = replication.metaInstance;
  if (!meta) return undefined;
  const id = getComposedPrimaryKeyOfDocumentData(meta.schema, { isCheckpoint: '1', itemId: 'down' });
  const [stored] = await meta.findDocumentsById([id], false);
  return stored?.checkpointData as Checkpoint | undefined;
}
