import { z } from 'zod';
import { ROLES } from '../sync/access-policy';

/**
 * The one contract between the renderer and its host. The Electron preload implements it over IPC
 * (app/preload), the browser host implements it with web APIs (app/renderer/src/host/browser-host.ts);
 * the renderer only ever sees `OutpostBridge`.
 */
export interface OutpostBridge {
  appInfo(): Promise<AppInfo>;
  /** Ask the person to pick files; resolves to their text contents, or `[]` when they cancel. */
  openTextFiles(request: OpenFilesRequest): Promise<OpenedFile[]>;
  /** Ask where to save `content`; resolves to whether it was written. */
  saveTextFile(request: SaveFileRequest): Promise<SaveFileResult>;
  notify(notification: DesktopNotification): Promise<void>;
  /** Keep the team-sync sign-in (encrypted with safeStorage in Electron, sessionStorage in the browser host). */
  saveSyncSession(session: SyncSession): Promise<void>;
  /** The kept sign-in, or null when signed out (or what was kept can no longer be read). */
  loadSyncSession(): Promise<SyncSession | null>;
  clearSyncSession(): Promise<void>;
}

export interface AppInfo {
  name: string;
  version: string;
  /** Where the workbench runs; informational (About box, diagnostics), never used to branch behaviour. */
  host: 'electron' | 'browser';
  platform: string;
}

const fileFilter = z.object({
  name: z.string().min(1).max(100),
  extensions: z.array(z.string().regex(/^[A-Za-z0-9*]{1,16}$/, 'extension must be alphanumeric, without a dot')).max(20),
});

export const openFilesRequestSchema = z.object({
  title: z.string().max(200).optional(),
  filters: z.array(fileFilter).max(10).default([]),
  multiple: z.boolean().default(false),
});
export type OpenFilesRequest = z.input<typeof openFilesRequestSchema>;

export interface OpenedFile {
  name: string;
  /** Bytes on disk; text is decoded as UTF-8. */
  size: number;
  text: string;
}

/** Files larger than this are refused before they are read (a CSV of 50,000 rows is about 10 MB). */
export const MAX_OPEN_FILE_BYTES = 200 * 1024 * 1024;

export const saveFileRequestSchema = z.object({
  suggestedName: z
    .string()
    .min(1)
    .max(255)
    .refine((n) => !/[\\/]/.test(n), 'suggestedName must be a file name, not a path'),
  content: z.string().max(MAX_OPEN_FILE_BYTES),
  filters: z.array(fileFilter).max(10).default([]),
});
export type SaveFileRequest = z.input<typeof saveFileRequestSchema>;

export interface SaveFileResult {
  saved: boolean;
  /** Where it was written, when the host knows (Electron); the browser host only knows the file name. */
  location?: string;
}

export const desktopNotificationSchema = z.object({
  title: z.string().min(1).max(200),
  body: z.string().max(2000).default(''),
});
export type DesktopNotification = z.input<typeof desktopNotificationSchema>;

/** What the app keeps of a team-sync sign-in: enough to refresh the access token after a restart. */
export const syncSessionSchema = z
  .object({
    serverUrl: z
      .string()
      .max(2048)
      .url()
      .refine((url) => /^https?:\/\//.test(url), 'serverUrl must be an http(s) URL'),
    user: z.object({
      id: z.string().min(1).max(128),
      email: z.string().max(254),
      name: z.string().max(200),
      role: z.enum(ROLES),
      teamId: z.string().max(128).nullable(),
    }),
    refreshToken: z.string().min(1).max(4096),
    accessToken: z.string().min(1).max(4096),
    /** Epoch ms when the access token expires. */
    accessExpiresAt: z.number().int().nonnegative(),
  })
  .strict();
export type SyncSession = z.infer<typeof syncSessionSchema>;

/** IPC channel names; every one starts with this prefix and the main process rejects any other. */
export const BRIDGE_CHANNEL_PREFIX = 'outpost:';
export const BRIDGE_CHANNELS = {
  appInfo: 'outpost:app-info',
  openTextFiles: 'outpost:open-text-files',
  saveTextFile: 'outpost:save-text-file',
  notify: 'outpost:notify',
  saveSyncSession: 'outpost:save-sync-session',
  loadSyncSession: 'outpost:load-sync-session',
  clearSyncSession: 'outpost:clear-sync-session',
} as const satisfies Record<keyof OutpostBridge, string>;

/** The global name under which the preload exposes the bridge (`window.outpost`). */
export const BRIDGE_GLOBAL = 'outpost';
