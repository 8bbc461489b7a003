import {
  type CalendarCallResult,
  type CalendarConnectionStatus,
  MAX_OPEN_FILE_BYTES,
  type OpenedFile,
  type OutpostBridge,
} from '../../../../common/bridge/channels';

/** The schemas (and zod) load on the first bridge call that takes an argument, not with the first screen. */
const schemas = () => import('../../../../common/bridge/contract');

export const SYNC_SESSION_KEY = 'outpost.sync-session';

/**
 * The bridge for a plain browser: file pickers through a hidden <input type=file>, saving through a download,
 * notifications through the Notification API. Inputs are validated with the same schemas the Electron main process uses.
 */
export function createBrowserHost(doc: Document = document, storage: Storage = sessionStorage): OutpostBridge {
  return {
    async appInfo() {
      return { name: 'Outpost', version: __APP_VERSION__, host: 'browser', platform: navigator.platform || 'web' };
    },

    async openTextFiles(raw) {
      const request = (await schemas()).openFilesRequestSchema.parse(raw);
      const input = doc.createElement('input');
      input.type = 'file';
      input.multiple = request.multiple;
      input.accept = request.filters.flatMap((f) => f.extensions.filter((e) => e !== '*').map((e) => `.${e}`)).join(',');
      input.style.display = 'none';
      doc.body.append(input);
      try {
        const files = await new Promise<File[]>((resolve) => {
          input.addEventListener('change', () => resolve(Array.from(input.files ?? [])), { once: true });
          input.addEventListener('cancel', () => resolve([]), { once: true });
          input.click();
        });
        return await Promise.all(files.map(readFile));
      } finally {
        input.remove();
      }
    },

    async saveTextFile(raw) {
      const request = (await schemas()).saveFileRequestSchema.parse(raw);
      const url = URL.createObjectURL(new Blob([request.content], { type: 'text/csv;charset=utf-8' }));
      const link = doc.createElement('a');
      link.href = url;
      link.download = request.suggestedName;
      doc.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { saved: true, location: request.suggestedName };
    },

    async notify(raw) {
      const { title, body } = (await schemas()).desktopNotificationSchema.parse(raw);
      if (typeof Notification === 'undefined') return;
      if (Notification.permission === 'default') await Notification.requestPermission();
      if (Notification.permission === 'granted') new Notification(title, { body });
    },

    // The browser host keeps the sign-in for this tab's session only: closing the tab signs out.
    async saveSyncSession(raw) {
      storage.setItem(SYNC_SESSION_KEY, JSON.stringify((await schemas()).syncSessionSchema.parse(raw)));
    },

    async loadSyncSession() {
      const kept = storage.getItem(SYNC_SESSION_KEY);
      // Signed out (the usual cold start): answered without loading the schemas.
      if (kept === null) return null;
      const { syncSessionSchema } = await schemas();
      try {
        const parsed = syncSessionSchema.safeParse(JSON.parse(kept));
        if (parsed.success) return parsed.data;
      } catch {
        // fall through: unreadable, treat as signed out
      }
      storage.removeItem(SYNC_SESSION_KEY);
      return null;
    },

    async clearSyncSession() {
      storage.removeItem(SYNC_SESSION_KEY);
    },

    // The calendar providers run in the browser host's Node server (app/host/calendar-routes.ts), same origin.
    async calendarConnect(raw) {
      const request = raw === null ? null : (await schemas()).calendarConnectRequestSchema.parse(raw);
      return (await postCalendar('connect', request)) as CalendarConnectionStatus;
    },

    async calendarCall(raw) {
      const request = (await schemas()).calendarCallRequestSchema.parse(raw);
      try {
        return (await postCalendar('call', request)) as CalendarCallResult;
      } catch (error) {
        // The page is offline (or the host is gone): the caller keeps its changes queued.
        return { ok: false, code: 'offline', message: `The calendar cannot be reached: ${error instanceof Error ? error.message : String(error)}` };
      }
    },

    // The browser's own print dialog, from the same print layout; the person picks "Save as PDF" there.
    async exportPdf(raw) {
      const request = (await schemas()).exportPdfRequestSchema.parse(raw);
      const title = doc.title;
      doc.title = request.suggestedName.replace(/\.pdf$/i, '');
      try {
        doc.defaultView?.print();
      } finally {
        doc.title = title;
      }
      return { saved: true, location: request.suggestedName };
    },
  };
}

async function postCalendar(path: 'connect' | 'call', body: unknown): Promise<unknown> {
  const response = await fetch(`/api/calendar/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json()) as unknown;
  if (!response.ok) throw new Error((answer as { message?: string }).message ?? `HTTP ${response.status}`);
  return answer;
}

async function readFile(file: File): Promise<OpenedFile> {
  if (file.size > MAX_OPEN_FILE_BYTES) {
    throw new Error(`${file.name} is ${Math.round(file.size / 1e6)} MB; the limit is ${MAX_OPEN_FILE_BYTES / 1e6} MB`);
  }
  return { name: file.name, size: file.size, text: await file.text() };
}
