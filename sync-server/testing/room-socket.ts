import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { notesAuthMessage } from '../../common/sync/notes-handshake';

/**
 * A raw Yjs room socket for tests (notes and playbook rooms): it keeps what the server sent in `doc`, and `barrier()`
 * asks the server for its state and waits for the answer or the close, whichever the server sends first. The server
 * handles one socket's messages in order, so after a barrier everything the server sent before is in `doc`, and a
 * socket the server closed before the barrier reports closed, with no waiting on timers.
 */
export class RoomSocket {
  readonly doc = new Y.Doc();
  closeCode: number | null = null;
  private waiting: (() => void)[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: ArrayBuffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0) return;
      const kind = decoding.readVarUint(decoder);
      if (kind === syncProtocol.messageYjsSyncStep2 || kind === syncProtocol.messageYjsUpdate) {
        Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), 'server');
      }
      if (kind === syncProtocol.messageYjsSyncStep2) this.waiting.shift()?.();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      for (const resolve of this.waiting.splice(0)) resolve();
    });
  }

  /** Joins the room at `url` with `token`: the socket once the server has sent its first sync message, or how it refused. */
  static join(url: string, token: string): Promise<RoomSocket | { refused: number }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.binaryType = 'arraybuffer';
      const socket = new RoomSocket(ws);
      ws.on('unexpected-response', (_req, res) => resolve({ refused: res.statusCode ?? 0 }));
      ws.on('open', () => ws.send(notesAuthMessage(token)));
      ws.once('message', () => resolve(socket));
      ws.on('close', (code) => resolve({ refused: code }));
      ws.on('error', reject);
    });
  }

  get open(): boolean {
    return this.closeCode === null;
  }

  text(name = 'notes'): string {
    return this.doc.getText(name).toString();
  }

  /** Resolves true once the server answered a state request on this socket, false if it closed the socket first. */
  async barrier(): Promise<boolean> {
    if (!this.open) return false;
    const answered = new Promise<void>((resolve) => this.waiting.push(resolve));
    const request = encoding.createEncoder();
    encoding.writeVarUint(request, 0);
    syncProtocol.writeSyncStep1(request, this.doc);
    this.ws.send(encoding.toUint8Array(request));
    await answered;
    return this.open;
  }

  /** Appends `marker` to the text `name` and sends the update (the server may drop it: read-only joins). */
  write(marker: string, name = 'notes'): void {
    if (!this.open) return;
    const text = this.doc.getText(name);
    const before = Y.encodeStateVector(this.doc);
    text.insert(text.length, marker);
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 0);
    syncProtocol.writeUpdate(update, Y.encodeStateAsUpdate(this.doc, before));
    this.ws.send(encoding.toUint8Array(update));
  }

  close(): void {
    this.ws.close();
  }
}
