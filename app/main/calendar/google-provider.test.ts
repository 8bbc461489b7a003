import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { meetingActivity } from '../../../common/calendar/book-meeting';
import { pushPendingMeetings, syncCalendar } from '../../../common/calendar/calendar-sync';
import { readCalendarSource } from '../../../common/calendar/event-cache';
import type { OutpostDatabase } from '../../../common/db/create-database';
import { stampChanges } from '../../../common/db/stamp-writes';
import { openTestDatabase } from '../../../common/db/testing/test-database';
import type { Activity } from '../../../common/model';
import { createGoogleCalendarProvider, type GoogleConnection, googleEventId, type RetryPolicy } from './google-provider';
import { LocalGoogleCalendarServer } from './testing/google-calendar-server';

const FAST_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 5, maxDelayMs: 50 };
const SOURCE = { id: 'google:primary', kind: 'google' as const, label: 'Google' };

let server: LocalGoogleCalendarServer;
let db: OutpostDatabase;
let connection: GoogleConnection;

beforeEach(async () => {
  server = new LocalGoogleCalendarServer();
  const url = await server.start();
  connection = { clientId: 'outpost-desktop', refreshToken: 'refresh-token-1', calendarId: 'primary', rootUrl: url, tokenUrl: `${url}/token` };
  db = await openTestDatabase('google');
});
afterEach(async () => {
  await db.close();
  await server.stop();
});

function provider(overrides: Partial<GoogleConnection> = {}) {
  return createGoogleCalendarProvider({ ...connection, ...overrides }, FAST_RETRY);
}

function seedGoogle(): void {
  server.addEvent('primary', { id: 'standup1', summary: 'Team stand-up', start: { dateTime: '2026-06-01T07:30:00Z' }, end: { dateTime: '2026-06-01T08:00:00Z' } });
  server.addEvent('primary', { id: 'focus1', summary: 'Deep work', eventType: 'focusTime', start: { dateTime: '2026-06-01T09:00:00Z' }, end: { dateTime: '2026-06-01T11:00:00Z' } });
  server.addEvent('primary', { id: 'offsite1', summary: 'Offsite', start: { date: '2026-06-03' }, end: { date: '2026-06-04' } });
}

async function book(id = 'meet-1', start = '2026-06-02T13:00:00.000Z', now = new Date()): Promise<Activity> {
  const activity = meetingActivity({
    id,
    account: { id: 'acc-1', name: 'Acme Corporation', ownerId: 'u-ann', teamId: 'team-east' },
    meetingType: 'qbr',
    slot: { start: Date.parse(start), end: Date.parse(start) + 3_600_000 },
    timeZone: 'Europe/Berlin',
    attendees: [{ name: 'Jo Müller', email: 'jo@acme.example', contactId: 'c-1' }],
    agenda: 'QBR agenda',
    actorName: 'Ann Lee',
    provider: 'google',
    now,
  });
  await db.activities.insert(activity);
  return activity;
}

async function meeting(id = 'meet-1'): Promise<Activity> {
  return (await db.activities.findOne(id).exec())!.toJSON() as Activity;
}

describe('Google Calendar provider against the local Calendar v3 server', () => {
  it('first sync caches every event (timed, focus, all-day) and keeps the sync token', async () => {
    seedGoogle();
    const report = await syncCalendar(db, provider(), SOURCE);
    expect(report).toMatchObject({ fullResync: true, events: 3 });
    const cached = await readCalendarSource(db, SOURCE.id);
    expect(cached?.syncToken).toMatch(/^s\d+$/);
    expect(cached?.events.find((e) => e.id === 'focus1')).toMatchObject({ focus: true, start: '2026-06-01T09:00:00.000Z' });
    expect(cached?.events.find((e) => e.id === 'offsite1')).toMatchObject({ allDay: true, start: '2026-06-03', end: '2026-06-04' });
    expect(server.requests.find((r) => r.path.endsWith('/events'))?.query['syncToken']).toBeUndefined();
  });

  it('incremental sync sends the sync token and applies additions, edits and deletions', async () => {
    seedGoogle();
    await syncCalendar(db, provider(), SOURCE);
    const token = (await readCalendarSource(db, SOURCE.id))!.syncToken;
    server.addEvent('primary', { id: 'lunch1', summary: 'Lunch with Sam', start: { dateTime: '2026-06-02T11:00:00Z' }, end: { dateTime: '2026-06-02T12:00:00Z' } });
    server.editEvent('primary', 'standup1', { summary: 'Stand-up (moved)', start: { dateTime: '2026-06-01T08:30:00Z' }, end: { dateTime: '2026-06-01T09:00:00Z' } });
    server.editEvent('primary', 'focus1', { status: 'cancelled' });
    server.requests.length = 0;

    const report = await syncCalendar(db, provider(), SOURCE);
    expect(report.fullResync).toBe(false);
    const list = server.requests.filter((r) => r.path.endsWith('/events'));
    expect(list.map((r) => r.query['syncToken'])).toEqual([token]);
    const events = (await readCalendarSource(db, SOURCE.id))!.events;
    expect(events.map((e) => e.id).sort()).toEqual(['lunch1', 'offsite1', 'standup1']);
    expect(events.find((e) => e.id === 'standup1')).toMatchObject({ title: 'Stand-up (moved)', start: '2026-06-01T08:30:00.000Z' });
  });

  it('pages through large calendars and keeps only the last page’s sync token', async () => {
    for (let i = 0; i < 600; i += 1) {
      server.addEvent('primary', { id: `bulk${String(i).padStart(4, '0')}`, summary: `Event ${i}`, start: { dateTime: new Date(Date.UTC(2026, 5, 1) + i * 3_600_000).toISOString() }, end: { dateTime: new Date(Date.UTC(2026, 5, 1) + i * 3_600_000 + 1_800_000).toISOString() } });
    }
    const report = await syncCalendar(db, provider(), SOURCE);
    expect(report.events).toBe(600);
    expect(server.requests.filter((r) => r.path.endsWith('/events')).map((r) => r.query['pageToken'])).toEqual([undefined, '250', '500']);
  });

  it('410 Gone on an incremental sync forces a full resync that replaces the cache', async () => {
    seedGoogle();
    await syncCalendar(db, provider(), SOURCE);
    server.editEvent('primary', 'offsite1', { status: 'cancelled' });
    server.invalidateSyncTokens();
    server.requests.length = 0;

    const report = await syncCalendar(db, provider(), SOURCE);
    expect(report.fullResync).toBe(true);
    expect(server.requests.filter((r) => r.path.endsWith('/events')).map((r) => [r.status, r.query['syncToken'] === undefined])).toEqual([
      [410, false],
      [200, true],
    ]);
    expect((await readCalendarSource(db, SOURCE.id))!.events.map((e) => e.id).sort()).toEqual(['focus1', 'standup1']);
  });

  it('renews an expired access token with the refresh token and repeats the call', async () => {
    seedGoogle();
    const google = provider();
    await syncCalendar(db, google, SOURCE);
    expect(server.tokenRefreshes).toBe(1);
    server.expireAccessTokens();
    server.addEvent('primary', { id: 'late1', summary: 'Late', start: { dateTime: '2026-06-05T10:00:00Z' }, end: { dateTime: '2026-06-05T11:00:00Z' } });
    const report = await syncCalendar(db, google, SOURCE);
    expect(report.events).toBe(4);
    expect(server.tokenRefreshes).toBe(2);
    expect(server.requests.some((r) => r.status === 401)).toBe(true);
  });

  it('a revoked refresh token is an auth error, not a retry', async () => {
    await expect(provider({ refreshToken: 'revoked' }).sync()).rejects.toMatchObject({ code: 'auth' });
  });

  it('retries 429 and 5xx with back-off (honouring Retry-After) and then succeeds', async () => {
    seedGoogle();
    server.failNext(2, 429, 0);
    server.failNext(1, 503);
    const report = await syncCalendar(db, provider(), SOURCE);
    expect(report.events).toBe(3);
    expect(server.requests.filter((r) => r.path.endsWith('/events')).map((r) => r.status)).toEqual([429, 429, 503, 200]);
  });

  it('gives up after the retries and keeps the booking queued', async () => {
    await book();
    server.failNext(10, 503);
    const report = await pushPendingMeetings(db, provider(), 'google');
    expect(report).toMatchObject({ pushed: 0, queued: 1 });
    expect((await meeting()).schedule?.calendar?.state).toBe('pending');
    expect(server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/events')).length).toBe(FAST_RETRY.retries + 1);
  });

  it('offline: bookings queue on the device and replay, in order, once Google is reachable', async () => {
    await book('meet-1', '2026-06-02T13:00:00.000Z', new Date('2026-05-30T09:00:00Z'));
    await book('meet-2', '2026-06-04T13:00:00.000Z', new Date('2026-05-30T09:05:00Z'));
    const offline = createGoogleCalendarProvider({ ...connection, rootUrl: 'http://127.0.0.1:9/', tokenUrl: 'http://127.0.0.1:9/token' }, FAST_RETRY);
    expect(await pushPendingMeetings(db, offline, 'google')).toMatchObject({ pushed: 0, queued: 2 });
    expect((await meeting('meet-1')).schedule?.calendar?.state).toBe('pending');

    const report = await pushPendingMeetings(db, provider(), 'google');
    expect(report).toMatchObject({ pushed: 2, queued: 0 });
    const events = server.events('primary');
    expect(events.map((e) => e.extendedProperties?.private?.['outpostActivityId'])).toEqual(['meet-1', 'meet-2']);
    expect(events[0]).toMatchObject({ summary: 'QBR: Acme Corporation', attendees: [{ email: 'jo@acme.example', displayName: 'Jo Müller' }], start: { dateTime: '2026-06-02T13:00:00.000Z', timeZone: 'Europe/Berlin' } });
    expect((await meeting('meet-1')).schedule?.calendar).toMatchObject({ state: 'synced', eventId: googleEventId('meet-1'), etag: events[0]!.etag });
    // A second replay sends nothing: the queue is empty.
    expect(await pushPendingMeetings(db, provider(), 'google')).toMatchObject({ pushed: 0, queued: 0 });
    expect(server.events('primary')).toHaveLength(2);
  });

  it('a booking whose answer was lost is not booked twice when replayed', async () => {
    const activity = await book();
    await provider().create({ activityId: activity.id, title: 'first attempt', description: '', start: activity.schedule!.start, end: activity.schedule!.end, timeZone: 'UTC', attendees: [] });
    await pushPendingMeetings(db, provider(), 'google');
    expect(server.events('primary')).toHaveLength(1);
    expect(server.events('primary')[0]?.summary).toBe('QBR: Acme Corporation');
  });

  it('cancelling a meeting cancels the Google event', async () => {
    await book();
    await pushPendingMeetings(db, provider(), 'google');
    const doc = (await db.activities.findOne('meet-1').exec())!;
    const schedule = doc.schedule!;
    await doc.incrementalPatch(stampChanges(doc.fieldStamps, { schedule: { ...schedule, status: 'cancelled', editedAt: new Date().toISOString(), calendar: { ...schedule.calendar!, state: 'pending' } } }) as never);
    await pushPendingMeetings(db, provider(), 'google');
    expect(server.events('primary')[0]?.status).toBe('cancelled');
    expect((await meeting()).schedule?.calendar?.state).toBe('synced');
  });

  it('a move made in Google Calendar reaches the Outpost meeting on the next sync', async () => {
    await book();
    await pushPendingMeetings(db, provider(), 'google');
    await syncCalendar(db, provider(), SOURCE);
    server.editEvent('primary', googleEventId('meet-1'), { start: { dateTime: '2026-06-02T15:00:00Z' }, end: { dateTime: '2026-06-02T16:00:00Z' } });
    const report = await syncCalendar(db, provider(), SOURCE);
    expect(report.meetingsUpdated).toBe(1);
    expect((await meeting()).schedule).toMatchObject({ start: '2026-06-02T15:00:00.000Z', end: '2026-06-02T16:00:00.000Z' });
  });

  describe('changed on both sides: the later change wins, and the person is told', () => {
    async function changedOnBothSides(outpostEditAt: string): Promise<Activity> {
      await book('meet-1', '2026-06-02T13:00:00.000Z', new Date('2026-05-01T00:00:00Z'));
      await pushPendingMeetings(db, provider(), 'google');
      // Offline, the CSM moves the meeting in Outpost…
      const doc = (await db.activities.findOne('meet-1').exec())!;
      const schedule = doc.schedule!;
      await doc.incrementalPatch(stampChanges(doc.fieldStamps, { schedule: { ...schedule, start: '2026-06-02T09:00:00.000Z', end: '2026-06-02T10:00:00.000Z', editedAt: outpostEditAt, calendar: { ...schedule.calendar!, state: 'pending' } } }) as never);
      // …while someone moves it in Google Calendar (updated = now).
      server.editEvent('primary', googleEventId('meet-1'), { start: { dateTime: '2026-06-02T15:00:00Z' }, end: { dateTime: '2026-06-02T16:00:00Z' } });
      const report = await pushPendingMeetings(db, provider(), 'google');
      expect(report.notices).toHaveLength(1);
      return meeting();
    }

    it('Google’s later change is kept and the Outpost change is named in the note', async () => {
      const result = await changedOnBothSides(new Date(Date.now() - 60_000).toISOString());
      expect(result.schedule).toMatchObject({ start: '2026-06-02T15:00:00.000Z', calendar: { state: 'synced' } });
      expect(result.schedule?.calendar?.note).toMatch(/the calendar's later change .* was kept/);
      expect(server.events('primary')[0]?.start?.dateTime).toBe('2026-06-02T15:00:00Z');
    });

    it('Outpost’s later change replaces Google’s, and the note says so', async () => {
      const result = await changedOnBothSides(new Date(Date.now() + 60_000).toISOString());
      expect(result.schedule).toMatchObject({ start: '2026-06-02T09:00:00.000Z', calendar: { state: 'synced' } });
      expect(result.schedule?.calendar?.note).toMatch(/your later Outpost change .* replaced the calendar's/);
      expect(server.events('primary')[0]?.start?.dateTime).toBe('2026-06-02T09:00:00.000Z');
    });
  });
});
