import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { startCouchProtocolServer, type CouchProtocolServer } from '../sync-server/testing/couch-protocol-server';

const require = createRequire(import.meta.url);

/**
 * The reference for a first sync in the browser: plain PouchDB (pouchdb-browser, its IndexedDB adapter) replicating
 * from a CouchDB-protocol server (express-pouchdb) on 127.0.0.1, in a page that server serves itself, so no CORS is
 * involved. What a team would get from the peer tool in the same Chromium, profile and disk.
 */
export const REFERENCE_PAGE = '/_reference/page.html';

/** pouchdb-browser bundled into one script that sets `window.PouchDB` (Vite's library build, in memory). */
async function pouchBrowserBundle(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: { entry: require.resolve('pouchdb-browser'), formats: ['iife'], name: 'PouchDB', fileName: 'pouchdb' },
    },
  });
  const result = Array.isArray(output) ? output[0] : output;
  const chunk = (result as { output: { type: string; code?: string }[] }).output.find((item) => item.type === 'chunk');
  if (!chunk?.code) throw new Error('bundling pouchdb-browser produced no script');
  return chunk.code;
}

/** A CouchDB-protocol server that also serves the reference page and the PouchDB bundle. */
export async function startPouchReferenceServer(dataDir: string): Promise<CouchProtocolServer> {
  return startCouchProtocolServer(dataDir, {
    [REFERENCE_PAGE]: { type: 'html', body: '<!doctype html><title>PouchDB reference</title><script src="pouchdb.js"></script>' },
    '/_reference/pouchdb.js': { type: 'js', body: await pouchBrowserBundle() },
  });
}

/**
 * Replicates `databases` from the reference server into IndexedDB in `page`, all at once with `batchSize`, and returns
 * the time inside the page (ms) and the documents stored.
 */
export async function replicateInPage(page: Page, serverUrl: string, databases: string[], batchSize: number): Promise<{ ms: number; docs: number }> {
  await page.goto(`${serverUrl}${REFERENCE_PAGE.slice(1)}`);
  return page.evaluate(
    async ({ base, names, size }) => {
      const Pouch = (window as unknown as { PouchDB: any }).PouchDB;
      const start = performance.now();
      const locals = await Promise.all(
        names.map(async (name) => {
          const local = new Pouch(`reference-${name}`);
          await Pouch.replicate(`${base}${name}`, local, { batch_size: size });
          return local;
        }),
      );
      const ms = performance.now() - start;
      let docs = 0;
      for (const local of locals) docs += (await local.info()).doc_count;
      return { ms, docs };
    },
    { base: serverUrl, names: databases, size: batchSize },
  );
}
