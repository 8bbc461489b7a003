import { createCalendarObject, type DAVCalendar, type DAVCalendarObject, fetchCalendarObjects, getBasicAuthHeaders, updateCalendarObject } from 'tsdav';
import { type IcsEvent, meetingToIcs, parseIcs } from '../../../common/calendar/ics';
import { CalendarProviderError, type CalendarProvider, type EventDraft, type RemoteEvent, type SyncResult } from '../../../common/calendar/provider';

/** A CalDAV calendar (Fastmail, iCloud, Nextcloud, Radicale, company servers): the collection URL and credentials. */
export interface CalDavConnection {
  calendarUrl: string;
  username: string;
  password: string;
}

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
 * Sync lists the whole collection each round (a full resync every time; CalDAV's sync-collection REPORT is not
 * used yet).
 */
export function createCalDavProvider(connection: CalDavConnection): CalendarProvider {
  const calendar = { url: connection.calendarUrl.endsWith('/') ? connection.calendarUrl : `${connection.calendarUrl}/` } as DAVCalendar;
  const headers = getBasicAuthHeaders({ username: connection.username, password: connection.password });

  async function objects(objectUrls?: string[]): Promise<RemoteEvent[]> {
    const found = await reachable(() => fetchCalendarObjects({ calendar, headers, ...(objectUrls ? { objectUrls } : {}) }));
    const out: RemoteEvent[] = [];
    for (const object of found) {
      if (!object.data) continue;
      const events = parseIcs(String(object.data)).filter((e) => !e.recurrenceId);
      for (const event of events) out.push(remoteOf(object, event));
    }
    return out;
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
    async sync(): Promise<SyncResult> {
      return { events: await objects(), nextSyncToken: '', fullResync: true };
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
