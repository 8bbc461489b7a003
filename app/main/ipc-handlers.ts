import { basename } from 'node:path';
import * as nodeFs from 'node:fs/promises';
import type { z } from 'zod';
import {
  BRIDGE_CHANNELS,
  desktopNotificationSchema,
  exportPdfRequestSchema,
  MAX_OPEN_FILE_BYTES,
  openFilesRequestSchema,
  saveFileRequestSchema,
  syncSessionSchema,
  calendarCallRequestSchema,
  calendarConnectRequestSchema,
  type AppInfo,
  type OpenedFile,
  type OutpostBridge,
  type SaveFileResult,
} from '../../common/bridge/contract';
import { CalendarHost } from './calendar/calendar-host';
import type { SyncSessionStore } from './sync-session-store';

export interface DialogFilter {
  name: string;
  extensions: string[];
}

export interface BridgeHandlerDeps {
  appInfo: Omit<AppInfo, 'host'>;
  /** Electron's dialog.showOpenDialog, reduced to what the bridge needs. */
  showOpenDialog(options: { title?: string; filters: DialogFilter[]; multiple: boolean }): Promise<{
    canceled: boolean;
    filePaths: string[];
  }>;
  showSaveDialog(options: { defaultName: string; filters: DialogFilter[] }): Promise<{ canceled: boolean; filePath?: string }>;
  notify(notification: { title: string; body: string }): void | Promise<void>;
  /** Where the team-sync sign-in is kept (encrypted; see sync-session-store.ts). */
  syncSessions: SyncSessionStore;
  /** The window's webContents.printToPDF: the page in its print layout, as PDF bytes. */
  printToPdf(options: { landscape: boolean }): Promise<Uint8Array>;
  fs?: Pick<typeof nodeFs, 'stat' | 'readFile' | 'writeFile'>;
  maxOpenFileBytes?: number;
  /** The connected external calendar (Google / CalDAV); one per app run. */
  calendar?: CalendarHost;
}

type Channels = typeof BRIDGE_CHANNELS;
/** One handler per IPC channel; each takes the untrusted argument the renderer sent. */
export type BridgeHandlers = {
  [K in keyof OutpostBridge as Channels[K]]: (input: unknown) => ReturnType<OutpostBridge[K]>;
};

/** An IPC argument that failed validation; the message names the channel and each offending field. */
export class BridgeInputError extends Error {
  constructor(
    readonly channel: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(`Invalid input for ${channel}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'BridgeInputError';
  }
}

function validate<S extends z.ZodType>(channel: string, schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new BridgeInputError(
    channel,
    result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(argument)', message: issue.message })),
  );
}

export function createBridgeHandlers(deps: BridgeHandlerDeps): BridgeHandlers {
  const fs = deps.fs ?? nodeFs;
  const maxBytes = deps.maxOpenFileBytes ?? MAX_OPEN_FILE_BYTES;
  const calendar = deps.calendar ?? new CalendarHost();

  async function readTextFile(path: string): Promise<OpenedFile> {
    const { size } = await fs.stat(path);
    const name = basename(path);
    if (size > maxBytes) {
      throw new Error(`${name} is ${(size / 1e6).toFixed(1)} MB; the limit is ${(maxBytes / 1e6).toFixed(1)} MB`);
    }
    return { name, size, text: await fs.readFile(path, 'utf8') };
  }

  return {
    [BRIDGE_CHANNELS.appInfo]: async (): Promise<AppInfo> => ({ ...deps.appInfo, host: 'electron' }),

    [BRIDGE_CHANNELS.openTextFiles]: async (input: unknown): Promise<OpenedFile[]> => {
      const request = validate(BRIDGE_CHANNELS.openTextFiles, openFilesRequestSchema, input ?? {});
      const picked = await deps.showOpenDialog({
        ...(request.title === undefined ? {} : { title: request.title }),
        filters: request.filters,
        multiple: request.multiple,
      });
      if (picked.canceled) return [];
      const paths = request.multiple ? picked.filePaths : picked.filePaths.slice(0, 1);
      const files: OpenedFile[] = [];
      for (const path of paths) files.push(await readTextFile(path));
      return files;
    },

    [BRIDGE_CHANNELS.saveTextFile]: async (input: unknown): Promise<SaveFileResult> => {
      const request = validate(BRIDGE_CHANNELS.saveTextFile, saveFileRequestSchema, input);
      const picked = await deps.showSaveDialog({ defaultName: request.suggestedName, filters: request.filters });
      if (picked.canceled || !picked.filePath) return { saved: false };
      await fs.writeFile(picked.filePath, request.content, 'utf8');
      return { saved: true, location: picked.filePath };
    },

    [BRIDGE_CHANNELS.notify]: async (input: unknown): Promise<void> => {
      const notification = validate(BRIDGE_CHANNELS.notify, desktopNotificationSchema, input);
      await deps.notify(notification);
    },

    [BRIDGE_CHANNELS.saveSyncSession]: async (input: unknown): Promise<void> => {
      await deps.syncSessions.save(validate(BRIDGE_CHANNELS.saveSyncSession, syncSessionSchema, input));
    },

    [BRIDGE_CHANNELS.loadSyncSession]: () => deps.syncSessions.load(),

    [BRIDGE_CHANNELS.clearSyncSession]: () => deps.syncSessions.clear(),

    [BRIDGE_CHANNELS.calendarConnect]: async (input: unknown) =>
      calendar.connect(input === null ? null : validate(BRIDGE_CHANNELS.calendarConnect, calendarConnectRequestSchema, input)),

    [BRIDGE_CHANNELS.calendarCall]: (input: unknown) => calendar.call(validate(BRIDGE_CHANNELS.calendarCall, calendarCallRequestSchema, input)),

    [BRIDGE_CHANNELS.exportPdf]: async (input: unknown): Promise<SaveFileResult> => {
      const request = validate(BRIDGE_CHANNELS.exportPdf, exportPdfRequestSchema, input);
      // Printed before the dialog opens, so the PDF is the layout the person asked for, not what follows it.
      const pdf = await deps.printToPdf({ landscape: request.landscape });
      const picked = await deps.showSaveDialog({ defaultName: request.suggestedName, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
      if (picked.canceled || !picked.filePath) return { saved: false };
      await fs.writeFile(picked.filePath, pdf);
      return { saved: true, location: picked.filePath };
    },
  };
}
