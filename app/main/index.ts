import { join } from 'node:path';
import * as fs from 'node:fs/promises';
import { app, BrowserWindow, dialog, Notification, protocol, screen, session, shell } from 'electron';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { createBridgeHandlers } from './ipc-handlers';
import { registerBridgeIpc } from './register-ipc';
import { electronCipher } from './safe-storage';
import { createSyncSessionStore } from './sync-session-store';
import { CalendarHost } from './calendar/calendar-host';
import { createCalendarConnectionStore } from './calendar/calendar-connection-store';
import { httpsOnly } from './calendar/google-sign-in';
import { createAppUrlCheck, hardenSession, installWebContentsHardening } from './security';
import { carryFileOriginStorage } from './origin-storage';
import { createWindowStateStore, fitWindowState, WINDOW_DEFAULTS, type WindowStateStore } from './window-state';

// electron-vite sets this while `electron-vite dev` serves the renderer; packaged and preview builds load the built
// renderer folder through the app:// protocol (app-protocol.ts), never file://.
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const rendererFolder = join(__dirname, '../renderer');
const appUrl = devServerUrl ?? APP_INDEX_URL;
const isAppUrl = createAppUrlCheck(appUrl);

// A privileged scheme must be registered before the app is ready.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  installWebContentsHardening({ isAppUrl });
  app.whenReady().then(start, (error: unknown) => {
    console.error('Outpost failed to start:', error);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, CONTENT_SECURITY_POLICY);
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: rendererFolder, files: fs, contentSecurityPolicy: CONTENT_SECURITY_POLICY }));
  const windowState = createWindowStateStore({ fs, path: { join }, directory: app.getPath('userData') });

  registerBridgeIpc(
    createBridgeHandlers({
      appInfo: { name: app.getName(), version: app.getVersion(), platform: process.platform },
      showOpenDialog: async ({ title, filters, multiple }) => {
        const properties: ('openFile' | 'multiSelections')[] = multiple ? ['openFile', 'multiSelections'] : ['openFile'];
        const options = { filters, properties, ...(title === undefined ? {} : { title }) };
        return mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options);
      },
      showSaveDialog: async ({ defaultName, filters }) => {
        const options = { defaultPath: join(app.getPath('documents'), defaultName), filters };
        return mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options);
      },
      notify: ({ title, body }) => {
        if (Notification.isSupported()) new Notification({ title, body }).show();
      },
      printToPdf: async ({ landscape }) => {
        if (!mainWindow) throw new Error('No window to print');
        return new Uint8Array(await mainWindow.webContents.printToPDF({ printBackground: true, landscape, pageSize: 'A4' }));
      },
      syncSessions: createSyncSessionStore({ file: join(app.getPath('userData'), 'sync-session.bin'), cipher: electronCipher(), fs }),
      calendar: new CalendarHost(undefined, createCalendarConnectionStore({ file: join(app.getPath('userData'), 'calendar-connection.bin'), cipher: electronCipher(), fs }), {
        // Google's desktop sign-in opens the consent page in the CSM's own browser, https pages only.
        openBrowser: httpsOnly((url) => shell.openExternal(url)),
        // Only Google's own endpoints, so a page cannot send a code or token elsewhere (the e2e stand-in needs the flag).
        googleEndpoints: process.env.OUTPOST_CALENDAR_TEST_ENDPOINTS === '1' ? 'any' : 'google-only',
      }),
    }),
    { getWindow: () => mainWindow, isAppUrl },
  );

  // The local book moves with the origin (file:// before app:// was used); a failed copy leaves it where it was.
  if (!devServerUrl) await carryFileOriginStorage(app.getPath('userData'), fs).catch((error: unknown) => console.error('Outpost could not carry the local book to app://:', error));
  await openMainWindow(windowState);
  // Quit only after the last window position is on disk; the debounced write may still be pending.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') void windowState.flush().finally(() => app.quit());
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openMainWindow(windowState);
  });
}

async function openMainWindow(windowState: WindowStateStore): Promise<void> {
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea);
  const state = fitWindowState(await windowState.load(), workAreas);
  const window = new BrowserWindow({
    ...state,
    minWidth: WINDOW_DEFAULTS.minWidth,
    minHeight: WINDOW_DEFAULTS.minHeight,
    show: false,
    title: 'Outpost',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: true,
    },
  });
  mainWindow = window;
  if (state.isMaximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  const remember = () => {
    if (window.isDestroyed() || window.isMinimized()) return;
    windowState.save({ ...window.getNormalBounds(), isMaximized: window.isMaximized() });
  };
  window.on('resize', remember);
  window.on('move', remember);
  window.on('maximize', remember);
  window.on('unmaximize', remember);
  window.on('close', () => {
    remember();
    void windowState.flush();
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });

  await window.loadURL(appUrl);
}
