import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_CHANNELS } from '../../common/bridge/contract';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

// The Electron adapter wires real modules together; only Electron itself is faked, recording what the app asks of it.
const fake = vi.hoisted(() => {
  const { EventEmitter } = require('node:events') as typeof import('node:events');
  const state = {
    lock: true,
    appEvents: new EventEmitter(),
    windows: [] as InstanceType<typeof FakeWindow>[],
    handled: [] as string[],
    quit: 0,
    userData: '',
    /** What the app asked of Electron, in order (registering the scheme must come before the app is ready). */
    calls: [] as string[],
    privileged: [] as unknown[],
    protocols: new Map<string, (request: Request) => Promise<Response>>(),
  };
  class FakeWindow extends EventEmitter {
    focused = 0;
    minimized = false;
    loaded: string[] = [];
    webContents = { mainFrame: {} };
    constructor(readonly options: Record<string, unknown>) {
      super();
      state.windows.push(this);
    }
    static getAllWindows = () => state.windows;
    isDestroyed = () => false;
    isMinimized = () => this.minimized;
    isMaximized = () => false;
    restore = () => void (this.minimized = false);
    show = () => {};
    focus = () => void this.focused++;
    maximize = () => {};
    getNormalBounds = () => ({ x: 0, y: 0, width: 1280, height: 800 });
    loadFile = async (path: string) => void this.loaded.push(path);
    loadURL = async (url: string) => void this.loaded.push(url);
  }
  const electron = {
    app: {
      requestSingleInstanceLock: () => state.lock,
      on: (event: string, listener: (...args: unknown[]) => void) => state.appEvents.on(event, listener),
      whenReady: () => {
        state.calls.push('whenReady');
        return Promise.resolve();
      },
      quit: () => void state.quit++,
      exit: () => {},
      getPath: () => state.userData,
      getName: () => 'Outpost',
      getVersion: () => '0.1.0',
    },
    BrowserWindow: FakeWindow,
    dialog: {},
    Notification: { isSupported: () => false },
    screen: {
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {},
        webRequest: { onHeadersReceived: () => {} },
      },
    },
    ipcMain: { handle: (channel: string) => void state.handled.push(channel), removeHandler: () => {} },
    shell: { openExternal: async () => {} },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        state.calls.push('registerSchemesAsPrivileged');
        state.privileged.push(...schemes);
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => void state.protocols.set(scheme, handler),
    },
  };
  return { state, electron };
});
vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

async function launch() {
  vi.resetModules();
  await import('./index');
  await vi.waitFor(() => {
    if (fake.state.lock && fake.state.windows[0]?.loaded.length !== 1) throw new Error('window not loaded yet');
  });
}

beforeEach(() => {
  fake.state.lock = true;
  fake.state.appEvents.removeAllListeners();
  fake.state.windows.length = 0;
  fake.state.handled.length = 0;
  fake.state.quit = 0;
  fake.state.calls.length = 0;
  fake.state.privileged.length = 0;
  fake.state.protocols.clear();
  fake.state.userData = mkdtempSync(`${tmpdir()}/outpost-userdata-`);
});

afterEach(() => {
  rmSync(fake.state.userData, { recursive: true, force: true });
});

describe('main process', () => {
  it('opens one isolated, sandboxed window with the preload and loads the built renderer', async () => {
    await launch();
    expect(fake.state.windows).toHaveLength(1);
    const window = fake.state.windows[0]!;
    expect(window.options).toMatchObject({ width: 1280, height: 800, minWidth: 1024, minHeight: 700 });
    expect(window.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: expect.stringMatching(/preload[\\/]index\.js$/),
    });
    expect(fake.state.handled.sort()).toEqual(Object.values(BRIDGE_CHANNELS).sort());
  });

  it('loads the renderer from app://outpost/, a privileged scheme registered before ready and served from the renderer folder', async () => {
    await launch();
    expect(fake.state.windows[0]!.loaded).toEqual(['app://outpost/index.html']);
    expect(fake.state.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(fake.state.calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(fake.state.calls.indexOf('whenReady'));
    // The handler serves the renderer folder next to main's (here app/renderer, the source of the build) with the CSP.
    const handler = fake.state.protocols.get('app')!;
    const page = await handler(new Request('app://outpost/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<div id="root">');
    expect((await handler(new Request('app://outpost/..%2fmain%2findex.ts'))).status).toBe(400);
    expect((await handler(new Request('app://outpost/nothing.js'))).status).toBe(404);
  });

  it('focuses the existing window when a second instance starts', async () => {
    await launch();
    const window = fake.state.windows[0]!;
    window.minimized = true;
    fake.state.appEvents.emit('second-instance');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(1);
  });

  it('quits without opening a window when another instance holds the lock', async () => {
    fake.state.lock = false;
    await launch();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.state.quit).toBe(1);
    expect(fake.state.windows).toHaveLength(0);
  });

  it.skipIf(process.platform === 'darwin')('saves the window bounds under userData before quitting', async () => {
    await launch();
    fake.state.windows[0]!.emit('close');
    fake.state.appEvents.emit('window-all-closed');
    await vi.waitFor(() => expect(fake.state.quit).toBe(1));
    const file = join(fake.state.userData, 'window-state.json');
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 0, y: 0, width: 1280, height: 800, isMaximized: false });
  });

  it('hardens every web contents the app creates', async () => {
    await launch();
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    fake.state.appEvents.emit('web-contents-created', {}, contents);
    const prevented = (url: string) => {
      let stopped = false;
      contents.emit('will-navigate', { url, preventDefault: () => (stopped = true) });
      return stopped;
    };
    expect(prevented('https://evil.example/')).toBe(true);
    expect(prevented('file:///opt/Outpost/out/renderer/index.html')).toBe(true);
    expect(prevented('app://outpost/index.html#/accounts')).toBe(false);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
  });
});
