import type { CalendarCallRequest, CalendarCallResult, CalendarConnectRequest, CalendarConnectionStatus } from '../../../common/bridge/channels';
import { CalendarProviderError, type CalendarProvider } from '../../../common/calendar/provider';
import { createCalDavProvider } from './caldav-provider';
import type { CalendarConnectionStore } from './calendar-connection-store';
import { createGoogleCalendarProvider, DEFAULT_RETRY, type RetryPolicy } from './google-provider';

/**
 * The host side of the calendar bridge, the same in Electron main (IPC) and the browser host's Node server (HTTP):
 * it holds the connected provider and runs one provider call per bridge call, answering failures as values so the
 * page can tell "offline, keep it queued" from "refused". Credentials are kept in memory for the run and, when a
 * store is given (Electron: safeStorage), across restarts.
 */
export class CalendarHost {
  private provider: CalendarProvider | undefined;
  private status: CalendarConnectionStatus = { connected: false };

  private restored: Promise<void> | undefined;

  constructor(
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly store?: CalendarConnectionStore,
  ) {}

  /** Connects (and keeps the connection in the store), or disconnects with null (and forgets it). */
  async connect(request: CalendarConnectRequest | null): Promise<CalendarConnectionStatus> {
    this.restored = Promise.resolve();
    const status = this.use(request);
    if (request) await this.store?.save(request);
    else await this.store?.clear();
    return status;
  }

  /** The connection kept from an earlier run, read once on first use. */
  private restore(): Promise<void> {
    this.restored ??= (async () => {
      const kept = await this.store?.load();
      if (kept) this.use(kept);
    })();
    return this.restored;
  }

  private use(request: CalendarConnectRequest | null): CalendarConnectionStatus {
    if (!request) {
      this.provider = undefined;
      this.status = { connected: false };
    } else if (request.provider === 'google') {
      this.provider = createGoogleCalendarProvider(request, this.retry);
      this.status = { connected: true, provider: 'google', label: `Google Calendar (${request.calendarId})` };
    } else {
      this.provider = createCalDavProvider(request);
      this.status = { connected: true, provider: 'caldav', label: `CalDAV (${new URL(request.calendarUrl).host})` };
    }
    return this.status;
  }

  async call(request: CalendarCallRequest): Promise<CalendarCallResult> {
    await this.restore();
    if (request.op === 'status') return { ok: true, value: this.status };
    const provider = this.provider;
    if (!provider) return { ok: false, code: 'not_connected', message: 'No calendar is connected (Calendar → Connect a calendar).' };
    try {
      switch (request.op) {
        case 'sync':
          return { ok: true, value: await provider.sync(request.syncToken) };
        case 'get':
          return { ok: true, value: await provider.get(request.eventId) };
        case 'create':
          return { ok: true, value: await provider.create(request.draft) };
        case 'update':
          return { ok: true, value: await provider.update(request.eventId, request.draft, request.ifMatch) };
        case 'cancel':
          await provider.cancel(request.eventId, request.ifMatch);
          return { ok: true, value: null };
      }
    } catch (error) {
      if (error instanceof CalendarProviderError) return { ok: false, code: error.code, message: error.message, ...(error.status ? { status: error.status } : {}) };
      return { ok: false, code: 'invalid', message: error instanceof Error ? error.message : String(error) };
    }
  }
}
