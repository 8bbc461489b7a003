import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import sirv from 'sirv';
import { CONTENT_SECURITY_POLICY } from '../main/content-security-policy';

/** Only the loopback interface: the workbench holds customer data and must never be reachable from the network. */
export const BROWSER_HOST_ADDRESS = '127.0.0.1';
export const DEFAULT_BROWSER_HOST_PORT = 5174;
export const DEFAULT_WEB_ROOT = resolve(__dirname, '../../dist-web');

/** A connect-style handler run before the static files; call `next()` to pass the request on. */
export type HostMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface BrowserHostOptions {
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (`npm run build:web`). */
  root?: string;
  /**
   * Seam for services that share the origin, e.g. the local sync server's HTTP routes. Anything that needs the
   * socket itself (WebSocket upgrades) can attach to `BrowserHost.server`.
   */
  middleware?: HostMiddleware[];
}

export interface BrowserHost {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export class WebRootMissingError extends Error {
  constructor(readonly root: string) {
    super(`The browser build is missing: ${join(root, 'index.html')} does not exist. Build it with \`npm run build:web\`.`);
    this.name = 'WebRootMissingError';
  }
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/**
 * Vite names every file under assets/ by a hash of its content, so the browser may keep them without asking again;
 * without this it revalidates each of the first screen's ~20 scripts with this server on every start (~100 ms of a
 * cold start spent waiting). index.html, which names the current hashes, is always revalidated.
 */
function setCacheControl(res: ServerResponse, pathname: string): void {
  res.setHeader('Cache-Control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/** Refuse requests addressed to any other host name: a DNS-rebinding page would otherwise reach us as same-origin. */
function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `${BROWSER_HOST_ADDRESS}:${port}` || hostHeader === `localhost:${port}`;
}

/** Serve the built renderer on 127.0.0.1 with the app's CSP; unknown paths without a file extension get index.html. */
export async function startBrowserHost(options: BrowserHostOptions = {}): Promise<BrowserHost> {
  const root = resolve(options.root ?? DEFAULT_WEB_ROOT);
  if (!existsSync(join(root, 'index.html'))) throw new WebRootMissingError(root);
  const serveStatic = sirv(root, { single: true, etag: true, dotfiles: false, setHeaders: setCacheControl });
  const middleware = options.middleware ?? [];
  let port = options.port ?? DEFAULT_BROWSER_HOST_PORT;

  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (!isLoopbackHost(req.headers.host, port)) {
      res.statusCode = 421;
      res.end('Misdirected request');
      return;
    }
    const chain = [...middleware, serveStatic as HostMiddleware];
    const next = (index: number): void => {
      const handler = chain[index];
      if (!handler) {
        res.statusCode = 404;
        res.end('Not found');
        return;
      }
      handler(req, res, () => next(index + 1));
    };
    next(0);
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, BROWSER_HOST_ADDRESS, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${BROWSER_HOST_ADDRESS}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolveClose, rejectClose) => {
        server.close((error) => (error ? rejectClose(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}
