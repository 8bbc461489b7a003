import { createCalendarObject, type DAVCalendar, type DAVCalendarObject, type DAVResponse, fetchCalendarObjects, getBasicAuthHeaders, syncCollection, updateCalendarObject } from 'tsdav';
import { type IcsEvent, meetingToIcs, parseIcs } from '../../../common/calendar/ics';
import { CalendarProviderError, type CalendarProvider, type EventDraft, type RemoteEvent, type SyncResult } from '../../../common/calendar/provider';

/** A CalDAV calendar (Fastmail, iCloud, Nextcloud, Radicale, company servers): the collection URL and credentials. */
export interface CalDavConnection {
  calendarUrl: string;
  username: string;
  password: string;
}

export interface CalDavOptions {
  /** The HTTP client tsdav uses for listing and reading (the global fetch; tests pass a recording one). */
  fetch?: typeof fetch | undefined;
}

/** Calendar objects read per calendar-multiget REPORT, so a large change set is several bounded requests. */
const MULTIGET_BATCH = 100;

const UID_SUFFIX = '@outpost';

function activityIdOf(uid: string): string | undefined {
  return uid.endsWith(UID_SUFFIX) ? uid.slice(0, -UID_SUFFIX.length) : undefined;
}

function remoteOf(object: DAVCalendarObject, event: IcsEvent): RemoteEvent {
  return {
    id: object.url,
    etag: object.etag ?? '',
    status: event.status,
    title: event.title,
    description: event.description,
    allDay: event.allDay,
    start: event.start,
    end: event.end,
    timeZone: event.timeZone,
    transparent: event.transparent,
    focus: /^focus/i.test(event.title),
    attendees: event.attendees,
    updated: event.lastModified ?? new Date(0).toISOString(),
    activityId: activityIdOf(event.uid),
  };
}

function icsOf(draft: EventDraft, sequence: number): string {
  return meetingToIcs({
    uid: `${draft.activityId}${UID_SUFFIX}`,
    title: draft.title,
    description: draft.description,
    start: draft.start,
    end: draft.end,
    timeZone: draft.timeZone,
    attendees: draft.attendees.map((a) => ({ name: a.name, email: a.email })),
    status: draft.cancelled ? 'cancelled' : 'confirmed',
    sequence,
    accountId: draft.accountId,
    meetingType: draft.meetingType,
  });
}

async function checked(response: Response, what: string): Promise<Response> {
  if (response.ok) return response;
  const code = response.status === 412 ? 'conflict' : response.status === 404 || response.status === 410 ? 'not_found' : response.status === 401 || response.status === 403 ? 'auth' : response.status === 429 ? 'rate_limited' : response.status >= 500 ? 'server' : 'invalid';
  throw new CalendarProviderError(code, `The CalDAV server answered ${response.status} to ${what}`, response.status);
}

async function reachable<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CalendarProviderError) throw error;
    throw new CalendarProviderError('offline', `The CalDAV server cannot be reached (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * CalDAV through tsdav, behind the same provider interface as Google. Each Outpost meeting is one object
 * `<activity id>.ics` (UID `<activity id>@outpost`); a create uses If-None-Match: * so a replay cannot book twice,
 * an update sends the ETag Outpost last saw as If-Match (412 = changed on the server meanwhile), and a cancel writes
 * the event with STATUS:CANCELLED and METHOD:CANCEL so attendees' copies are cancelled, not silently dropped.
 *
 * Sync is incremental with WebDAV sync-collection (RFC 6578, tsdav's syncCollection): the kept sync token asks for the
 * members changed or removed since, and only the changed objects are read (calendar-multiget); a removed member comes
 * back as a cancelled event so it leaves the cache. A token the server no longer accepts (DAV:valid-sync-token) means
 * a full resync, as Google's 410. A server without sync-collection is listed whole each round (no token kept).
 */
export function createCalDavProvider(connection: CalDavConnection, options: CalDavOptions = {}): CalendarProvider {
  const calendar = { url: connection.calendarUrl.endsWith('/') ? connection.calendarUrl : `${connection.calendarUrl}/` } as DAVCalendar;
  const headers = getBasicAuthHeaders({ username: connection.username, password: connection.password });
  const http = options.fetch ? { fetch: options.fetch } : {};

  async function objects(objectUrls?: string[]): Promise<RemoteEvent[]> {
    const found = await reachable(() => fetchCalendarObjects({ calendar, headers, ...http, ...(objectUrls ? { objectUrls } : {}) }));
    const out: RemoteEvent[] = [];
    for (const object of found) {
      if (!object.data) continue;
      const events = parseIcs(String(object.data)).filter((e) => !e.recurrenceId);
      for (const event of events) out.push(remoteOf(object, event));
    }
    return out;
  }

  async function read(urls: string[]): Promise<RemoteEvent[]> {
    const out: RemoteEvent[] = [];
    for (let i = 0; i < urls.length; i += MULTIGET_BATCH) out.push(...(await objects(urls.slice(i, i + MULTIGET_BATCH))));
    return out;
  }

  /** RFC 6578 sync-collection: members changed and removed since `token` ('' = all members), and the new token. */
  async function changesSince(token: string): Promise<{ changed: string[]; removed: string[]; nextToken: string } | 'token-gone' | 'unsupported'> {
    const responses: DAVResponse[] = await reachable(() => syncCollection({ url: calendar.url, props: { 'd:getetag': {} }, syncLevel: 1, syncToken: token, headers, ...http }));
    const failed = responses.find((r) => !r.ok && r.status !== 404);
    if (failed) {
      const body = typeof failed.raw === 'string' ? failed.raw : '';
      if ((failed.status === 403 || failed.status === 409) && body.includes('valid-sync-token')) return 'token-gone';
      if (failed.status === 401 || failed.status === 403 || failed.status === 429 || failed.status >= 500) {
        await checked(new Response(null, { status: failed.status }), 'the sync-collection REPORT');
      }
      return 'unsupported';
    }
    const nextToken = String((responses[0]?.raw as { multistatus?: { syncToken?: unknown } } | undefined)?.multistatus?.syncToken ?? '');
    if (!nextToken) return 'unsupported';
    const members = responses.filter((r) => r.href && r.href.endsWith('.ics')).map((r) => ({ url: new URL(r.href!, calendar.url).href, removed: r.status === 404 }));
    return { changed: members.filter((m) => !m.removed).map((m) => m.url), removed: members.filter((m) => m.removed).map((m) => m.url), nextToken };
  }

  async function get(eventId: string): Promise<RemoteEvent | null> {
    const found = await objects([eventId]);
    return found[0] ?? null;
  }

  async function put(url: string, draft: EventDraft, ifMatch: string | undefined, sequence: number): Promise<RemoteEvent> {
    await checked(
      await reachable(() => updateCalendarObject({ calendarObject: { url, data: icsOf(draft, sequence), ...(ifMatch ? { etag: ifMatch } : {}) }, headers })),
      `updating ${url}`,
    );
    const stored = await get(url);
    if (!stored) throw new CalendarProviderError('not_found', `${url} vanished after it was written`);
    return stored;
  }

  return {
    async sync(syncToken?: string): Promise<SyncResult> {
      let changes = await changesSince(syncToken ?? '');
      let fullResync = !syncToken;
      if (changes === 'token-gone') {
        changes = await changesSince('');
        fullResync = true;
      }
      if (changes === 'token-gone' || changes === 'unsupported') return { events: await objects(), nextSyncToken: '', fullResync: true };
      const removedAt = new Date().toISOString();
      const removed = changes.removed.map((url): RemoteEvent => ({ id: url, etag: '', status: 'cancelled', title: '', description: '', allDay: false, start: '', end: '', transparent: true, focus: false, attendees: [], updated: removedAt }));
      return { events: [...(await read(changes.changed)), ...(fullResync ? [] : removed)], nextSyncToken: changes.nextToken, fullResync };
    },
    get,
    async create(draft: EventDraft): Promise<RemoteEvent> {
      const filename = `${encodeURIComponent(draft.activityId)}.ics`;
      const url = new URL(filename, calendar.url).href;
      const response = await reachable(() =>
        createCalendarObject({ calendar, filename, iCalString: icsOf(draft, 0), headers: { ...headers, 'If-None-Match': '*' } }),
      );
      if (response.status === 412) {
        const existing = await get(url);
        return put(url, draft, undefined, existing ? 1 : 0);
      }
      await checked(response, `creating ${filename}`);
      const stored = await get(url);
      if (!stored) throw new CalendarProviderError('not_found', `${url} was created but cannot be read back`);
      return stored;
    },
    async update(eventId: string, draft: EventDraft, ifMatch?: string): Promise<RemoteEvent> {
      return put(eventId, draft, ifMatch, Math.floor(Date.now() / 1000));
    },
    async cancel(eventId: string, ifMatch?: string): Promise<void> {
      const current = await get(eventId);
      if (!current || current.status === 'cancelled') return;
      const draft: EventDraft = {
        activityId: current.activityId ?? eventId,
        title: current.title,
        description: current.description,
        start: current.start,
        end: current.end,
        timeZone: current.timeZone ?? 'UTC',
        attendees: current.attendees,
        cancelled: true,
      };
      await put(eventId, draft, ifMatch, Math.floor(Date.now() / 1000));
    },
  };
}
