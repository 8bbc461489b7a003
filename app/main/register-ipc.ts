import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { BRIDGE_CHANNEL_PREFIX } from '../../common/bridge/contract';

export type IpcHandler = (input: unknown) => Promise<unknown>;

export interface RegisterIpcOptions {
  /** The one window whose main frame may call the bridge. */
  getWindow: () => BrowserWindow | null;
  isAppUrl: (url: string) => boolean;
}

/** Whether an invoke came from our window's top-level frame while it shows the app (not an iframe, not another window). */
export function isTrustedSender(event: IpcMainInvokeEvent, options: RegisterIpcOptions): boolean {
  const window = options.getWindow();
  const frame = event.senderFrame;
  if (!window || window.isDestroyed() || !frame) return false;
  return event.sender === window.webContents && frame === window.webContents.mainFrame && options.isAppUrl(frame.url);
}

/**
 * Serve each handler on its channel with ipcMain.handle. Channels outside the bridge's namespace are refused at
 * registration; calls from any other sender are rejected. Returns a function that removes the handlers.
 */
export function registerBridgeIpc(handlers: Readonly<Record<string, IpcHandler>>, options: RegisterIpcOptions): () => void {
  const channels = Object.keys(handlers);
  const foreign = channels.filter((channel) => !channel.startsWith(BRIDGE_CHANNEL_PREFIX));
  if (foreign.length > 0) {
    throw new Error(`Refusing IPC channels outside "${BRIDGE_CHANNEL_PREFIX}": ${foreign.join(', ')}`);
  }
  for (const channel of channels) {
    const handler = handlers[channel]!;
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!isTrustedSender(event, options)) {
        throw new Error(`${channel} refused: the sender is not the Outpost window's main frame`);
      }
      return handler(input);
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
