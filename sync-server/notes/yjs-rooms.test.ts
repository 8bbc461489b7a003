import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { notesAuthMessage, withTokenHandshake } from '../../common/sync/notes-handshake';
import { startSyncServer, type SyncServer } from '../server';
import { CLOSE_FORBIDDEN, CLOSE_UNAUTHORIZED } from './yjs-rooms';
import { ADMIN, api, seedTeams, syncedDoc, type Member } from '../testing/test-server';

let dataDir: string;
let server: SyncServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
const providers: WebsocketProvider[] = [];

const ACCOUNT = 'acct-notes-1';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'outpost-yjs-'));
  server = await startSyncServer({ dataDir, admin: ADMIN });
  team = await seedTeams(server);
  const pushed = await api(server, 'POST', '/sync/accounts/push', {
    token: team.repA.token,
    body: [{ assumedMasterState: null, newDocumentState: syncedDoc(ACCOUNT, team.repA) }],
  });
  expect(pushed.body).toEqual([]);
});
afterEach(() => {
  for (const provider of providers.splice(0)) provider.destroy();
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(`${dataDir}.key`, { force: true });
});

function notesUrl(): string {
  return `${server.url.replace(/^http/, 'ws')}/yjs/notes`;
}

/** A provider as the app makes one; disableBc so providers in one process talk only through the server. */
function open(member: Member, doc = new Y.Doc(), account = ACCOUNT): { doc: Y.Doc; text: Y.Text; provider: WebsocketProvider } {
  const provider = new WebsocketProvider(notesUrl(), account, doc, {
    WebSocketPolyfill: withTokenHandshake(WebSocket, () => member.token) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  providers.push(provider);
  return { doc, text: doc.getText('notes'), provider };
}

function until(predicate: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > 10_000) return reject(new Error(`Timed out waiting for ${what}`));
      setTimeout(check, 10);
    };
    check();
  });
}

const synced = (provider: WebsocketProvider) => until(() => provider.synced, 'provider sync');

/**
 * Opens a raw socket and sends the auth message (when given a token); resolves with the HTTP status when the server
 * refuses the upgrade, the close code when it closes the socket, or the socket once the server has sent its first
 * sync message (the join succeeded).
 */
function rawJoin(url: string, token?: string): Promise<{ status: number } | { closed: number } | { ws: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('open', () => {
      if (token !== undefined) ws.send(notesAuthMessage(token));
      else ws.send(new Uint8Array([0, 0, 0]));
    });
    ws.once('message', () => resolve({ ws }));
    ws.on('close', (code) => resolve({ closed: code }));
    ws.on('error', reject);
  });
}

describe('Yjs notes over y-websocket', () => {
  it('merges concurrent offline edits of two members character by character', async () => {
    const a = open(team.repA);
    const b = open(team.managerA);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    a.text.insert(0, 'abc');
    await until(() => b.text.toString() === 'abc', 'B to see abc');

    a.provider.disconnect();
    b.provider.disconnect();
    a.text.insert(1, 'X'); // aXbc
    b.text.insert(2, 'Y'); // abYc
    a.provider.connect();
    b.provider.connect();

    await until(() => a.text.toString() === b.text.toString() && a.text.length === 5, 'convergence');
    expect(a.text.toString()).toBe('aXbYc');
  });

  it('keeps the last edit through a server stop and restart', async () => {
    const a = open(team.repA);
    const b = open(team.managerA);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    a.text.insert(a.text.length, ' last words');
    await until(() => b.text.toString().endsWith(' last words'), 'B to see the edit');
    for (const provider of providers.splice(0)) provider.destroy();

    await server.close();
    server = await startSyncServer({ dataDir, admin: ADMIN });

    const fresh = open(team.managerA);
    await synced(fresh.provider);
    expect(fresh.text.toString()).toBe(b.text.toString());
    expect(fresh.text.toString()).toContain(' last words');
  });

  it('refuses joins without a valid token, across teams, and for unknown accounts', async () => {
    expect(await rawJoin(`${notesUrl()}/${ACCOUNT}`)).toEqual({ closed: CLOSE_UNAUTHORIZED });
    expect(await rawJoin(`${notesUrl()}/${ACCOUNT}`, 'forged.token.value')).toEqual({ closed: CLOSE_UNAUTHORIZED });
    // A token in the URL (as before the handshake) is not read: it would end up in logs.
    expect(await rawJoin(`${notesUrl()}/${ACCOUNT}?token=${team.repA.token}`)).toEqual({ closed: CLOSE_UNAUTHORIZED });
    expect(await rawJoin(`${notesUrl()}/${ACCOUNT}`, team.repB.token)).toEqual({ closed: CLOSE_FORBIDDEN });
    expect(await rawJoin(`${notesUrl()}/no-such-account`, team.repA.token)).toEqual({ closed: CLOSE_FORBIDDEN });
    // A rep of the same team who does not own the account (and has no share) may not read it either.
    expect(await rawJoin(`${notesUrl()}/${ACCOUNT}`, team.repA2.token)).toEqual({ closed: CLOSE_FORBIDDEN });
    expect(await rawJoin(`${server.url.replace(/^http/, 'ws')}/elsewhere`)).toEqual({ status: 404 });
  });

  it('lets a Viewer read the notes but drops their updates', async () => {
    const a = open(team.repA);
    await synced(a.provider);
    a.text.insert(0, 'from the owner ');
    const viewer = open(team.viewerA);
    await until(() => viewer.text.toString().includes('from the owner'), 'the viewer to read the notes');

    // On one socket the server handles messages in order: an update, then a state request answered with everything.
    const joined = await rawJoin(`${notesUrl()}/${ACCOUNT}`, team.viewerA.token);
    if (!('ws' in joined)) throw new Error(`viewer refused: ${JSON.stringify(joined)}`);
    const forged = new Y.Doc();
    forged.getText('notes').insert(0, 'VIEWER WAS HERE');
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 0);
    syncProtocol.writeUpdate(update, Y.encodeStateAsUpdate(forged));
    joined.ws.send(encoding.toUint8Array(update));
    const request = encoding.createEncoder();
    encoding.writeVarUint(request, 0);
    syncProtocol.writeSyncStep1(request, new Y.Doc());
    const serverState = new Y.Doc();
    const answered = new Promise<void>((resolve) => {
      joined.ws.on('message', (data: ArrayBuffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        if (decoding.readVarUint(decoder) !== 0) return;
        if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return;
        Y.applyUpdate(serverState, decoding.readVarUint8Array(decoder));
        resolve();
      });
    });
    joined.ws.send(encoding.toUint8Array(request));
    await answered;
    joined.ws.close();

    expect(serverState.getText('notes').toString()).toContain('from the owner');
    expect(serverState.getText('notes').toString()).not.toContain('VIEWER');
    expect(a.text.toString()).not.toContain('VIEWER');
  });
});
