/**
 * The first message on a Yjs notes socket: the access token, as a text frame, so it never appears in the URL
 * (which proxies and servers log). Sent by `withTokenHandshake` (the client) and read by the sync server's rooms.
 */
export function notesAuthMessage(token: string): string {
  return JSON.stringify({ type: 'auth', token });
}

/** The token of an auth message, or null when the text is not one. */
export function parseNotesAuth(text: string): string | null {
  if (text.length > 8192) return null;
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const { type, token } = value as { type?: unknown; token?: unknown };
    return type === 'auth' && typeof token === 'string' && token.length > 0 ? token : null;
  } catch {
    return null;
  }
}

/** What the handshake needs of a WebSocket class (the browser's, or the `ws` package's in Node). */
interface HandshakeSocket {
  addEventListener(type: 'open', listener: () => void): void;
  send(data: string): void;
}

/**
 * A WebSocket class (for y-websocket's `WebSocketPolyfill` option) whose sockets send the auth message as soon as
 * they open, before the provider's own first message: the listener is added in the constructor, before the provider
 * sets `onopen`. `token` is read at each (re)connect, so it can return a renewed one.
 */
export function withTokenHandshake<T extends new (...args: any[]) => HandshakeSocket>(Base: T, token: () => string): T {
  return class extends Base {
    constructor(...args: any[]) {
      super(...args);
      this.addEventListener('open', () => this.send(notesAuthMessage(token())));
    }
  };
}
