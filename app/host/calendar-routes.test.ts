import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarHost } from '../main/calendar/calendar-host';
import { LocalGoogleCalendarServer } from '../main/calendar/testing/google-calendar-server';
import { type BrowserHost, startBrowserHost } from './browser-host-server';
import { calendarRoutes } from './calendar-routes';

let root: string;
let host: BrowserHost;
const google = new LocalGoogleCalendarServer();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'outpost-host-'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>t</title>');
  await google.start();
  host = await startBrowserHost({ port: 0, root, middleware: [calendarRoutes(new CalendarHost({ retries: 1, baseDelayMs: 5, maxDelayMs: 10 }))] });
});
afterAll(async () => {
  await host.close();
  await google.stop();
  await rm(root, { recursive: true, force: true });
});

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${host.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('the browser host’s calendar routes', () => {
  it('answers not_connected before a calendar is connected, then runs provider calls against it', async () => {
    expect(await (await post('/api/calendar/call', { op: 'sync' })).json()).toMatchObject({ ok: false, code: 'not_connected' });
    google.addEvent('primary', { id: 'evt01', summary: 'Stand-up', start: { dateTime: '2026-06-01T07:30:00Z' }, end: { dateTime: '2026-06-01T08:00:00Z' } });
    const status = await (await post('/api/calendar/connect', { provider: 'google', clientId: 'c', refreshToken: 'refresh-token-1', calendarId: 'primary', rootUrl: google.url, tokenUrl: `${google.url}/token` })).json();
    expect(status).toMatchObject({ connected: true, provider: 'google' });
    const result = (await (await post('/api/calendar/call', { op: 'sync' })).json()) as { ok: boolean; value: { events: { id: string }[] } };
    expect(result.ok).toBe(true);
    expect(result.value.events.map((e) => e.id)).toEqual(['evt01']);
  });

  it('refuses bad input with what is wrong, and cross-origin or non-JSON requests', async () => {
    const bad = await post('/api/calendar/call', { op: 'create', draft: { activityId: '' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/draft/);
    expect((await post('/api/calendar/call', { op: 'sync' }, { origin: 'http://evil.example' })).status).toBe(403);
    const form = await fetch(`${host.url}/api/calendar/call`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"op":"sync"}' });
    expect(form.status).toBe(415);
  });

  it('keeps the refresh-token connection and refuses the desktop-only Google sign-in with a message saying so', async () => {
    await post('/api/calendar/connect', { provider: 'google', clientId: 'c', refreshToken: 'refresh-token-1', calendarId: 'primary', rootUrl: google.url, tokenUrl: `${google.url}/token` });
    const refused = await post('/api/calendar/connect', { provider: 'google-sign-in', clientId: 'c', calendarId: 'primary' });
    expect(refused.status).toBe(400);
    expect((await refused.json()).message).toMatch(/Sign in with Google runs in the desktop app; here, connect Google with an OAuth client id and a refresh token/);
    expect(await (await post('/api/calendar/call', { op: 'status' })).json()).toMatchObject({ ok: true, value: { connected: true, provider: 'google' } });
  });
});
