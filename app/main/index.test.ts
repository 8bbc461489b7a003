import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_CHANNELS } from '../../common/bridge/contract';

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
      whenReady: () => Promise.resolve(),
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
    expect(window.loaded[0]).toMatch(/renderer[\\/]index\.html$/);
    expect(fake.state.handled.sort()).toEqual(Object.values(BRIDGE_CHANNELS).sort());
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
    let prevented = false;
    contents.emit('will-navigate', { url: 'https://evil.example/', preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
  });
});
