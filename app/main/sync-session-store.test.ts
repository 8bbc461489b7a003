import * as fs from 'node:fs/promises';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncSession } from '../../common/bridge/contract';
import { createSyncSessionStore, type StringCipher } from './sync-session-store';

/** Stands in for the OS keychain: a keyed XOR, so what is on disk is not the plain text. */
function keychain(available = true): StringCipher {
  const key = 0x5a;
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ key)),
    decryptString: (encrypted) => Buffer.from(encrypted.map((b) => b ^ key)).toString('utf8'),
  };
}

const session: SyncSession = {
  serverUrl: 'https://sync.example.com',
  user: { id: 'user-1', email: 'rep@example.com', name: 'Rep', role: 'cs-rep', teamId: 'team-1' },
  refreshToken: 'refresh.token.secret',
  accessToken: 'access.token.secret',
  accessExpiresAt: 1_800_000_000_000,
};

let dir: string;
let warnings: string[];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-session-'));
  warnings = [];
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const store = (cipher = keychain()) =>
  createSyncSessionStore({ file: join(dir, 'sync-session.bin'), cipher, fs, warn: (m) => void warnings.push(m) });

describe('sync session store', () => {
  it('keeps the session encrypted on disk and reads it back after a restart', async () => {
    await store().save(session);
    const onDisk = await readFile(join(dir, 'sync-session.bin'));
    expect(onDisk.toString('utf8')).not.toContain('refresh.token.secret');
    expect(await store().load()).toEqual(session);
  });

  it('clears the session from memory and disk', async () => {
    const kept = store();
    await kept.save(session);
    await kept.clear();
    expect(await kept.load()).toBeNull();
    expect(await store().load()).toBeNull();
  });

  it('keeps the session for this run only when the OS offers no encryption', async () => {
    const kept = store(keychain(false));
    await kept.save(session);
    expect(await kept.load()).toEqual(session);
    await expect(readFile(join(dir, 'sync-session.bin'))).rejects.toThrow(/ENOENT/);
    expect(warnings.join()).toMatch(/encryption is unavailable/);
    expect(await store(keychain(false)).load()).toBeNull();
  });

  it('treats an unreadable or invalid kept session as signed out and says why', async () => {
    await writeFile(join(dir, 'sync-session.bin'), new Uint8Array(keychain().encryptString(JSON.stringify({ ...session, serverUrl: 'ftp://x' }))));
    expect(await store().load()).toBeNull();
    expect(warnings.join()).toMatch(/not valid.*http\(s\)/);
  });

  it('refuses to save an invalid session', async () => {
    await expect(store().save({ ...session, refreshToken: '' })).rejects.toThrow(/refreshToken/);
  });
});
