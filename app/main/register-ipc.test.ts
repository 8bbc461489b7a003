import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const ipcMain = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
  return {
    handlers,
    handle: vi.fn((channel: string, handler: (event: unknown, input: unknown) => unknown) => {
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
});
vi.mock('electron', () => ({ ipcMain }));

import { registerBridgeIpc } from './register-ipc';
import { createAppUrlCheck } from './security';

const APP_URL = 'app://outpost/index.html';
const mainFrame = { url: `${APP_URL}#/book` };
const webContents = { mainFrame };
let destroyed = false;
const window = { isDestroyed: () => destroyed, webContents } as unknown as BrowserWindow;
const options = { getWindow: () => window, isAppUrl: createAppUrlCheck(APP_URL) };

function invoke(channel: string, event: unknown, input?: unknown) {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`No handler for ${channel}`);
  return Promise.resolve().then(() => handler(event, input));
}

beforeEach(() => {
  ipcMain.handlers.clear();
  destroyed = false;
  mainFrame.url = `${APP_URL}#/book`;
});

describe('registerBridgeIpc', () => {
  it('answers our window main frame with the handler result', async () => {
    registerBridgeIpc({ 'outpost:echo': async (input) => ({ echoed: input }) }, options);
    expect(await invoke('outpost:echo', { sender: webContents, senderFrame: mainFrame }, 42)).toEqual({ echoed: 42 });
  });

  it('refuses to register a channel outside the outpost: namespace', () => {
    expect(() => registerBridgeIpc({ 'outpost:ok': async () => 1, 'fs:read': async () => 2 }, options)).toThrow(/fs:read/);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it.each([
    ['a subframe', { sender: webContents, senderFrame: { url: APP_URL } }],
    ['another web contents', { sender: { mainFrame }, senderFrame: mainFrame }],
    ['a frame that is gone', { sender: webContents, senderFrame: null }],
  ])('rejects a call from %s', async (_label, event) => {
    const handler = vi.fn(async () => 'secret');
    registerBridgeIpc({ 'outpost:secret': handler }, options);
    await expect(invoke('outpost:secret', event)).rejects.toThrow(/outpost:secret refused: the sender is not/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('rejects our main frame once it shows a foreign page, and any call after the window is destroyed', async () => {
    registerBridgeIpc({ 'outpost:secret': async () => 'secret' }, options);
    const event = { sender: webContents, senderFrame: mainFrame };
    mainFrame.url = 'https://evil.example/';
    await expect(invoke('outpost:secret', event)).rejects.toThrow(/refused/);
    // The renderer file itself is not the app once it is served from app:// (a file:// page is foreign).
    mainFrame.url = 'file:///opt/Outpost/out/renderer/index.html';
    await expect(invoke('outpost:secret', event)).rejects.toThrow(/refused/);
    mainFrame.url = APP_URL;
    await expect(invoke('outpost:secret', event)).resolves.toBe('secret');
    destroyed = true;
    await expect(invoke('outpost:secret', event)).rejects.toThrow(/refused/);
  });

  it('removes its handlers when disposed', () => {
    const dispose = registerBridgeIpc({ 'outpost:a': async () => 1, 'outpost:b': async () => 2 }, options);
    expect([...ipcMain.handlers.keys()]).toEqual(['outpost:a', 'outpost:b']);
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});
