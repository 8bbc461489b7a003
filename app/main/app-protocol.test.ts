import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, APP_SCHEME_PRIVILEGES, contentTypeFor, createAppProtocolHandler, isAppOrigin, resolveAppPath } from './app-protocol';

// Electron checklist (issue item 6): the renderer is served from app://outpost/, only from the renderer build folder.
let base: string;
let root: string;
const CSP = "default-src 'self'";

beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'outpost-app-protocol-')));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Outpost</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'ort.wasm'), new Uint8Array([0, 97, 115, 109]));
  writeFileSync(join(root, 'assets', 'a b.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'outside the renderer');
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
  symlinkSync(base, join(root, 'up'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveAppPath', () => {
  it('maps app://outpost/ paths to files of the renderer folder, / to index.html', () => {
    expect(resolveAppPath(APP_INDEX_URL, root)).toEqual({ path: join(root, 'index.html') });
    expect(resolveAppPath('app://outpost/', root)).toEqual({ path: join(root, 'index.html') });
    expect(resolveAppPath('app://outpost/assets/index-abc.js?v=1#x', root)).toEqual({ path: join(root, 'assets', 'index-abc.js') });
    expect(resolveAppPath('app://outpost/assets/a%20b.css', root)).toEqual({ path: join(root, 'assets', 'a b.css') });
  });

  it.each([
    'app://outpost/assets/..%2f..%2fsecret.txt',
    'app://outpost/assets/..%2F..%2Fsecret.txt',
    'app://outpost/..%5csecret.txt',
    'app://outpost/%2e%2e%2fsecret.txt',
    'app://outpost/assets/%2fetc%2fpasswd',
    'app://outpost/C:%5cWindows%5cwin.ini',
    'app://outpost/index.html%00.js',
    'app://outpost/assets/%E0%A4%A',
    'app://outpost/assets//index-abc.js',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(url, root)).toMatchObject({ status: 400 });
  });

  it('never leaves the folder through dot segments, and answers only its own origin', () => {
    // The URL parser removes plain and encoded dot segments before the path is read; what is left stays inside.
    for (const url of ['app://outpost/../../secret.txt', 'app://outpost/assets/%2e%2e/%2e%2e/secret.txt', 'app://outpost/./assets/.%2E/index.html']) {
      const resolved = resolveAppPath(url, root);
      expect('path' in resolved && resolved.path.startsWith(`${root}/`)).toBe(true);
    }
    for (const url of ['app://evil/index.html', 'app://outpost:8080/index.html', 'app://user@outpost/index.html', 'file:///etc/passwd', 'https://outpost/index.html']) {
      expect(resolveAppPath(url, root)).toMatchObject({ status: 404 });
    }
  });
});

describe('isAppOrigin', () => {
  it('is the app origin with any path and hash route, nothing else', () => {
    expect(isAppOrigin(`${APP_INDEX_URL}#/accounts/42`)).toBe(true);
    expect(isAppOrigin('APP://OUTPOST/index.html')).toBe(true);
    for (const url of ['app://outpost.evil/index.html', 'app://evil/', 'file:///opt/Outpost/resources/app.asar/out/renderer/index.html', 'https://outpost/', 'not a url']) {
      expect(isAppOrigin(url)).toBe(false);
    }
  });

  it('is registered as a standard, secure scheme that may fetch, without bypassing the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } });
  });
});

describe('the app:// handler', () => {
  const handler = () => createAppProtocolHandler({ root, files: fs, contentSecurityPolicy: CSP });
  const get = (url: string, method = 'GET') => handler()(new Request(url, { method }));

  it('serves the files with their content type, the CSP and nosniff', async () => {
    const page = await get(APP_INDEX_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Outpost</title>');
    const script = await get('app://outpost/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(CSP);
    const wasm = await get('app://outpost/assets/ort.wasm');
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109]));
    expect((await get(APP_INDEX_URL, 'HEAD')).status).toBe(200);
  });

  it('answers 404 for unknown files, folders and symlinks that lead out of the folder, 400 for traversal, 405 for writes', async () => {
    expect((await get('app://outpost/missing.js')).status).toBe(404);
    expect((await get('app://outpost/assets')).status).toBe(404);
    expect((await get('app://outpost/assets/link.txt')).status).toBe(404);
    expect((await get('app://outpost/up/secret.txt')).status).toBe(404);
    const traversal = await get('app://outpost/assets/..%2f..%2fsecret.txt');
    expect(traversal.status).toBe(400);
    expect(await traversal.text()).not.toContain('outside');
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get(APP_INDEX_URL, 'POST')).status).toBe(405);
  });

  it('gives known types their Content-Type and anything else octet-stream', () => {
    expect(contentTypeFor('/x/a.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/model.onnx')).toBe('application/octet-stream');
    expect(contentTypeFor('/x/font.woff2')).toBe('font/woff2');
  });
});
