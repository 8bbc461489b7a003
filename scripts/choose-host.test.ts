import { describe, expect, it, vi } from 'vitest';
import { chooseHost } from './choose-host.mjs';

const available = async () => ({ available: true });
const unavailable = async () => ({ available: false, reason: 'download timed out' });
const desktop = { DISPLAY: ':0' };

describe('chooseHost', () => {
  it('uses Electron when its binary is available and there is a display', async () => {
    expect(await chooseHost({ env: desktop, platform: 'linux', probeElectron: available })).toMatchObject({ host: 'electron' });
    expect(await chooseHost({ env: {}, platform: 'darwin', probeElectron: available })).toMatchObject({ host: 'electron' });
    expect(await chooseHost({ env: { WAYLAND_DISPLAY: 'wayland-0' }, platform: 'linux', probeElectron: available })).toMatchObject({
      host: 'electron',
    });
  });

  it('falls back to the browser when Electron cannot be downloaded, saying why', async () => {
    const choice = await chooseHost({ env: desktop, platform: 'win32', probeElectron: unavailable });
    expect(choice.host).toBe('browser');
    expect(choice.reason).toContain('download timed out');
  });

  it('uses the browser without probing when OUTPOST_HOST=browser', async () => {
    const probe = vi.fn(available);
    expect(await chooseHost({ env: { ...desktop, OUTPOST_HOST: 'Browser' }, platform: 'darwin', probeElectron: probe })).toEqual({
      host: 'browser',
      reason: 'OUTPOST_HOST=browser',
    });
    expect(probe).not.toHaveBeenCalled();
  });

  it('uses the browser without probing on Linux with no display server', async () => {
    const probe = vi.fn(available);
    const choice = await chooseHost({ env: {}, platform: 'linux', probeElectron: probe });
    expect(choice.host).toBe('browser');
    expect(choice.reason).toMatch(/no display server/);
    expect(probe).not.toHaveBeenCalled();
  });

  it('honours OUTPOST_HOST=electron even without a display', async () => {
    expect(await chooseHost({ env: { OUTPOST_HOST: 'electron' }, platform: 'linux', probeElectron: unavailable })).toMatchObject({
      host: 'electron',
    });
  });

  it('rejects an unknown OUTPOST_HOST', async () => {
    await expect(chooseHost({ env: { OUTPOST_HOST: 'tauri' }, platform: 'linux', probeElectron: available })).rejects.toThrow(
      /OUTPOST_HOST must be "electron" or "browser", got "tauri"/,
    );
  });
});
