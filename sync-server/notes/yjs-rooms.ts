import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { LeveldbPersistence } from 'y-leveldb';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { canRead, canWrite, type AccessUser, type ScopedDocument } from '../../common/sync/access-policy';

/**
 * Collaborative free-text notes: a y-websocket-protocol server for Yjs documents, one room per account, kept in
 * y-leveldb under the data dir. It speaks the same wire protocol as `@y/websocket-server` (sync + awareness messages)
 * but keeps its rooms per server instance rather than in module globals, checks access before a room is joined,
 * drops document updates from read-only connections, and awaits every pending LevelDB write before `close()` resolves
 * (the stock server was seen to lose the last edits on stop).
 */

/** `ws(s)://host/yjs/notes/<accountId>?token=<access token>`; y-websocket's WebsocketProvider builds it from
 * `serverUrl = <sync url>/yjs/notes`, `roomname = <accountId>` and `params = { token }`. */
export const NOTES_PATH = /^\/yjs\/notes\/([A-Za-z0-9_.:-]{1,128})$/;

/** Who may join an account's notes: those who may read the account; those who may not also write it are read-only. */
export function notesAccess(user: AccessUser | null, account: ScopedDocument & { _deleted?: boolean } | null): RoomAccess {
  if (!user) return { status: 401, message: 'A valid access token is required to open notes' };
  if (!account || account._deleted || !canRead(user, account)) return { status: 403, message: 'You may not read this account' };
  return { readOnly: !canWrite(user, account, account) };
}

export type RoomAccess = { readOnly: boolean } | { status: 401 | 403 | 404 | 429; message: string };

/** `ws(s)://host/yjs/playbooks/<playbookId>?token=…`: the playbook co-edited by a team (one room per team and id). */
export const PLAYBOOKS_PATH = /^\/yjs\/playbooks\/([A-Za-z0-9_-]{1,60})$/;

/**
 * Who may join a playbook's room: members of a team (the room is their team's: another team's playbook of the same id
 * is another room); those who may not write playbooks (reps, viewers) join read-only. Admins have no team room.
 */
export function playbookAccess(user: AccessUser | null): RoomAccess & { teamId?: string } {
  if (!user) return { status: 401, message: 'A valid access token is required to open a playbook' };
  if (user.teamId === null) return { status: 403, message: 'Only members of a team co-edit its playbooks' };
  const scope = { ownerId: user.id, teamId: user.teamId };
  return { readOnly: !canWrite(user, scope, scope, 'playbooks'), teamId: user.teamId };
}

export interface YjsRoomsOptions {
  /** LevelDB directory for the documents. */
  dir: string;
  /** Decides whether the bearer of `token` may join the notes of `accountId`, and whether they may edit. */
  authorize(token: string | null, accountId: string): Promise<RoomAccess>;
  /** The same for co-editing a playbook (rooms at PLAYBOOKS_PATH); absent: those rooms are refused. */
  authorizePlaybook?(token: string | null, playbookId: string): Promise<RoomAccess & { teamId?: string }>;
  /** Largest message accepted from a client. */
  maxPayloadBytes?: number;
  pingIntervalMs?: number;
}

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

interface Connection {
  readOnly: boolean;
  /** Awareness client ids this connection controls, removed when it closes. */
  clients: Set<number>;
  alive: boolean;
}

interface Room {
  name: string;
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  conns: Map<WebSocket, Connection>;
  /** Set when the last connection left and the document was unloaded. */
  unloaded: boolean;
}

function message(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function refuse(socket: Duplex, status: number, text: string): void {
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests' }[status] ?? 'Bad Request';
  const body = JSON.stringify({ error: text });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export class YjsRooms {
  private readonly wss: WebSocketServer;
  private readonly persistence: LeveldbPersistence;
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly pendingWrites = new Set<Promise<unknown>>();
  private readonly pingTimer: NodeJS.Timeout;
  private closing = false;

  constructor(private readonly options: YjsRoomsOptions) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes ?? 2 * 1024 * 1024 });
    this.persistence = new LeveldbPersistence(options.dir);
    this.pingTimer = setInterval(() => this.ping(), options.pingIntervalMs ?? 30_000);
    this.pingTimer.unref();
  }

  /** Handles an HTTP upgrade if it is for a notes room; returns false to let the caller refuse other paths. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = NOTES_PATH.exec(url.pathname);
    const playbook = match ? null : PLAYBOOKS_PATH.exec(url.pathname);
    if (!match && !(playbook && this.options.authorizePlaybook)) return false;
    const accountId = match ? match[1]! : playbook![1]!;
    socket.on('error', () => socket.destroy());
    void (async () => {
      if (this.closing) return refuse(socket, 404, 'Server is shutting down');
      const token = url.searchParams.get('token');
      const access: RoomAccess & { teamId?: string } = await (match ? this.options.authorize(token, accountId) : this.options.authorizePlaybook!(token, accountId)).catch(
        (): RoomAccess => ({ status: 403, message: 'Access check failed' }),
      );
      if ('status' in access) return refuse(socket, access.status, access.message);
      const name = match ? `notes/${accountId}` : `playbooks/${access.teamId}/${accountId}`;
      let room = await this.room(name);
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        void (async () => {
          // The last member may have left (and the room unloaded) while this one was being upgraded.
          if (room.unloaded) room = await this.room(name);
          this.join(room, ws, access.readOnly);
        })();
      });
    })().catch(() => socket.destroy());
    return true;
  }

  /** Closes every connection, then resolves once every update received so far is on disk. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.pingTimer);
    for (const room of await Promise.all(this.rooms.values())) {
      for (const ws of room.conns.keys()) ws.terminate();
    }
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await Promise.all(this.pendingWrites);
    for (const room of await Promise.all(this.rooms.values())) room.doc.destroy();
    this.rooms.clear();
    // Queued after every write in y-leveldb's transaction chain, so it resolves when they are all done.
    await this.persistence.destroy();
  }

  private room(name: string): Promise<Room> {
    let room = this.rooms.get(name);
    if (!room) {
      room = this.load(name);
      this.rooms.set(name, room);
      room.catch(() => this.rooms.delete(name));
    }
    return room;
  }

  private async load(name: string): Promise<Room> {
    const doc = new Y.Doc();
    const persisted = await this.persistence.getYDoc(name);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(persisted));
    persisted.destroy();
    const room: Room = { name, doc, awareness: new awarenessProtocol.Awareness(doc), conns: new Map(), unloaded: false };
    room.awareness.setLocalState(null);
    doc.on('update', (update: Uint8Array) => {
      const write = this.persistence.storeUpdate(name, update);
      this.pendingWrites.add(write);
      void write.finally(() => this.pendingWrites.delete(write));
      const out = message(MESSAGE_SYNC, (encoder) => syncProtocol.writeUpdate(encoder, update));
      for (const ws of room.conns.keys()) this.send(room, ws, out);
    });
    room.awareness.on('update', ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>, origin: unknown) => {
      const conn = room.conns.get(origin as WebSocket);
      if (conn) {
        for (const id of added) conn.clients.add(id);
        for (const id of removed) conn.clients.delete(id);
      }
      const changed = [...added, ...updated, ...removed];
      const out = message(MESSAGE_AWARENESS, (encoder) =>
        encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, changed)),
      );
      for (const ws of room.conns.keys()) this.send(room, ws, out);
    });
    return room;
  }

  private join(room: Room, ws: WebSocket, readOnly: boolean): void {
    ws.binaryType = 'arraybuffer';
    const conn: Connection = { readOnly, clients: new Set(), alive: true };
    room.conns.set(ws, conn);
    ws.on('message', (data: ArrayBuffer) => this.receive(room, ws, conn, new Uint8Array(data)));
    ws.on('pong', () => (conn.alive = true));
    ws.on('close', () => this.leave(room, ws));
    ws.on('error', () => this.leave(room, ws));
    this.send(room, ws, message(MESSAGE_SYNC, (encoder) => syncProtocol.writeSyncStep1(encoder, room.doc)));
    const states = room.awareness.getStates();
    if (states.size > 0) {
      this.send(
        room,
        ws,
        message(MESSAGE_AWARENESS, (encoder) =>
          encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...states.keys()])),
        ),
      );
    }
  }

  private receive(room: Room, ws: WebSocket, conn: Connection, data: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(data);
      const encoder = encoding.createEncoder();
      switch (decoding.readVarUint(decoder)) {
        case MESSAGE_SYNC: {
          encoding.writeVarUint(encoder, MESSAGE_SYNC);
          if (conn.readOnly) {
            // A read-only member may ask for the document (step 1) but their updates (step 2, update) are dropped.
            if (decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep1) syncProtocol.readSyncStep1(decoder, encoder, room.doc);
          } else {
            syncProtocol.readSyncMessage(decoder, encoder, room.doc, ws);
          }
          if (encoding.length(encoder) > 1) this.send(room, ws, encoding.toUint8Array(encoder));
          break;
        }
        case MESSAGE_AWARENESS:
          awarenessProtocol.applyAwarenessUpdate(room.awareness, decoding.readVarUint8Array(decoder), ws);
          break;
        default:
          break;
      }
    } catch {
      // A malformed message ends the connection; the document keeps only what was valid.
      ws.close(1003, 'Malformed message');
    }
  }

  private send(room: Room, ws: WebSocket, data: Uint8Array): void {
    if (ws.readyState !== ws.OPEN) {
      if (ws.readyState !== ws.CONNECTING) this.leave(room, ws);
      return;
    }
    ws.send(data, (error) => {
      if (error) this.leave(room, ws);
    });
  }

  private leave(room: Room, ws: WebSocket): void {
    const conn = room.conns.get(ws);
    if (!conn) return;
    room.conns.delete(ws);
    awarenessProtocol.removeAwarenessStates(room.awareness, [...conn.clients], null);
    ws.close();
    if (room.conns.size === 0 && !this.closing) {
      // Every update is already queued in y-leveldb's transaction chain, so a room loaded again reads it back.
      this.rooms.delete(room.name);
      room.unloaded = true;
      room.doc.destroy();
    }
  }

  private ping(): void {
    void Promise.all(this.rooms.values()).then((rooms) => {
      for (const room of rooms) {
        for (const [ws, conn] of room.conns) {
          if (!conn.alive) {
            ws.terminate();
            this.leave(room, ws);
            continue;
          }
          conn.alive = false;
          ws.ping();
        }
      }
    });
  }
}
