import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

/**
 * The y-websocket wire format the rooms speak (the messages y-websocket's client sends and expects): a sync message
 * (step 1, step 2, update) or an awareness update, each a varint type and its payload. Only the encoding lives here;
 * who may join which room and what a room does with a connection are in yjs-rooms.ts and room-access.ts.
 */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

function message(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1: what a room sends a connection that joins (its state vector). */
export function syncStep1(doc: Y.Doc): Uint8Array {
  return message(MESSAGE_SYNC, (encoder) => syncProtocol.writeSyncStep1(encoder, doc));
}

/** A document update, as sent to every connection of the room. */
export function updateMessage(update: Uint8Array): Uint8Array {
  return message(MESSAGE_SYNC, (encoder) => syncProtocol.writeUpdate(encoder, update));
}

/** The awareness states of `clients`, as sent to every connection of the room. */
export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return message(MESSAGE_AWARENESS, (encoder) => encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients)));
}

/**
 * Applies one message from a connection (`origin`) to the room's document and awareness, and returns the answer to
 * send back, if any. A read-only member may ask for the document (step 1), but their updates (step 2, update) are
 * dropped. Throws on a malformed message.
 */
export function applyClientMessage(doc: Y.Doc, awareness: awarenessProtocol.Awareness, data: Uint8Array, readOnly: boolean, origin: unknown): Uint8Array | null {
  const decoder = decoding.createDecoder(data);
  const encoder = encoding.createEncoder();
  switch (decoding.readVarUint(decoder)) {
    case MESSAGE_SYNC: {
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      if (readOnly) {
        if (decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep1) syncProtocol.readSyncStep1(decoder, encoder, doc);
      } else {
        syncProtocol.readSyncMessage(decoder, encoder, doc, origin);
      }
      return encoding.length(encoder) > 1 ? encoding.toUint8Array(encoder) : null;
    }
    case MESSAGE_AWARENESS:
      awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), origin);
      return null;
    default:
      return null;
  }
}

/** Ends an upgrade request that will not become a socket with a plain HTTP answer and a JSON `{error}`. */
export function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests' }[status] ?? 'Bad Request';
  const body = JSON.stringify({ error: text });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
