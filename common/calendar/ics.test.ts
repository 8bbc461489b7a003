import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IcsError, icsMeetingOf, type IcsMeeting, meetingToIcs, parseIcs } from './ics';

const meeting: IcsMeeting = {
  uid: 'act-123@outpost',
  title: 'QBR: Acme Corporation',
  description: 'Agenda\n- Health: 72 (yellow); risks: seat use down 12%\n- Renewal on 2027-03-01, ARR $540,000; semicolons; commas, and \\ backslashes',
  start: '2026-06-02T13:00:00.000Z',
  end: '2026-06-02T14:00:00.000Z',
  timeZone: 'Europe/Berlin',
  organizer: { name: 'Ava Chen', email: 'ava@outpost.example' },
  attendees: [
    { name: 'Jo Müller', email: 'jo@acme.example' },
    { name: 'Sam O’Neil, CFO', email: 'sam@acme.example' },
  ],
  status: 'confirmed',
  sequence: 2,
  accountId: 'acc-1',
  meetingType: 'qbr',
};

function only(text: string): IcsMeeting {
  const events = parseIcs(text);
  expect(events).toHaveLength(1);
  return icsMeetingOf(events[0]!);
}

describe('ICS round trip', () => {
  it('export then parse gives the same meeting', () => {
    const text = meetingToIcs(meeting);
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain('METHOD:REQUEST');
    expect(only(text)).toEqual(meeting);
  });

  it('a cancelled meeting round-trips as a CANCEL', () => {
    const text = meetingToIcs({ ...meeting, status: 'cancelled', sequence: 3 });
    expect(text).toContain('METHOD:CANCEL');
    expect(only(text)).toEqual({ ...meeting, status: 'cancelled', sequence: 3 });
  });

  it('round-trips any meeting (property)', () => {
    const words = fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim() === s && !/[\u0000-\u001f\u007f]/.test(s));
    // ical.js reads "\\" in a parameter as one backslash (RFC 5545 has no escapes in parameters): names are kept without backslashes.
    const attendee = fc.record({ name: words.filter((s) => !s.includes('\\')), email: fc.emailAddress() });
    fc.assert(
      fc.property(
        fc.record({
          uid: fc.uuid(),
          title: words,
          description: fc.string({ maxLength: 300 }).filter((s) => !/[\u0000-\u0009\u000b-\u001f\u007f\r]/.test(s) && s.trim() === s),
          startMinute: fc.integer({ min: 0, max: 60 * 24 * 365 * 3 }),
          minutes: fc.integer({ min: 15, max: 480 }),
          timeZone: fc.constantFrom('Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC'),
          attendees: fc.array(attendee, { maxLength: 5 }),
          status: fc.constantFrom('confirmed' as const, 'cancelled' as const),
          sequence: fc.nat(50),
        }),
        ({ startMinute, minutes, ...rest }) => {
          const start = Date.UTC(2026, 0, 1) + startMinute * 60_000;
          const m: IcsMeeting = { ...rest, start: new Date(start).toISOString(), end: new Date(start + minutes * 60_000).toISOString(), accountId: undefined, meetingType: undefined, organizer: undefined };
          expect(only(meetingToIcs(m))).toEqual(m);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('reading other calendars', () => {
  it('reads all-day events, transparency and a recurring series (expanded)', () => {
    const text = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN',
      'BEGIN:VEVENT', 'UID:off-1', 'DTSTAMP:20260101T000000Z', 'DTSTART;VALUE=DATE:20260601', 'DTEND;VALUE=DATE:20260603', 'SUMMARY:Out of office', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:focus-1', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260601T080000Z', 'DTEND:20260601T100000Z', 'RRULE:FREQ=WEEKLY;COUNT=3', 'SUMMARY:Focus', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:free-1', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260601T120000Z', 'DTEND:20260601T130000Z', 'TRANSP:TRANSPARENT', 'SUMMARY:Lunch?', 'END:VEVENT',
      'END:VCALENDAR', '',
    ].join('\r\n');
    const events = parseIcs(text);
    expect(events.find((e) => e.uid === 'off-1')).toMatchObject({ allDay: true, start: '2026-06-01', end: '2026-06-03' });
    expect(events.filter((e) => e.uid === 'focus-1').map((e) => e.start)).toEqual(['2026-06-01T08:00:00.000Z', '2026-06-08T08:00:00.000Z', '2026-06-15T08:00:00.000Z']);
    expect(events.find((e) => e.uid === 'free-1')?.transparent).toBe(true);
  });
});

describe('malformed .ics', () => {
  it.each([
    ['not a calendar at all', 'hello world', /must start with BEGIN:VCALENDAR \(line 1\)/],
    ['a broken line', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nthis is not a property\r\nEND:VCALENDAR\r\n', /invalid line.*\(line 3\)/],
    ['a calendar that never ends', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260101T100000Z\r\nEND:VEVENT\r\n', /component began but did not end/],
    ['an event without UID', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n', /VEVENT 1 has no UID \(line 2\)/],
    ['an event without DTSTART', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n', /VEVENT 1 \(UID x1\) has no valid DTSTART \(line 3\)/],
    ['an event ending before it starts', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x2\r\nDTSTART:20260101T100000Z\r\nDTEND:20260101T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n', /ends before it starts/],
  ])('refuses %s with a message that says what and where', (_name, text, message) => {
    expect(() => parseIcs(text)).toThrow(IcsError);
    expect(() => parseIcs(text)).toThrow(message);
  });
});
