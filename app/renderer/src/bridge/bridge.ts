import { BRIDGE_GLOBAL, type OutpostBridge } from '../../../../common/bridge/channels';
import { createBrowserHost } from './browser-host';

declare global {
  interface Window {
    [BRIDGE_GLOBAL]?: OutpostBridge;
  }
}

let bridge: OutpostBridge | undefined;

/** The host bridge: the Electron preload's when present, else the browser host's. Callers never ask which. */
export function getBridge(): OutpostBridge {
  bridge ??= window[BRIDGE_GLOBAL] ?? createBrowserHost();
  return bridge;
}
