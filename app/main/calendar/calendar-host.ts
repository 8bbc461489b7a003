import type { CalendarCallRequest, CalendarCallResult, CalendarConnectRequest, CalendarConnectionStatus } from '../../../common/bridge/channels';
import { CalendarProviderError, type CalendarProvider } from '../../../common/calendar/provider';
import { createCalDavProvider } from './caldav-provider';
import type { CalendarConnectionStore, KeptCalendarConnection } from './calendar-connection-store';
import { createGoogleCalendarProvider, DEFAULT_RETRY, type RetryPolicy } from './google-provider';
import { checkGoogleEndpoints, type GoogleEndpointPolicy } from './google-endpoints';
import { signInWithGoogle } from './google-sign-in';

export interface CalendarHostOptions {
  /**
   * Opens Google's consent page in the CSM's browser for the desktop sign-in (Electron: shell.openExternal behind
   * httpsOnly). Without it (the browser host) "google-sign-in" is refused and Google is connected with a refresh token.
   */
  openBrowser?: ((url: string) => Promise<void>) | undefined;
  signInTimeoutMs?: number | undefined;
  /** Which Google endpoints a connect request may name (google-endpoints.ts); 'any' unless given. */
  googleEndpoints?: GoogleEndpointPolicy | undefined;
}

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
  /** The sign-in under way, cancelled when another connect arrives. */
  private signingIn: AbortController | undefined;

  constructor(
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly store?: CalendarConnectionStore,
    private readonly options: CalendarHostOptions = {},
  ) {}

  /**
   * Connects (and keeps the connection in the store), or disconnects with null (and forgets it). "google-sign-in"
   * first runs the desktop sign-in and then connects and keeps the Google connection it yields (its refresh token).
   */
  async connect(request: CalendarConnectRequest | null): Promise<CalendarConnectionStatus> {
    checkGoogleEndpoints(request, this.options.googleEndpoints ?? 'any');
    this.signingIn?.abort();
    this.signingIn = undefined;
    const connection = request?.provider === 'google-sign-in' ? await this.signIn(request) : request;
    this.restored = Promise.resolve();
    const status = this.use(connection);
    if (connection) await this.store?.save(connection);
    else await this.store?.clear();
    return status;
  }

  private async signIn(request: Extract<CalendarConnectRequest, { provider: 'google-sign-in' }>): Promise<KeptCalendarConnection> {
    const openBrowser = this.options.openBrowser;
    if (!openBrowser) {
      throw new CalendarProviderError('invalid', 'Sign in with Google runs in the desktop app; here, connect Google with an OAuth client id and a refresh token');
    }
    const abort = new AbortController();
    this.signingIn = abort;
    try {
      const tokens = await signInWithGoogle({
        clientId: request.clientId,
        clientSecret: request.clientSecret,
        authUrl: request.authUrl,
        tokenUrl: request.tokenUrl,
        openBrowser,
        timeoutMs: this.options.signInTimeoutMs,
        signal: abort.signal,
      });
      return {
        provider: 'google',
        clientId: request.clientId,
        ...(request.clientSecret ? { clientSecret: request.clientSecret } : {}),
        refreshToken: tokens.refreshToken,
        calendarId: request.calendarId,
        ...(request.rootUrl ? { rootUrl: request.rootUrl } : {}),
        ...(request.tokenUrl ? { tokenUrl: request.tokenUrl } : {}),
      };
    } finally {
      if (this.signingIn === abort) this.signingIn = undefined;
    }
  }

  /** The connection kept from an earlier run, read once on first use. */
  private restore(): Promise<void> {
    this.restored ??= (async () => {
      const kept = await this.store?.load();
      if (kept) this.use(kept);
    })();
    return this.restored;
  }

  private use(request: KeptCalendarConnection | null): CalendarConnectionStatus {
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
