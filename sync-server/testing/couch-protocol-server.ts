import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import PouchDB from 'pouchdb-node';

const require = createRequire(import.meta.url);

/**
 * A CouchDB-protocol server on 127.0.0.1 (express-pouchdb over LevelDB files in `dataDir`): stands in for an
 * Apache CouchDB cluster in tests and benchmarks, so the server's PouchDB http-adapter path runs for real.
 */
export interface CouchProtocolServer {
  url: string;
  close(): Promise<void>;
}

/** A file the server answers at a path of its own, beside the databases (e.g. a page for a browser client). */
export interface ServedFile {
  type: string;
  body: string;
}

export async function startCouchProtocolServer(dataDir: string, files: Record<string, ServedFile> = {}): Promise<CouchProtocolServer> {
  const express = require('express') as () => {
    get(path: string, handler: (req: unknown, res: { type(t: string): { send(body: string): void } }) => void): void;
    use(path: string, handler: unknown): void;
    listen(port: number, host: string, cb: () => void): Server;
  };
  const expressPouchDB = require('express-pouchdb') as (pouch: unknown, options: Record<string, unknown>) => unknown;
  const LocalPouch = PouchDB.defaults({ prefix: `${join(dataDir, 'couch')}-` } as PouchDB.Configuration.DatabaseConfiguration);
  const app = express();
  for (const [path, file] of Object.entries(files)) app.get(path, (_req, res) => res.type(file.type).send(file.body));
  app.use('/', expressPouchDB(LocalPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true }));
  const server = await new Promise<Server>((resolve) => {
    const listening: Server = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
