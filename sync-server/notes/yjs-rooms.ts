import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { LeveldbPersistence } from 'y-leveldb';
import * as awarenessProtocol from 'y-protocols/awareness';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { parseNotesAuth } from '../../common/sync/notes-handshake';
import type { LiveConnections } from '../http/live-connections';
import { compactWholeRange } from '../storage/storage';
import { applyClientMessage, awarenessMessage, refuseUpgrade, syncStep1, updateMessage } from './yjs-wire';
import { NOTES_PATH, PLAYBOOKS_PATH, type GrantedAccess, type RefusedAccess, type RoomAccess } from './room-access';

/**
 * Collaborative free-text notes: a y-websocket-protocol server for Yjs documents, one room per account, kept in
 * y-leveldb under the data dir. It speaks the same wire protocol as `@y/websocket-server` (sync + awareness messages)
 * but keeps its rooms per server instance rather than in module globals, checks access before a room is joined,
 * drops document updates from read-only connections, and awaits every pending LevelDB write before `close()` resolves
 * (the stock server was seen to lose the last edits on stop).
 */

/** What one upgrade asks to join: how to check the bearer, and which room a granted join opens. */
interface RoomTarget {
  /** The account whose notes these are (null for a playbook): its changes re-check the room's sockets. */
  accountId: string | null;
  /** The team an Admin named (`?team=`). */
  team?: string;
  authorize(token: string): Promise<(GrantedAccess & { teamId?: string }) | RefusedAccess>;
  room(access: GrantedAccess & { teamId?: string }): string;
}

const AUTH_TIMEOUT_MS = 10_000;
const MAX_HELD_MESSAGES = 64;
/** Close codes (4000-4999 are the application's): the client reconnects with a fresh token and is checked again. */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_FORBIDDEN = 4403;

export interface YjsRoomsOptions {
  /** LevelDB directory for the documents. */
  dir: string;
  /**
   * Decides whether the bearer of `token` may join the notes of `accountId`, and whether they may edit. `team`: the
   * `?team=` an Admin gives to name which team's account of that id (each team has its own id space).
   */
  authorize(token: string | null, accountId: string, team?: string): Promise<GrantedAccess | RefusedAccess>;
  /** The same for co-editing a playbook (rooms at PLAYBOOKS_PATH); absent: those rooms are refused. */
  authorizePlaybook?(token: string | null, playbookId: string): Promise<(GrantedAccess & { teamId: string }) | RefusedAccess>;
  /** Registers a joined socket with the server's live connections (closed on access changes and token expiry). */
  live?: LiveConnections;
  /**
   * What `userId` may do in the notes of `accountId` now (no token: their session is the live connections' concern).
   * Used by `accountChanged`; absent, a changed account closes every socket in its notes room.
   */
  recheck?(userId: string, accountId: string, team?: string): Promise<RoomAccess>;
  /** Largest message accepted from a client. */
  maxPayloadBytes?: number;
  pingIntervalMs?: number;
}

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

interface Connection {
  userId: string;
  /** The account whose notes the room holds (null: a playbook room), and the team an Admin named for it. */
  accountId: string | null;
  team?: string;
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

export class YjsRooms {
  private readonly wss: WebSocketServer;
  private readonly persistence: LeveldbPersistence;
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly pendingWrites = new Set<Promise<unknown>>();
  /** Joins under way per account, marked stale when the account changes before they are in the room. */
  private readonly joining = new Map<string, Set<{ stale: boolean }>>();
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
    const notes = NOTES_PATH.exec(url.pathname);
    const playbook = notes ? null : PLAYBOOKS_PATH.exec(url.pathname);
    const { authorize, authorizePlaybook } = this.options;
    let target: RoomTarget;
    if (notes) {
      const accountId = notes[1]!;
      const team = url.searchParams.get('team') ?? undefined;
      if (team !== undefined && !/^[A-Za-z0-9_.:-]{1,128}$/.test(team)) return false;
      target = { accountId, team, authorize: (token) => authorize(token, accountId, team), room: (access) => `notes/${access.room ?? accountId}` };
    } else if (playbook && authorizePlaybook) {
      const playbookId = playbook[1]!;
      target = { accountId: null, authorize: (token) => authorizePlaybook(token, playbookId), room: (access) => `playbooks/${access.teamId}/${playbookId}` };
    } else {
      return false;
    }
    socket.on('error', () => socket.destroy());
    if (this.closing) {
      refuseUpgrade(socket, 404, 'Server is shutting down');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.handshake(ws, target));
    return true;
  }

  /** Waits for the auth message, checks it, then joins the room and handles what the client sent meanwhile. */
  private handshake(ws: WebSocket, target: RoomTarget): void {
    ws.binaryType = 'arraybuffer';
    const held: Uint8Array[] = [];
    let state: 'waiting' | 'checking' | 'joined' | 'closed' = 'waiting';
    const close = (code: number, reason: string) => {
      if (state === 'closed') return;
      state = 'closed';
      ws.close(code, reason.slice(0, 120));
    };
    const timer = setTimeout(() => close(CLOSE_UNAUTHORIZED, 'No auth message'), AUTH_TIMEOUT_MS);
    ws.on('close', () => {
      clearTimeout(timer);
      state = 'closed';
    });
    ws.on('error', () => ws.terminate());
    const onMessage = (data: ArrayBuffer, isBinary: boolean) => {
      if (state === 'checking') {
        if (held.length >= MAX_HELD_MESSAGES) return close(1008, 'Too many messages before the auth check');
        held.push(new Uint8Array(data));
        return;
      }
      if (state !== 'waiting') return;
      const token = isBinary ? null : parseNotesAuth(Buffer.from(data).toString('utf8'));
      if (token === null) return close(CLOSE_UNAUTHORIZED, 'The first message must be the auth message');
      state = 'checking';
      clearTimeout(timer);
      // An access change while the check and the room load are under way would be missed by the room (the socket is
      // not in it yet): such a join is closed instead, and the client reconnects and is checked afresh.
      const liveMark = this.options.live?.mark();
      const join = { stale: false };
      const joins = target.accountId === null ? null : this.joining.get(target.accountId) ?? new Set<{ stale: boolean }>();
      if (joins && target.accountId !== null) {
        joins.add(join);
        this.joining.set(target.accountId, joins);
      }
      const done = () => {
        if (!joins || target.accountId === null) return;
        joins.delete(join);
        if (joins.size === 0 && this.joining.get(target.accountId) === joins) this.joining.delete(target.accountId);
      };
      void (async () => {
        let access: GrantedAccess & { teamId?: string };
        let room: Room;
        try {
          const checked = await target.authorize(token).catch((): RefusedAccess => ({ status: 403, message: 'Access check failed' }));
          if ((state as string) === 'closed') return;
          if ('status' in checked) return close(checked.status === 401 ? CLOSE_UNAUTHORIZED : CLOSE_FORBIDDEN, checked.message);
          if (this.closing) return close(1001, 'Server is shutting down');
          access = checked;
          ws.off('message', onMessage);
          state = 'joined';
          const name = target.room(access);
          room = await this.room(name);
          if (room.unloaded) room = await this.room(name);
        } finally {
          done();
        }
        if (join.stale || (liveMark !== undefined && this.options.live!.endedSince(access.userId, liveMark))) {
          state = 'closed';
          ws.close(CLOSE_UNAUTHORIZED, 'Access changed while joining; reconnect');
          if (room.conns.size === 0 && !this.closing) this.unload(room);
          return;
        }
        const unregister = this.options.live?.add(
          { userId: access.userId, sessionId: access.sessionId, kind: 'notes', close: (reason) => ws.close(CLOSE_UNAUTHORIZED, reason.slice(0, 120)) },
          access.expiresAt,
        );
        if (unregister) ws.on('close', unregister);
        this.join(room, ws, access.userId, access.readOnly, target.accountId, target.team);
        const conn = room.conns.get(ws);
        if (conn) for (const message of held.splice(0)) this.receive(room, ws, conn, message);
      })().catch(() => ws.terminate());
    };
    ws.on('message', onMessage);
  }

  /** The text of an account's notes as stored (for an export), by its room (CollectionStore.notesRoom). */
  async noteText(room: string): Promise<string> {
    const name = `notes/${room}`;
    const loaded = this.rooms.get(name);
    if (loaded) return (await loaded).doc.getText('notes').toString();
    const doc = await this.persistence.getYDoc(name);
    const text = doc.getText('notes').toString();
    doc.destroy();
    return text;
  }

  /**
   * An account changed in a way that may change who reads or writes its notes (re-assigned, moved by a push, deleted):
   * every socket in its room is checked again. Those who may no longer read are closed (4403); those whose write
   * access changed are closed to reconnect under it (4401); joins under way are closed too. Resolves once done, so a
   * request that changed the account is answered only after the sockets it ended are closed.
   */
  async accountChanged(accountId: string): Promise<void> {
    for (const join of this.joining.get(accountId) ?? []) join.stale = true;
    // Every team's account of this id (each has its own room): the room a person reaches may change too (a move).
    for (const room of await Promise.all([...this.rooms.values()])) {
      if (![...room.conns.values()].some((conn) => conn.accountId === accountId)) continue;
      await this.recheckRoom(room, accountId);
    }
  }

  private async recheckRoom(room: Room, accountId: string): Promise<void> {
    const { recheck } = this.options;
    for (const [ws, conn] of [...room.conns]) {
      if (conn.accountId !== accountId) continue;
      const access: RoomAccess = recheck
        ? await recheck(conn.userId, accountId, conn.team).catch((): RoomAccess => ({ status: 403, message: 'Access check failed' }))
        : { status: 401, message: 'The account changed; reconnect' };
      if (!room.conns.has(ws)) continue;
      if ('status' in access) {
        ws.close(access.status === 401 ? CLOSE_UNAUTHORIZED : CLOSE_FORBIDDEN, access.message.slice(0, 120));
        this.leave(room, ws);
      } else if (access.readOnly !== conn.readOnly || (access.room !== undefined && `notes/${access.room}` !== room.name)) {
        ws.close(CLOSE_UNAUTHORIZED, 'Your access to these notes changed; reconnect');
        this.leave(room, ws);
      }
    }
  }

  /** Erases an account's notes (by its room): its sockets close, every stored update is deleted and compacted away. */
  async erase(room: string): Promise<void> {
    const name = `notes/${room}`;
    const loaded = this.rooms.get(name);
    if (loaded) {
      const room = await loaded;
      for (const ws of [...room.conns.keys()]) {
        ws.close(CLOSE_FORBIDDEN, 'The notes were erased');
        this.leave(room, ws);
      }
    }
    await Promise.all(this.pendingWrites);
    await this.persistence.clearDocument(name);
    await this.compactStorage();
  }

  /**
   * Edits, in place, every stored room whose name begins with `prefix` (`notes/`, `playbooks/`): `edit` is given the
   * room (its name after the prefix) and its document, changes the document in one transaction if it must, and says
   * whether it did. Open sockets receive the edit like any other; replicas that reconnect with the old state merge
   * into it (their items are known, and deleted). Each changed document is then stored again as its garbage-collected
   * state alone (no deleted content left in it) and the storage compacted. Returns how many changed. (Erase uses it to
   * redact copied personal values: room-redaction.ts.)
   */
  async editRooms(prefix: 'notes/' | 'playbooks/', edit: (room: string, doc: Y.Doc) => boolean): Promise<number> {
    await Promise.all(this.pendingWrites);
    let changed = 0;
    for (const name of (await this.persistence.getAllDocNames()).filter((each) => each.startsWith(prefix))) {
      const loaded = this.rooms.get(name);
      const doc = loaded ? (await loaded).doc : await this.persistence.getYDoc(name);
      if (edit(name.slice(prefix.length), doc)) {
        await Promise.all(this.pendingWrites);
        await this.persistence.clearDocument(name);
        await this.persistence.storeUpdate(name, Y.encodeStateAsUpdate(doc));
        changed += 1;
      }
      if (!loaded) doc.destroy();
    }
    if (changed) await this.compactStorage();
    return changed;
  }

  /** Drops deleted updates from LevelDB's log and table files (they stay there until a compaction reaches them). */
  private async compactStorage(): Promise<void> {
    // (y-leveldb logs and swallows an error inside its transaction: a failure shows as a result other than true.)
    const compacted = await this.persistence._transact(async (db) => {
      await compactWholeRange({
        del: (key) => db.del(key, { keyEncoding: 'buffer' }),
        compactRange: (start, end) => db.compactRange(start, end, { keyEncoding: 'buffer' }),
      });
      return true;
    });
    if (compacted !== true) throw new Error('Compacting the notes storage after an erase failed');
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
      const out = updateMessage(update);
      for (const ws of room.conns.keys()) this.send(room, ws, out);
    });
    room.awareness.on('update', ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>, origin: unknown) => {
      const conn = room.conns.get(origin as WebSocket);
      if (conn) {
        for (const id of added) conn.clients.add(id);
        for (const id of removed) conn.clients.delete(id);
      }
      const changed = [...added, ...updated, ...removed];
      const out = awarenessMessage(room.awareness, changed);
      for (const ws of room.conns.keys()) this.send(room, ws, out);
    });
    return room;
  }

  private join(room: Room, ws: WebSocket, userId: string, readOnly: boolean, accountId: string | null, team?: string): void {
    ws.binaryType = 'arraybuffer';
    const conn: Connection = { userId, accountId, ...(team !== undefined ? { team } : {}), readOnly, clients: new Set(), alive: true };
    room.conns.set(ws, conn);
    ws.on('message', (data: ArrayBuffer) => this.receive(room, ws, conn, new Uint8Array(data)));
    ws.on('pong', () => (conn.alive = true));
    ws.on('close', () => this.leave(room, ws));
    ws.on('error', () => this.leave(room, ws));
    this.send(room, ws, syncStep1(room.doc));
    const states = room.awareness.getStates();
    if (states.size > 0) this.send(room, ws, awarenessMessage(room.awareness, [...states.keys()]));
  }

  private receive(room: Room, ws: WebSocket, conn: Connection, data: Uint8Array): void {
    try {
      const answer = applyClientMessage(room.doc, room.awareness, data, conn.readOnly, ws);
      if (answer) this.send(room, ws, answer);
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
    if (room.conns.size === 0 && !this.closing) this.unload(room);
  }

  private unload(room: Room): void {
    if (room.unloaded) return;
    // Every update is already queued in y-leveldb's transaction chain, so a room loaded again reads it back.
    this.rooms.delete(room.name);
    room.unloaded = true;
    room.doc.destroy();
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
