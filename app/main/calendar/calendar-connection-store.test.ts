import * as fs from 'node:fs/promises';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StringCipher } from '../encrypted-json-file';
import { CalendarHost } from './calendar-host';
import { createCalendarConnectionStore } from './calendar-connection-store';
import { LocalGoogleCalendarServer } from './testing/google-calendar-server';

/** Stands in for the OS keychain (Electron's safeStorage): a keyed XOR, so what is on disk is not the plain text. */
function keychain(available = true): StringCipher {
  const key = 0x5a;
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ key)),
    decryptString: (encrypted) => Buffer.from(encrypted.map((b) => b ^ key)).toString('utf8'),
  };
}

let dir: string;
let google: LocalGoogleCalendarServer;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-calendar-store-'));
  google = new LocalGoogleCalendarServer();
  await google.start();
});
afterEach(async () => {
  await google.stop();
  await rm(dir, { recursive: true, force: true });
});

const storeWith = (cipher: StringCipher) => createCalendarConnectionStore({ file: join(dir, 'calendar-connection.bin'), cipher, fs, warn: () => undefined });

describe('the calendar connection across restarts', () => {
  it('is kept encrypted and used again by the next run’s host', async () => {
    const connection = { provider: 'google' as const, clientId: 'c', refreshToken: 'refresh-token-1', calendarId: 'primary', rootUrl: google.url, tokenUrl: `${google.url}/token` };
    await new CalendarHost(undefined, storeWith(keychain())).connect(connection);
    expect((await readFile(join(dir, 'calendar-connection.bin'))).toString('utf8')).not.toContain('refresh-token-1');

    const nextRun = new CalendarHost(undefined, storeWith(keychain()));
    expect(await nextRun.call({ op: 'status' })).toEqual({ ok: true, value: { connected: true, provider: 'google', label: 'Google Calendar (primary)' } });
    expect(await nextRun.call({ op: 'sync' })).toMatchObject({ ok: true });

    await nextRun.connect(null);
    expect(await new CalendarHost(undefined, storeWith(keychain())).call({ op: 'status' })).toEqual({ ok: true, value: { connected: false } });
  });

  it('writes nothing where the OS has no encryption', async () => {
    const host = new CalendarHost(undefined, storeWith(keychain(false)));
    await host.connect({ provider: 'caldav', calendarUrl: 'http://127.0.0.1:1/cal/', username: 'u', password: 'secret' });
    await expect(readFile(join(dir, 'calendar-connection.bin'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await host.call({ op: 'status' })).toMatchObject({ ok: true, value: { connected: true, provider: 'caldav' } });
  });
});
