import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { OAuth2Client } from 'google-auth-library';
import type { GaxiosError } from 'gaxios';
import { CalendarProviderError, type CalendarProvider, type EventDraft, type ProviderErrorCode, type RemoteEvent, type SyncResult } from '../../../common/calendar/provider';

/** A Google Calendar the CSM connected: the OAuth client and refresh token, and which calendar to use. */
export interface GoogleConnection {
  clientId: string;
  clientSecret?: string | undefined;
  refreshToken: string;
  calendarId: string;
  /** Google's API root, `https://www.googleapis.com/` unless pointed elsewhere (our tests: a local server). */
  rootUrl?: string | undefined;
  /** Google's token endpoint, `https://oauth2.googleapis.com/token` unless pointed elsewhere. */
  tokenUrl?: string | undefined;
}

export interface RetryPolicy {
  /** Attempts after the first for 429 and 5xx answers (and lost connections). */
  retries: number;
  /** First back-off; doubles each attempt (a Retry-After header, when sent, is honoured instead). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Google requires event ids of base32hex characters (a-v, 0-9), 5-1024 long; hex of the activity id is one. */
export function googleEventId(activityId: string): string {
  return `op${Buffer.from(activityId, 'utf8').toString('hex')}`.replace(/[^a-v0-9]/g, '0');
}

function eventBody(draft: EventDraft, id?: string): calendar_v3.Schema$Event {
  return {
    ...(id ? { id } : {}),
    summary: draft.title,
    description: draft.description,
    start: { dateTime: draft.start, timeZone: draft.timeZone },
    end: { dateTime: draft.end, timeZone: draft.timeZone },
    attendees: draft.attendees.map((a) => ({ email: a.email, displayName: a.name })),
    status: draft.cancelled ? 'cancelled' : 'confirmed',
    extendedProperties: {
      private: {
        outpostActivityId: draft.activityId,
        ...(draft.accountId ? { outpostAccountId: draft.accountId } : {}),
        ...(draft.meetingType ? { outpostMeetingType: draft.meetingType } : {}),
      },
    },
  };
}

export function remoteOfGoogle(event: calendar_v3.Schema$Event): RemoteEvent {
  const allDay = Boolean(event.start?.date);
  const instant = (t: calendar_v3.Schema$EventDateTime | undefined) => (allDay ? (t?.date ?? '') : t?.dateTime ? new Date(t.dateTime).toISOString() : '');
  return {
    id: event.id ?? '',
    etag: event.etag ?? '',
    status: event.status === 'cancelled' ? 'cancelled' : event.status === 'tentative' ? 'tentative' : 'confirmed',
    title: event.summary ?? '',
    description: event.description ?? '',
    allDay,
    start: instant(event.start),
    end: instant(event.end),
    timeZone: event.start?.timeZone ?? undefined,
    transparent: event.transparency === 'transparent',
    focus: event.eventType === 'focusTime',
    attendees: (event.attendees ?? []).filter((a) => a.email).map((a) => ({ email: a.email!, name: a.displayName ?? a.email! })),
    updated: event.updated ? new Date(event.updated).toISOString() : new Date(0).toISOString(),
    activityId: event.extendedProperties?.private?.['outpostActivityId'] ?? undefined,
  };
}

function codeFor(status: number | undefined): ProviderErrorCode {
  if (status === undefined) return 'offline';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'invalid';
}

/** Turns googleapis' errors into the provider error the rest of Outpost understands. */
export function providerError(error: unknown): CalendarProviderError {
  if (error instanceof CalendarProviderError) return error;
  const gaxios = error as Partial<GaxiosError> & { status?: number };
  const status = gaxios.response?.status ?? gaxios.status;
  const data = gaxios.response?.data as { error?: { message?: string } | string; error_description?: string } | undefined;
  const detail = typeof data?.error === 'object' ? data.error.message : (data?.error_description ?? data?.error);
  // The token endpoint answers 400 invalid_grant for a revoked or expired refresh token: the CSM must sign in again.
  const code = data?.error === 'invalid_grant' ? 'auth' : codeFor(typeof status === 'number' ? status : undefined);
  const message = code === 'offline' ? `Google Calendar cannot be reached (${gaxios.message ?? 'network error'})` : `Google Calendar answered ${status}: ${detail ?? gaxios.message ?? ''}`;
  return new CalendarProviderError(code, message, typeof status === 'number' ? status : undefined);
}

function retryAfterMs(error: GaxiosError): number | undefined {
  const header = error.response?.headers?.get?.('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/**
 * Google Calendar through googleapis (`@googleapis/calendar`, the googleapis project's calendar package) with
 * google-auth-library's OAuth2 client: it fetches an access token with the refresh token, renews it before it expires
 * and once more after a 401. 429 and 5xx answers are retried with exponential back-off (or Retry-After) by gaxios;
 * inserts are retried too, safely, because each event's id is derived from its activity (a repeat answers 409).
 */
export function createGoogleCalendarProvider(connection: GoogleConnection, retry: RetryPolicy = DEFAULT_RETRY): CalendarProvider {
  const auth = new OAuth2Client({
    clientId: connection.clientId,
    // Renew on a 401 even when the kept token has not reached its expiry time (revoked, clock skew).
    forceRefreshOnFailure: true,
    ...(connection.clientSecret ? { clientSecret: connection.clientSecret } : {}),
    ...(connection.tokenUrl ? { endpoints: { oauth2TokenUrl: connection.tokenUrl } } : {}),
  });
  auth.setCredentials({ refresh_token: connection.refreshToken });
  const api = calendar({
    version: 'v3',
    auth,
    ...(connection.rootUrl ? { rootUrl: connection.rootUrl.endsWith('/') ? connection.rootUrl : `${connection.rootUrl}/` } : {}),
    retryConfig: {
      retry: retry.retries,
      noResponseRetries: 0,
      retryDelay: retry.baseDelayMs,
      maxRetryDelay: retry.maxDelayMs,
      httpMethodsToRetry: ['GET', 'PUT', 'POST', 'DELETE'],
      statusCodesToRetry: [
        [429, 429],
        [500, 599],
      ],
      retryBackoff: async (error: GaxiosError, defaultBackoffMs: number) => {
        const wait = Math.min(retryAfterMs(error) ?? defaultBackoffMs, retry.maxDelayMs);
        await new Promise((resolve) => setTimeout(resolve, wait));
      },
    },
  });
  const calendarId = connection.calendarId;

  async function call<T>(run: () => Promise<{ data: T }>): Promise<T> {
    try {
      return (await run()).data;
    } catch (error) {
      throw providerError(error);
    }
  }

  return {
    async sync(syncToken?: string): Promise<SyncResult> {
      let token = syncToken;
      let fullResync = !token;
      for (;;) {
        const events: RemoteEvent[] = [];
        let pageToken: string | undefined;
        try {
          for (;;) {
            const page: calendar_v3.Schema$Events = await call(() =>
              api.events.list({ calendarId, maxResults: 250, ...(token ? { syncToken: token } : {}), ...(pageToken ? { pageToken } : {}) }),
            );
            events.push(...(page.items ?? []).map(remoteOfGoogle));
            if (page.nextPageToken) pageToken = page.nextPageToken;
            else return { events, nextSyncToken: page.nextSyncToken ?? '', fullResync };
          }
        } catch (error) {
          // 410 Gone: the server forgot the sync token; the cache must be rebuilt from a full sync.
          if (token && error instanceof CalendarProviderError && error.status === 410) {
            token = undefined;
            fullResync = true;
            continue;
          }
          throw error;
        }
      }
    },

    async get(eventId: string): Promise<RemoteEvent | null> {
      try {
        return remoteOfGoogle(await call(() => api.events.get({ calendarId, eventId })));
      } catch (error) {
        if (error instanceof CalendarProviderError && error.code === 'not_found') return null;
        throw error;
      }
    },

    async create(draft: EventDraft): Promise<RemoteEvent> {
      const id = googleEventId(draft.activityId);
      try {
        return remoteOfGoogle(await call(() => api.events.insert({ calendarId, sendUpdates: 'all', requestBody: eventBody(draft, id) })));
      } catch (error) {
        // 409: an earlier attempt got through but its answer was lost; make the event what Outpost holds now.
        if (error instanceof CalendarProviderError && error.status === 409) {
          return remoteOfGoogle(await call(() => api.events.update({ calendarId, eventId: id, sendUpdates: 'all', requestBody: eventBody(draft) })));
        }
        throw error;
      }
    },

    async update(eventId: string, draft: EventDraft, ifMatch?: string): Promise<RemoteEvent> {
      return remoteOfGoogle(
        await call(() => api.events.update({ calendarId, eventId, sendUpdates: 'all', requestBody: eventBody(draft) }, ifMatch ? { headers: { 'If-Match': ifMatch } } : {})),
      );
    },

    async cancel(eventId: string, ifMatch?: string): Promise<void> {
      try {
        await call(() => api.events.delete({ calendarId, eventId, sendUpdates: 'all' }, ifMatch ? { headers: { 'If-Match': ifMatch } } : {}));
      } catch (error) {
        if (error instanceof CalendarProviderError && error.code === 'not_found') return;
        throw error;
      }
    },
  };
}
