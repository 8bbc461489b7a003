import type { OutpostDatabase } from '../db/create-database';
import { type IcsEvent, parseIcs } from './ics';
import type { RemoteEvent, SyncResult } from './provider';

/** One external calendar whose events Outpost keeps on the device: a provider's calendar or an imported .ics. */
export interface CalendarSource {
  id: string;
  kind: 'google' | 'caldav' | 'ics';
  label: string;
  syncToken: string;
  syncedAt: string;
  events: RemoteEvent[];
}

interface CacheDocument {
  sources: CalendarSource[];
}

/**
 * The cached events live in one RxDB local document of `activities` (device-only, never replicated, not a collection
 * of its own): scheduling works offline against the last known calendar. One document, so replacing a source's
 * events is one write: a sync or import either lands whole or not at all.
 */
const CACHE_ID = 'calendar-cache';

export async function readCalendarSources(db: OutpostDatabase): Promise<CalendarSource[]> {
  const doc = await db.activities.getLocal<CacheDocument>(CACHE_ID);
  return (doc?.toJSON().data as CacheDocument | undefined)?.sources ?? [];
}

export async function readCalendarSource(db: OutpostDatabase, id: string): Promise<CalendarSource | undefined> {
  return (await readCalendarSources(db)).find((s) => s.id === id);
}

export async function writeCalendarSource(db: OutpostDatabase, source: CalendarSource): Promise<void> {
  const sources = (await readCalendarSources(db)).filter((s) => s.id !== source.id);
  await db.activities.upsertLocal<CacheDocument>(CACHE_ID, { sources: [...sources, source] });
}

export async function removeCalendarSource(db: OutpostDatabase, id: string): Promise<void> {
  const sources = (await readCalendarSources(db)).filter((s) => s.id !== id);
  await db.activities.upsertLocal<CacheDocument>(CACHE_ID, { sources });
}

/** The source's events after a sync round: replaced on a full resync, otherwise merged by id (cancelled ones dropped). */
export function applySyncResult(events: readonly RemoteEvent[], result: SyncResult): RemoteEvent[] {
  const byId = new Map(result.fullResync ? [] : events.map((e) => [e.id, e] as const));
  for (const event of result.events) {
    if (event.status === 'cancelled') byId.delete(event.id);
    else byId.set(event.id, event);
  }
  return [...byId.values()].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

function remoteOf(event: IcsEvent, index: number): RemoteEvent {
  return {
    id: event.recurrenceId ? `${event.uid}#${event.recurrenceId}` : event.uid || `event-${index}`,
    etag: String(event.sequence),
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
    updated: new Date(0).toISOString(),
  };
}

/**
 * Imports (or re-imports) an .ics calendar so its busy times count. The whole file is read before anything is written:
 * a malformed file throws an IcsError that says what and where, and the cache is left exactly as it was.
 */
export async function importIcsCalendar(db: OutpostDatabase, name: string, text: string, now = new Date()): Promise<CalendarSource> {
  const events = parseIcs(text)
    .filter((e) => e.status !== 'cancelled')
    .map(remoteOf);
  const source: CalendarSource = { id: `ics:${name}`, kind: 'ics', label: name, syncToken: '', syncedAt: now.toISOString(), events };
  await writeCalendarSource(db, source);
  return source;
}
