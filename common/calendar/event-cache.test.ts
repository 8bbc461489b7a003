import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutpostDatabase } from '../db/create-database';
import { openTestDatabase } from '../db/testing/test-database';
import { importIcsCalendar, readCalendarSources } from './event-cache';
import { IcsError } from './ics';

const GOOD = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', 'BEGIN:VEVENT', 'UID:holiday-1', 'DTSTAMP:20260101T000000Z', 'DTSTART;VALUE=DATE:20260525', 'DTEND;VALUE=DATE:20260526', 'SUMMARY:Whit Monday', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

let db: OutpostDatabase;
beforeEach(async () => {
  db = await openTestDatabase('icscache');
});
afterEach(async () => {
  await db.close();
});

describe('importing an .ics calendar into the device cache', () => {
  it('stores its events as a source whose busy times count', async () => {
    await importIcsCalendar(db, 'holidays.ics', GOOD);
    const [source] = await readCalendarSources(db);
    expect(source).toMatchObject({ id: 'ics:holidays.ics', kind: 'ics' });
    expect(source?.events).toEqual([expect.objectContaining({ id: 'holiday-1', allDay: true, start: '2026-05-25', end: '2026-05-26' })]);
    expect(await db.activities.count().exec()).toBe(0);
  });

  it('refuses a malformed file with a clear message and stores nothing, not even part of it', async () => {
    await importIcsCalendar(db, 'holidays.ics', GOOD);
    const before = await readCalendarSources(db);
    // The first event is fine, the second ends before it starts: the import must not keep the first alone.
    const broken = GOOD.replace('END:VCALENDAR', 'BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260101T100000Z\r\nDTEND:20251231T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR');
    await expect(importIcsCalendar(db, 'holidays.ics', broken)).rejects.toThrow(IcsError);
    await expect(importIcsCalendar(db, 'holidays.ics', broken)).rejects.toThrow('VEVENT 2 (UID x) ends before it starts (line 12)');
    await expect(importIcsCalendar(db, 'other.ics', 'BEGIN:VCALENDAR\r\nnonsense\r\nEND:VCALENDAR')).rejects.toThrow(/invalid line .*\(line 2\)/);
    expect(await readCalendarSources(db)).toEqual(before);
  });
});
