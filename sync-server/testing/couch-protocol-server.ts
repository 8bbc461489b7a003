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

export async function startCouchProtocolServer(dataDir: string): Promise<CouchProtocolServer> {
  const express = require('express') as () => { use(path: string, handler: unknown): void; listen(port: number, host: string, cb: () => void): Server };
  const expressPouchDB = require('express-pouchdb') as (pouch: unknown, options: Record<string, unknown>) => unknown;
  const LocalPouch = PouchDB.defaults({ prefix: `${join(dataDir, 'couch')}-` } as PouchDB.Configuration.DatabaseConfiguration);
  const app = express();
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
