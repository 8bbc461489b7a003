/**
 * The zod-free half of the bridge contract: the interface, its data shapes and the IPC channel names. The Electron
 * preload imports only this, so it stays a few hundred bytes; `contract.ts` adds the schemas that validate every
 * argument (main process, browser host) and re-exports all of this, so there is still one contract.
 */
import type { Role } from '../sync/access-policy';

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
  /**
   * Connect the CSM's external calendar (Google or CalDAV) in the host, or disconnect it with `null`. Credentials stay
   * in the host (Electron main; the browser host's Node server), never in the page's storage.
   */
  calendarConnect(request: CalendarConnectRequest | null): Promise<CalendarConnectionStatus>;
  /** One call to the connected calendar provider (common/calendar/provider.ts); failures come back as values. */
  calendarCall(request: CalendarCallRequest): Promise<CalendarCallResult>;
  /**
   * Print the page as it is now laid out for print (the app's print layout) to a PDF: Electron's printToPDF and a save
   * dialog in the app, the browser's print dialog ("Save as PDF") in the browser host.
   */
  exportPdf(request: ExportPdfRequest): Promise<SaveFileResult>;
}

export interface ExportPdfRequest {
  /** A file name, not a path, ending in .pdf. */
  suggestedName: string;
  landscape?: boolean | undefined;
}

export type CalendarConnectRequest =
  | {
      provider: 'google';
      clientId: string;
      clientSecret?: string | undefined;
      refreshToken: string;
      calendarId: string;
      /** Google's API root; set only to reach a local stand-in (tests). */
      rootUrl?: string | undefined;
      tokenUrl?: string | undefined;
    }
  /**
   * Google through the desktop sign-in (loopback redirect with PKCE, run by the host): the host opens Google's consent
   * page in the CSM's browser and keeps the refresh token it receives; the page never sees it. Electron only.
   */
  | {
      provider: 'google-sign-in';
      clientId: string;
      clientSecret?: string | undefined;
      calendarId: string;
      rootUrl?: string | undefined;
      tokenUrl?: string | undefined;
      /** Google's consent page; set only to reach a local stand-in (tests). */
      authUrl?: string | undefined;
    }
  | { provider: 'caldav'; calendarUrl: string; username: string; password: string };

export interface CalendarConnectionStatus {
  connected: boolean;
  provider?: 'google' | 'caldav';
  label?: string;
}

export interface CalendarDraftWire {
  activityId: string;
  title: string;
  description: string;
  start: string;
  end: string;
  timeZone: string;
  attendees: { name: string; email: string; contactId?: string | undefined }[];
  accountId?: string | undefined;
  meetingType?: 'qbr' | 'onboarding' | 'training' | 'executive_review' | 'renewal' | 'check_in' | undefined;
  cancelled?: boolean | undefined;
}

export type CalendarCallRequest =
  | { op: 'status' }
  | { op: 'sync'; syncToken?: string | undefined }
  | { op: 'get'; eventId: string }
  | { op: 'create'; draft: CalendarDraftWire }
  | { op: 'update'; eventId: string; draft: CalendarDraftWire; ifMatch?: string | undefined }
  | { op: 'cancel'; eventId: string; ifMatch?: string | undefined };

/** `value` is the provider's answer for the op (SyncResult, RemoteEvent, RemoteEvent | null, status, nothing). */
export type CalendarCallResult =
  | { ok: true; value: unknown }
  | { ok: false; code: 'offline' | 'conflict' | 'not_found' | 'auth' | 'rate_limited' | 'server' | 'invalid' | 'not_connected'; message: string; status?: number | undefined };

export interface AppInfo {
  name: string;
  version: string;
  /** Where the workbench runs; informational (About box, diagnostics), never used to branch behaviour. */
  host: 'electron' | 'browser';
  platform: string;
}

export interface FileFilter {
  name: string;
  /** Without the dot: `csv`, or `*`. */
  extensions: string[];
}

/** What a caller may pass; `contract.ts` checks these equal its schemas' input types. */
export interface OpenFilesRequest {
  title?: string | undefined;
  filters?: FileFilter[] | undefined;
  multiple?: boolean | undefined;
}

export interface OpenedFile {
  name: string;
  /** Bytes on disk; text is decoded as UTF-8. */
  size: number;
  text: string;
}

export interface SaveFileRequest {
  /** A file name, not a path. */
  suggestedName: string;
  content: string;
  filters?: FileFilter[] | undefined;
}

export interface SaveFileResult {
  saved: boolean;
  /** Where it was written, when the host knows (Electron); the browser host only knows the file name. */
  location?: string;
}

export interface DesktopNotification {
  title: string;
  body?: string | undefined;
}

/** What the app keeps of a team-sync sign-in: enough to refresh the access token after a restart. */
export interface SyncSession {
  serverUrl: string;
  user: { id: string; email: string; name: string; role: Role; teamId: string | null };
  refreshToken: string;
  accessToken: string;
  /** Epoch ms when the access token expires. */
  accessExpiresAt: number;
}

/** Files larger than this are refused before they are read (a CSV of 50,000 rows is about 10 MB). */
export const MAX_OPEN_FILE_BYTES = 200 * 1024 * 1024;

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
  calendarConnect: 'outpost:calendar-connect',
  calendarCall: 'outpost:calendar-call',
  exportPdf: 'outpost:export-pdf',
} as const satisfies Record<keyof OutpostBridge, string>;

/** The global name under which the preload exposes the bridge (`window.outpost`). */
export const BRIDGE_GLOBAL = 'outpost';
