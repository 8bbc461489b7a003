import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  app: { on: vi.fn() },
  shell: { openExternal: vi.fn(async (_url: string) => {}) },
}));
vi.mock('electron', () => electron);

import {
  createAppUrlCheck,
  hardenSession,
  hardenWebContents,
  installWebContentsHardening,
  isSafeExternalUrl,
} from './security';

const APP_URL = 'app://outpost/index.html';
const RENDERER_FILE = 'file:///opt/Outpost/resources/app.asar/out/renderer/index.html';

class FakeWebContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: string };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
  /** Emit an Electron-style event and report whether a listener prevented it. */
  fire(name: string, url?: string): boolean {
    let prevented = false;
    this.emit(name, { url, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

function hardened(appUrl = APP_URL) {
  const contents = new FakeWebContents();
  hardenWebContents(contents as unknown as WebContents, { isAppUrl: createAppUrlCheck(appUrl) });
  return contents;
}

beforeEach(() => {
  electron.app.on.mockClear();
  electron.shell.openExternal.mockClear();
});

describe('createAppUrlCheck', () => {
  it('accepts only the app:// origin (with any hash route), never a file:// page, not even the renderer file', () => {
    const isApp = createAppUrlCheck(APP_URL);
    expect(isApp(`${APP_URL}#/accounts/42`)).toBe(true);
    expect(isApp('app://outpost/')).toBe(true);
    expect(isApp(RENDERER_FILE)).toBe(false);
    expect(isApp(`${RENDERER_FILE}#/accounts/42`)).toBe(false);
    expect(isApp('file:///etc/passwd')).toBe(false);
    expect(isApp('app://evil/index.html')).toBe(false);
    expect(isApp('https://evil.example/')).toBe(false);
    expect(isApp('not a url')).toBe(false);
  });

  it('never takes a file:// app URL as an app origin', () => {
    const isApp = createAppUrlCheck(RENDERER_FILE);
    expect(isApp(RENDERER_FILE)).toBe(false);
    expect(isApp('file:///etc/passwd')).toBe(false);
  });

  it('accepts the dev server origin only', () => {
    const isApp = createAppUrlCheck('http://localhost:5173/');
    expect(isApp('http://localhost:5173/#/book')).toBe(true);
    expect(isApp('http://localhost:5174/')).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://docs.example.com/guide', true],
    ['http://example.com', false],
    ['mailto:champion@acme.example', true],
    ['mailto:', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://share/x', false],
    ['https://user:pass@example.com', false],
    ['::not a url', false],
  ])('%s → %s', (url, safe) => {
    expect(isSafeExternalUrl(url)).toBe(safe);
  });
});

describe('hardenWebContents', () => {
  it('blocks navigation and redirects away from the app but allows in-app navigation', () => {
    const contents = hardened();
    expect(contents.fire('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(contents.fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-navigate', RENDERER_FILE)).toBe(true);
    expect(contents.fire('will-navigate', 'app://elsewhere/index.html')).toBe(true);
    expect(contents.fire('will-navigate', `${APP_URL}#/book`)).toBe(false);
  });

  it('denies every new window and opens only safe web links in the OS browser', () => {
    const contents = hardened();
    expect(contents.openHandler?.({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal.mock.calls).toEqual([['https://example.com/help']]);
  });

  it('refuses to attach a <webview>', () => {
    expect(hardened().fire('will-attach-webview')).toBe(true);
  });

  it('is installed on every web contents the app creates', () => {
    installWebContentsHardening({ isAppUrl: createAppUrlCheck(APP_URL) });
    const [eventName, listener] = electron.app.on.mock.calls[0] as [string, (e: unknown, c: unknown) => void];
    expect(eventName).toBe('web-contents-created');
    const contents = new FakeWebContents();
    listener({}, contents);
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('hardenSession', () => {
  type HeadersListener = (
    details: { responseHeaders?: Record<string, string[]> },
    callback: (response: { responseHeaders: Record<string, string[]> }) => void,
  ) => void;

  function hardenedSession() {
    const captured: {
      request?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
      check?: (contents: unknown, permission: string) => boolean;
      headers?: HeadersListener;
    } = {};
    const session = {
      setPermissionRequestHandler: (h: typeof captured.request) => (captured.request = h),
      setPermissionCheckHandler: (h: typeof captured.check) => (captured.check = h),
      webRequest: { onHeadersReceived: (h: HeadersListener) => (captured.headers = h) },
    };
    hardenSession(session as unknown as Session, "default-src 'self'");
    return captured;
  }

  it('grants notifications and denies every other permission', () => {
    const { request, check } = hardenedSession();
    const answers: Record<string, boolean> = {};
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal']) {
      request?.({}, permission, (granted) => (answers[permission] = granted));
    }
    expect(answers).toEqual({ notifications: true, media: false, geolocation: false, 'clipboard-read': false, openExternal: false });
    expect(check?.({}, 'notifications')).toBe(true);
    expect(check?.({}, 'media')).toBe(false);
  });

  it('replaces any Content-Security-Policy header with the app policy', () => {
    const { headers } = hardenedSession();
    let result: Record<string, string[]> | undefined;
    headers?.(
      { responseHeaders: { 'content-security-policy': ["script-src 'unsafe-eval'"], 'Content-Type': ['text/html'] } },
      (response) => (result = response.responseHeaders),
    );
    expect(result).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] });
  });
});
