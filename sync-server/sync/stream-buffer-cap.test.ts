import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { stampNew } from '../../common/db/stamp-writes';
import { api, seedTeams, startTestServer, type Member, type TestServer } from '../testing/test-server';
import { openStream } from '../testing/stream-reader';

// Finding 5 (medium): a live stream that never reads let the server queue without bound. The server closes a stream
// once more than `maxStreamBufferBytes` is queued unread for it (here 256 KB; the kernel's socket buffers on the
// loopback take a few MB before anything queues in the server, so the test sends 16 MB).
const CAP = 256 * 1024;
const DOCS = 256;
const PAYLOAD = 'x'.repeat(60 * 1024); // documents are at most 64 KB
let t: TestServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
const clock = new HybridLogicalClock('stall');

beforeAll(async () => {
  t = await startTestServer({ collections: { accounts: null, blobs: null }, maxStreamBufferBytes: CAP, maxStreamsPerUser: 1 });
  team = await seedTeams(t.server);
});
afterAll(() => t.stop());

/** A stream opened over a raw socket that reads the response head and then stops reading. */
function stalledStream(member: Member): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(t.server.port, '127.0.0.1', () => {
      socket.write(`GET /sync/stream?collections=blobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${member.token}\r\n\r\n`);
    });
    socket.setEncoding('latin1');
    socket.once('data', (head: string) => {
      if (!head.startsWith('HTTP/1.1 200')) return reject(new Error(`stream refused: ${head.split('\r\n')[0]}`));
      socket.pause();
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

function until(predicate: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > 30_000) return reject(new Error(`Timed out waiting for ${what}`));
      setTimeout(check, 20);
    };
    check();
  });
}

describe('a live stream that does not read', () => {
  it('is closed by the server once its unread buffer passes the per-connection cap; the person may open another', async () => {
    const stalled = await stalledStream(team.repA);
    // A second stream of the same person is refused while the stalled one holds the only place (maxStreamsPerUser 1).
    expect((await api(t.server, 'GET', '/sync/stream?collections=blobs', { token: team.repA.token })).status).toBe(429);
    // The manager reads the team's blobs live: once the last one reached them, the server has offered every one to the
    // stalled stream too (one change is handed to every open stream in one turn).
    const reader = await openStream(t.server, team.managerA.token, 'blobs');
    for (let batch = 0; batch < DOCS / 32; batch += 1) {
      const rows = Array.from({ length: 32 }, (_, i) => {
        const doc = stampNew({ id: `blob-${batch}-${i}`, ownerId: team.repA.id, teamId: team.repA.teamId, payload: PAYLOAD }, clock);
        return { assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } };
      });
      const pushed = await api(t.server, 'POST', '/sync/blobs/push', { token: team.repA.token, body: rows });
      expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
    }
    await until(() => reader.frames.length === DOCS, 'the reading stream to receive every blob');
    reader.close();

    // The stalled stream was closed: its place is free again.
    const again = await fetch(`${t.server.url}/sync/stream?collections=blobs`, { headers: { authorization: `Bearer ${team.repA.token}` } });
    expect(again.status).toBe(200);
    await again.body?.cancel();

    // Read now, the stalled socket yields what the kernel had taken, far less than everything, and then its end.
    let received = '';
    stalled.on('data', (chunk: string) => (received += chunk));
    stalled.resume();
    await new Promise<void>((resolve) => stalled.on('close', () => resolve()));
    const frames = received.split('data: {').length - 1;
    expect(frames).toBeLessThan(DOCS);
  }, 120_000);
});
