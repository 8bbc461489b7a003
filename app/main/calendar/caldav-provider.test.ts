import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { meetingActivity } from '../../../common/calendar/book-meeting';
import { pushPendingMeetings, syncCalendar } from '../../../common/calendar/calendar-sync';
import { readCalendarSource } from '../../../common/calendar/event-cache';
import { parseIcs } from '../../../common/calendar/ics';
import type { OutpostDatabase } from '../../../common/db/create-database';
import { stampChanges } from '../../../common/db/stamp-writes';
import { openTestDatabase } from '../../../common/db/testing/test-database';
import type { Activity, MeetingSchedule } from '../../../common/model';
import { createCalDavProvider } from './caldav-provider';
import { type RunningRadicale, startRadicale } from './testing/radicale';

// A real CalDAV server: Radicale (Debian package `radicale`), started per file on a free port with a temp folder.
let radicale: RunningRadicale;
let db: OutpostDatabase;
const SOURCE = { id: 'caldav:outpost', kind: 'caldav' as const, label: 'Radicale' };

beforeAll(async () => {
  radicale = await startRadicale();
});
afterAll(async () => {
  await radicale?.stop();
});
beforeEach(async () => {
  db = await openTestDatabase('caldav');
});
afterEach(async () => {
  await db.close();
});

const provider = () => createCalDavProvider({ calendarUrl: radicale.calendarUrl, username: radicale.username, password: radicale.password });
const auth = () => ({ authorization: `Basic ${Buffer.from(`${radicale.username}:${radicale.password}`).toString('base64')}` });

async function raw(url: string): Promise<{ text: string; etag: string }> {
  const response = await fetch(url, { headers: auth() });
  expect(response.status).toBe(200);
  return { text: await response.text(), etag: response.headers.get('etag') ?? '' };
}

async function book(id: string): Promise<void> {
  await db.activities.insert(
    meetingActivity({
      id,
      account: { id: 'acc-1', name: 'Acme Corporation', ownerId: 'u-ann', teamId: 'team-east' },
      meetingType: 'renewal',
      slot: { start: Date.parse('2026-06-02T13:00:00Z'), end: Date.parse('2026-06-02T13:30:00Z') },
      timeZone: 'America/New_York',
      attendees: [{ name: 'Jo Müller', email: 'jo@acme.example' }],
      agenda: 'Renewal terms',
      actorName: 'Ann Lee',
      provider: 'caldav',
    }),
  );
}

async function edit(id: string, change: (s: MeetingSchedule) => MeetingSchedule): Promise<void> {
  const doc = (await db.activities.findOne(id).exec())!;
  const next = change(doc.schedule! as MeetingSchedule);
  await doc.incrementalPatch(stampChanges(doc.fieldStamps, { schedule: { ...next, editedAt: new Date().toISOString(), calendar: { ...next.calendar!, state: 'pending' } } }) as never);
}

const meeting = async (id: string) => (await db.activities.findOne(id).exec())!.toJSON() as Activity;

describe('CalDAV provider (tsdav) against a real Radicale', () => {
  it('creates the meeting as an invitation on the server', async () => {
    await book('cal-create');
    expect(await pushPendingMeetings(db, provider(), 'caldav')).toMatchObject({ pushed: 1, queued: 0 });
    const link = (await meeting('cal-create')).schedule!.calendar!;
    expect(link).toMatchObject({ provider: 'caldav', state: 'synced' });
    const stored = parseIcs((await raw(link.eventId)).text);
    expect(stored).toEqual([expect.objectContaining({ uid: 'cal-create@outpost', title: 'Renewal call: Acme Corporation', start: '2026-06-02T13:00:00.000Z', attendees: [{ name: 'Jo Müller', email: 'jo@acme.example' }] })]);
  });

  it('updates it with If-Match, and cancels it (STATUS:CANCELLED)', async () => {
    await book('cal-update');
    await pushPendingMeetings(db, provider(), 'caldav');
    await edit('cal-update', (s) => ({ ...s, start: '2026-06-03T14:00:00.000Z', end: '2026-06-03T14:30:00.000Z' }));
    expect(await pushPendingMeetings(db, provider(), 'caldav')).toMatchObject({ pushed: 1 });
    const url = (await meeting('cal-update')).schedule!.calendar!.eventId;
    expect(parseIcs((await raw(url)).text)[0]).toMatchObject({ start: '2026-06-03T14:00:00.000Z' });

    await edit('cal-update', (s) => ({ ...s, status: 'cancelled' }));
    await pushPendingMeetings(db, provider(), 'caldav');
    const cancelled = await raw(url);
    expect(parseIcs(cancelled.text)[0]?.status).toBe('cancelled');
    expect(cancelled.text).toContain('METHOD:CANCEL');
    // A synced cancelled meeting leaves the device cache on the next sync.
    await syncCalendar(db, provider(), SOURCE);
    expect((await readCalendarSource(db, SOURCE.id))!.events.map((e) => e.id)).not.toContain(url);
  });

  it('an edit made on the server (another CalDAV client) is seen by Outpost', async () => {
    await book('cal-remote');
    await pushPendingMeetings(db, provider(), 'caldav');
    await syncCalendar(db, provider(), SOURCE);
    const url = (await meeting('cal-remote')).schedule!.calendar!.eventId;
    const { text, etag } = await raw(url);
    const moved = text
      .replace(/DTSTART:\d{8}T\d{6}Z/, 'DTSTART:20260605T160000Z')
      .replace(/DTEND:\d{8}T\d{6}Z/, 'DTEND:20260605T163000Z')
      .replace(/LAST-MODIFIED:\d{8}T\d{6}Z/, `LAST-MODIFIED:${new Date(Date.now() + 1000).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`);
    const put = await fetch(url, { method: 'PUT', headers: { ...auth(), 'content-type': 'text/calendar', 'if-match': etag }, body: moved });
    expect(put.status).toBeLessThan(300);

    const report = await syncCalendar(db, provider(), SOURCE);
    expect(report.meetingsUpdated).toBe(1);
    expect((await meeting('cal-remote')).schedule).toMatchObject({ start: '2026-06-05T16:00:00.000Z', end: '2026-06-05T16:30:00.000Z' });
    expect((await readCalendarSource(db, SOURCE.id))!.events.find((e) => e.id === url)?.start).toBe('2026-06-05T16:00:00.000Z');
  });

  it('a stale ETag is a conflict, reconciled by the later-change rule', async () => {
    await book('cal-conflict');
    await pushPendingMeetings(db, provider(), 'caldav');
    const url = (await meeting('cal-conflict')).schedule!.calendar!.eventId;
    await edit('cal-conflict', (s) => ({ ...s, start: '2026-06-02T09:00:00.000Z', end: '2026-06-02T09:30:00.000Z' }));
    const { text, etag } = await raw(url);
    const later = new Date(Date.now() + 60_000).toISOString().replace(/[-:]/g, '').slice(0, 15);
    const moved = text.replace(/DTSTART:\d{8}T\d{6}Z/, 'DTSTART:20260602T170000Z').replace(/DTEND:\d{8}T\d{6}Z/, 'DTEND:20260602T173000Z').replace(/LAST-MODIFIED:\d{8}T\d{6}Z/, `LAST-MODIFIED:${later}Z`);
    await fetch(url, { method: 'PUT', headers: { ...auth(), 'content-type': 'text/calendar', 'if-match': etag }, body: moved });
    const report = await pushPendingMeetings(db, provider(), 'caldav');
    expect(report.notices[0]?.note).toMatch(/the calendar's later change/);
    expect((await meeting('cal-conflict')).schedule).toMatchObject({ start: '2026-06-02T17:00:00.000Z', calendar: { state: 'synced' } });
  });
});

describe('incremental CalDAV sync (RFC 6578 sync-collection) against Radicale', () => {
  interface Call {
    method: string;
    body: string;
    status: number;
    response: string;
  }
  let calendarUrl: string;
  let calls: Call[];
  const recording: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    calls.push({ method: init?.method ?? 'GET', body: typeof init?.body === 'string' ? init.body : '', status: response.status, response: await response.clone().text() });
    return response;
  };
  const incremental = () => createCalDavProvider({ calendarUrl, username: radicale.username, password: radicale.password }, { fetch: recording });
  const source = { id: 'caldav:incremental', kind: 'caldav' as const, label: 'Radicale' };
  const ics = (uid: string, title: string, hour: number) =>
    ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//another client//EN', 'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260501T000000Z', `DTSTART:20260601T${String(hour).padStart(2, '0')}0000Z`, `DTEND:20260601T${String(hour).padStart(2, '0')}3000Z`, `SUMMARY:${title}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
  const putEvent = async (name: string, title: string, hour: number) => {
    const response = await fetch(`${calendarUrl}${name}.ics`, { method: 'PUT', headers: { ...auth(), 'content-type': 'text/calendar' }, body: ics(name, title, hour) });
    expect(response.status).toBeLessThan(300);
  };
  const reports = () => calls.filter((c) => c.method === 'REPORT');
  const cachedEvents = async () => (await readCalendarSource(db, source.id))!.events;

  beforeEach(async () => {
    calls = [];
    calendarUrl = `${radicale.url}/${radicale.username}/incremental-${Date.now()}-${Math.random().toString(36).slice(2, 8)}/`;
    expect((await fetch(calendarUrl, { method: 'MKCALENDAR', headers: auth() })).status).toBe(201);
    for (let i = 1; i <= 5; i += 1) await putEvent(`event${i}`, `Event ${i}`, 8 + i);
  });

  it('a second round after one edit on the server reads only that event', async () => {
    expect(await syncCalendar(db, incremental(), source)).toMatchObject({ fullResync: true, events: 5 });
    const token = (await readCalendarSource(db, source.id))!.syncToken;
    expect(token).not.toBe('');

    await putEvent('event3', 'Event 3 (moved)', 15);
    calls = [];
    expect(await syncCalendar(db, incremental(), source)).toMatchObject({ fullResync: false, events: 5 });

    // Two requests: the sync-collection REPORT with the kept token, then a calendar-multiget of the one changed object.
    expect(calls.map((c) => [c.method, c.status])).toEqual([
      ['REPORT', 207],
      ['REPORT', 207],
    ]);
    expect(calls[0]!.body).toContain('sync-collection');
    expect(calls[0]!.body).toContain(token);
    expect(calls[1]!.body).toContain('calendar-multiget');
    expect(calls[1]!.body.match(/\.ics</g)).toHaveLength(1);
    expect(calls[1]!.body).toContain('event3.ics');
    expect(calls[1]!.response.match(/BEGIN:VEVENT/g)).toHaveLength(1);

    const events = await cachedEvents();
    expect(events.find((e) => e.id.endsWith('/event3.ics'))).toMatchObject({ title: 'Event 3 (moved)', start: '2026-06-01T15:00:00.000Z' });
    expect(events.filter((e) => e.title.startsWith('Event ') && !e.title.includes('moved'))).toHaveLength(4);
    expect((await readCalendarSource(db, source.id))!.syncToken).not.toBe(token);
  });

  it('a round with no change reads nothing; a deletion on the server leaves the cache without reading any event', async () => {
    await syncCalendar(db, incremental(), source);
    calls = [];
    expect(await syncCalendar(db, incremental(), source)).toMatchObject({ fullResync: false, events: 5 });
    expect(reports()).toHaveLength(1);

    expect((await fetch(`${calendarUrl}event2.ics`, { method: 'DELETE', headers: auth() })).status).toBeLessThan(300);
    calls = [];
    expect(await syncCalendar(db, incremental(), source)).toMatchObject({ fullResync: false, events: 4 });
    expect(reports()).toHaveLength(1);
    expect((await cachedEvents()).map((e) => e.title).sort()).toEqual(['Event 1', 'Event 3', 'Event 4', 'Event 5']);
  });

  it('a meeting whose object was deleted on the server is cancelled in Outpost', async () => {
    await db.activities.insert(
      meetingActivity({
        id: 'inc-meeting',
        account: { id: 'acc-1', name: 'Acme Corporation', ownerId: 'u-ann', teamId: 'team-east' },
        meetingType: 'qbr',
        slot: { start: Date.parse('2026-06-02T13:00:00Z'), end: Date.parse('2026-06-02T14:00:00Z') },
        timeZone: 'UTC',
        attendees: [],
        agenda: 'QBR',
        actorName: 'Ann Lee',
        provider: 'caldav',
      }),
    );
    await pushPendingMeetings(db, incremental(), 'caldav');
    await syncCalendar(db, incremental(), source);
    const url = (await meeting('inc-meeting')).schedule!.calendar!.eventId;
    expect((await fetch(url, { method: 'DELETE', headers: auth() })).status).toBeLessThan(300);
    expect(await syncCalendar(db, incremental(), source)).toMatchObject({ fullResync: false, meetingsUpdated: 1 });
    expect((await meeting('inc-meeting')).schedule?.status).toBe('cancelled');
  });

  it('a sync token the server no longer accepts forces a full resync that replaces the cache', async () => {
    await syncCalendar(db, incremental(), source);
    const kept = (await readCalendarSource(db, source.id))!;
    await db.activities.upsertLocal('calendar-cache', { sources: [{ ...kept, syncToken: 'http://radicale.org/ns/sync/0000000000000000000000000000000000000000000000000000000000000000' }] });
    expect((await fetch(`${calendarUrl}event5.ics`, { method: 'DELETE', headers: auth() })).status).toBeLessThan(300);
    calls = [];
    expect(await syncCalendar(db, incremental(), source)).toMatchObject({ fullResync: true, events: 4 });
    expect(calls[0]).toMatchObject({ method: 'REPORT', status: 403, response: expect.stringContaining('valid-sync-token') });
    expect((await cachedEvents()).map((e) => e.title).sort()).toEqual(['Event 1', 'Event 2', 'Event 3', 'Event 4']);
  });
});
