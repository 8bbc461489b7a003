import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { carryFileOriginStorage } from './origin-storage';

let userData: string;
beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'outpost-origin-'));
});
afterEach(() => rmSync(userData, { recursive: true, force: true }));

const folder = (name: string) => join(userData, 'IndexedDB', name);

describe('carryFileOriginStorage', () => {
  it('copies the file:// origin IndexedDB folders to the app:// origin, keeping the old ones', async () => {
    mkdirSync(folder('file__0.indexeddb.leveldb'), { recursive: true });
    writeFileSync(join(folder('file__0.indexeddb.leveldb'), '000003.log'), 'the book');
    mkdirSync(folder('file__0.indexeddb.blob'));
    expect(await carryFileOriginStorage(userData, fs)).toEqual(['app_outpost_0.indexeddb.leveldb', 'app_outpost_0.indexeddb.blob']);
    expect(readFileSync(join(folder('app_outpost_0.indexeddb.leveldb'), '000003.log'), 'utf8')).toBe('the book');
    expect(existsSync(join(folder('file__0.indexeddb.leveldb'), '000003.log'))).toBe(true);
    // Once the app origin has its own, nothing is copied again.
    expect(await carryFileOriginStorage(userData, fs)).toEqual([]);
  });

  it('never overwrites the app origin and does nothing on a fresh install', async () => {
    expect(await carryFileOriginStorage(userData, fs)).toEqual([]);
    mkdirSync(folder('file__0.indexeddb.leveldb'), { recursive: true });
    writeFileSync(join(folder('file__0.indexeddb.leveldb'), 'x'), 'old');
    mkdirSync(folder('app_outpost_0.indexeddb.leveldb'));
    writeFileSync(join(folder('app_outpost_0.indexeddb.leveldb'), 'x'), 'new');
    expect(await carryFileOriginStorage(userData, fs)).toEqual([]);
    expect(readFileSync(join(folder('app_outpost_0.indexeddb.leveldb'), 'x'), 'utf8')).toBe('new');
  });
});
