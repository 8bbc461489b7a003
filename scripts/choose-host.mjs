// Which host `npm start` runs: Electron when it can, otherwise the browser host. Pure apart from the injected probe.

export const HOSTS = /** @type {const} */ (['electron', 'browser']);

/**
 * @param {{
 *   env: Record<string, string | undefined>,
 *   platform: string,
 *   probeElectron: () => Promise<{ available: boolean, reason?: string }>,
 * }} facts
 * @returns {Promise<{ host: 'electron' | 'browser', reason: string }>}
 */
export async function chooseHost({ env, platform, probeElectron }) {
  const requested = env.OUTPOST_HOST?.trim().toLowerCase();
  if (requested && !HOSTS.includes(/** @type {any} */ (requested))) {
    throw new Error(`OUTPOST_HOST must be "electron" or "browser", got "${env.OUTPOST_HOST}"`);
  }
  if (requested === 'browser') return { host: 'browser', reason: 'OUTPOST_HOST=browser' };
  if (requested === 'electron') return { host: 'electron', reason: 'OUTPOST_HOST=electron' };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { host: 'browser', reason: 'no display server (DISPLAY and WAYLAND_DISPLAY are unset), so Electron cannot open a window' };
  }
  const electron = await probeElectron();
  if (!electron.available) {
    return { host: 'browser', reason: `the Electron binary is not available (${electron.reason ?? 'unknown reason'})` };
  }
  return { host: 'electron', reason: 'the Electron binary is available' };
}
