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

  it('a Google sign-in (loopback + PKCE) keeps the refresh token it received encrypted, and the next run syncs with it', async () => {
    google.addEvent('primary', { id: 'standup1', summary: 'Stand-up', start: { dateTime: '2026-06-01T07:30:00Z' }, end: { dateTime: '2026-06-01T08:00:00Z' } });
    // The CSM's browser: the consent page (answered "Allow" by the local server), then the redirect to the loopback.
    const openBrowser = async (url: string) => {
      const consent = await fetch(url, { redirect: 'manual' });
      void fetch(consent.headers.get('location')!);
    };
    const host = new CalendarHost(undefined, storeWith(keychain()), { openBrowser });
    const status = await host.connect({ provider: 'google-sign-in', clientId: 'c', calendarId: 'primary', rootUrl: google.url, tokenUrl: `${google.url}/token`, authUrl: `${google.url}/o/oauth2/v2/auth` });
    expect(status).toEqual({ connected: true, provider: 'google', label: 'Google Calendar (primary)' });
    const issued = [...google.refreshTokens].find((t) => t.startsWith('1//local-'))!;
    const onDisk = (await readFile(join(dir, 'calendar-connection.bin'))).toString('utf8');
    expect(onDisk).not.toContain(issued);
    expect(JSON.parse(keychain().decryptString(await readFile(join(dir, 'calendar-connection.bin'))))).toMatchObject({ provider: 'google', refreshToken: issued });

    const nextRun = new CalendarHost(undefined, storeWith(keychain()));
    expect(await nextRun.call({ op: 'sync' })).toMatchObject({ ok: true, value: { events: [expect.objectContaining({ id: 'standup1' })] } });
  });

  it('a second connect while the sign-in waits for the browser cancels the sign-in and closes its listener', async () => {
    let consent = '';
    const host = new CalendarHost(undefined, storeWith(keychain()), { openBrowser: async (url) => void (consent = url) });
    const first = host.connect({ provider: 'google-sign-in', clientId: 'c', calendarId: 'primary', tokenUrl: `${google.url}/token`, authUrl: `${google.url}/o/oauth2/v2/auth` }).catch((error: unknown) => error);
    await expect.poll(() => consent).not.toBe('');
    const second = await host.connect({ provider: 'caldav', calendarUrl: 'http://127.0.0.1:1/cal/', username: 'u', password: 'secret' });
    expect(await first).toMatchObject({ code: 'auth', message: 'Google sign-in was cancelled' });
    expect(second).toMatchObject({ connected: true, provider: 'caldav' });
    expect(await host.call({ op: 'status' })).toMatchObject({ ok: true, value: { provider: 'caldav' } });
    await expect(fetch(new URL(consent).searchParams.get('redirect_uri')!)).rejects.toThrow();
  });

  it('a host without a browser to open (the browser host) refuses the sign-in and keeps what was connected', async () => {
    const host = new CalendarHost(undefined, storeWith(keychain()));
    await host.connect({ provider: 'caldav', calendarUrl: 'http://127.0.0.1:1/cal/', username: 'u', password: 'secret' });
    await expect(host.connect({ provider: 'google-sign-in', clientId: 'c', calendarId: 'primary' })).rejects.toThrow(/desktop app.*refresh token/);
    expect(await host.call({ op: 'status' })).toMatchObject({ ok: true, value: { connected: true, provider: 'caldav' } });
    expect(google.requests).toEqual([]);
  });

  it('writes nothing where the OS has no encryption', async () => {
    const host = new CalendarHost(undefined, storeWith(keychain(false)));
    await host.connect({ provider: 'caldav', calendarUrl: 'http://127.0.0.1:1/cal/', username: 'u', password: 'secret' });
    await expect(readFile(join(dir, 'calendar-connection.bin'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await host.call({ op: 'status' })).toMatchObject({ ok: true, value: { connected: true, provider: 'caldav' } });
  });
});
