import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_CHANNELS, BRIDGE_GLOBAL } from '../../common/bridge/contract';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args })),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: { invoke: electron.invoke, send: vi.fn(), on: vi.fn() },
}));

describe('preload', () => {
  it('exposes only the bridge, under its global name, with exactly the contract methods', async () => {
    await import('./index');
    expect([...electron.exposed.keys()]).toEqual([BRIDGE_GLOBAL]);
    const bridge = electron.exposed.get(BRIDGE_GLOBAL) as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual(Object.keys(BRIDGE_CHANNELS).sort());
    for (const method of Object.values(bridge)) expect(typeof method).toBe('function');
  });

  it('forwards each call to its channel with the argument unchanged', async () => {
    await import('./index');
    const bridge = electron.exposed.get(BRIDGE_GLOBAL) as Record<keyof typeof BRIDGE_CHANNELS, (arg?: unknown) => Promise<unknown>>;
    const request = { suggestedName: 'a.csv', content: 'x' };
    expect(await bridge.saveTextFile(request)).toEqual({ channel: BRIDGE_CHANNELS.saveTextFile, args: [request] });
    expect(await bridge.openTextFiles({ multiple: true })).toEqual({ channel: BRIDGE_CHANNELS.openTextFiles, args: [{ multiple: true }] });
    expect(await bridge.notify({ title: 't' })).toEqual({ channel: BRIDGE_CHANNELS.notify, args: [{ title: 't' }] });
    expect(await bridge.appInfo()).toEqual({ channel: BRIDGE_CHANNELS.appInfo, args: [] });
    expect(await bridge.saveSyncSession({ refreshToken: 'r' })).toEqual({ channel: BRIDGE_CHANNELS.saveSyncSession, args: [{ refreshToken: 'r' }] });
    expect(await bridge.loadSyncSession()).toEqual({ channel: BRIDGE_CHANNELS.loadSyncSession, args: [] });
    expect(await bridge.clearSyncSession()).toEqual({ channel: BRIDGE_CHANNELS.clearSyncSession, args: [] });
    expect(await bridge.exportPdf({ suggestedName: 'd.pdf' })).toEqual({ channel: BRIDGE_CHANNELS.exportPdf, args: [{ suggestedName: 'd.pdf' }] });
  });
});
