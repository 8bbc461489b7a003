import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../main/content-security-policy';
import { startBrowserHost, WebRootMissingError, type BrowserHost } from './browser-host-server';

const INDEX = '<!doctype html><title>Outpost</title><div id="root"></div>';
let base: string;
let host: BrowserHost;

/** A raw HTTP GET, so paths like /../ reach the server unnormalised (fetch would resolve them first). */
function get(path: string, headers: Record<string, string> = {}) {
  const { port } = host;
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'outpost-host-'));
  await mkdir(join(base, 'web', 'assets'), { recursive: true });
  await writeFile(join(base, 'web', 'index.html'), INDEX);
  await writeFile(join(base, 'web', 'assets', 'app.js'), 'console.log("outpost")');
  await writeFile(join(base, 'web', '.env'), 'TOKEN=web-dotfile');
  await writeFile(join(base, 'secret.txt'), 'TOKEN=outside-root');
  host = await startBrowserHost({ port: 0, root: join(base, 'web') });
});

afterAll(async () => {
  await host?.close();
  await rm(base, { recursive: true, force: true });
});

describe('startBrowserHost', () => {
  it('listens on 127.0.0.1 on a free port when asked for port 0', () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.server.address()).toMatchObject({ address: '127.0.0.1', port: host.port });
  });

  it('serves index.html with the app CSP header', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves built assets', async () => {
    const res = await get('/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.body).toBe('console.log("outpost")');
  });

  it('lets the browser keep the content-hashed assets but always revalidate the page that names them', async () => {
    expect((await get('/assets/app.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get('/')).headers['cache-control']).toBe('no-cache');
    expect((await get('/accounts/42')).headers['cache-control']).toBe('no-cache');
  });

  it('falls back to index.html for app routes but 404s missing files', async () => {
    expect((await get('/accounts/42')).body).toBe(INDEX);
    const missing = await get('/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each(['/../secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt', '/.env'])(
    'does not serve %s (404 or the app shell)',
    async (path) => {
      const res = await get(path);
      expect(res.body).not.toContain('TOKEN=');
      expect(res.status === 404 || res.body === INDEX).toBe(true);
    },
  );

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const res = await get('/', { host: `evil.example:${host.port}` });
    expect(res.status).toBe(421);
    expect(res.body).not.toContain('Outpost');
    expect((await get('/', { host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('runs middleware before the static files', async () => {
    const withApi = await startBrowserHost({
      port: 0,
      root: join(base, 'web'),
      middleware: [
        (req, res, next) => {
          if (req.url !== '/sync/health') return next();
          res.setHeader('content-type', 'application/json');
          res.end('{"ok":true}');
        },
      ],
    });
    try {
      const health = await fetch(`${withApi.url}/sync/health`);
      expect(await health.json()).toEqual({ ok: true });
      expect(await (await fetch(`${withApi.url}/`)).text()).toBe(INDEX);
    } finally {
      await withApi.close();
    }
  });

  it('stops listening when closed', async () => {
    const temporary = await startBrowserHost({ port: 0, root: join(base, 'web') });
    expect((await fetch(temporary.url)).status).toBe(200);
    await temporary.close();
    expect(temporary.server.listening).toBe(false);
    await expect(fetch(temporary.url)).rejects.toThrow();
  });

  it('says how to build the renderer when the web root is missing', async () => {
    const start = startBrowserHost({ port: 0, root: join(base, 'nope') });
    await expect(start).rejects.toBeInstanceOf(WebRootMissingError);
    await expect(start).rejects.toThrow(/npm run build:web/);
  });
});
