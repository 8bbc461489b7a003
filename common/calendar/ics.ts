import ICAL from 'ical.js';
import type { IsoDate } from '../model/sync-fields';
import { isKnownTimeZone } from './time-zone';
import { MEETING_TYPES, type MeetingType } from './types';

export interface IcsAttendee {
  name: string;
  email: string;
}

/** A meeting as an RFC 5545 VEVENT carries it (times as UTC instants, the organiser's zone kept beside them). */
export interface IcsMeeting {
  uid: string;
  title: string;
  description: string;
  start: string; // ISO instant, UTC
  end: string;
  timeZone: string;
  organizer?: IcsAttendee | undefined;
  attendees: IcsAttendee[];
  status: 'confirmed' | 'cancelled';
  sequence: number;
  accountId?: string | undefined;
  meetingType?: MeetingType | undefined;
}

/** An event read from an .ics file (a meeting or anyone's busy time); all-day events have dates, not instants. */
export interface IcsEvent {
  uid: string;
  title: string;
  description: string;
  allDay: boolean;
  /** ISO instant (UTC) for timed events, `YYYY-MM-DD` for all-day ones. */
  start: string;
  end: string;
  timeZone?: string | undefined;
  transparent: boolean;
  status: 'confirmed' | 'tentative' | 'cancelled';
  organizer?: IcsAttendee | undefined;
  attendees: IcsAttendee[];
  sequence: number;
  accountId?: string | undefined;
  meetingType?: MeetingType | undefined;
  /** Set on occurrences expanded from a recurring event. */
  recurrenceId?: string | undefined;
  /** LAST-MODIFIED (or DTSTAMP) as an ISO instant: when the event was last changed. */
  lastModified?: string | undefined;
}

/** What was wrong with an .ics file, and where. */
export class IcsError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line ? `${message} (line ${line})` : message);
    this.name = 'IcsError';
  }
}

const PRODID = '-//Outpost//Calendar//EN';
/** Recurring events are expanded up to this many occurrences each, so a never-ending RRULE cannot run away. */
const MAX_OCCURRENCES = 400;

function utcTime(iso: string): ICAL.Time {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new IcsError(`Bad instant "${iso}"`);
  return ICAL.Time.fromJSDate(date, true);
}

/** The meeting as an RFC 5545 calendar with one VEVENT (METHOD:REQUEST, an invitation). */
export function meetingToIcs(meeting: IcsMeeting): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', PRODID);
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
  calendar.updatePropertyWithValue('method', meeting.status === 'cancelled' ? 'CANCEL' : 'REQUEST');
  const event = new ICAL.Component('vevent');
  event.updatePropertyWithValue('uid', meeting.uid);
  const now = ICAL.Time.fromJSDate(new Date(), true);
  event.updatePropertyWithValue('dtstamp', now);
  event.updatePropertyWithValue('last-modified', now);
  event.updatePropertyWithValue('dtstart', utcTime(meeting.start));
  event.updatePropertyWithValue('dtend', utcTime(meeting.end));
  event.updatePropertyWithValue('summary', meeting.title);
  if (meeting.description) event.updatePropertyWithValue('description', meeting.description);
  event.updatePropertyWithValue('status', meeting.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED');
  event.updatePropertyWithValue('sequence', meeting.sequence);
  event.updatePropertyWithValue('x-outpost-time-zone', meeting.timeZone);
  if (meeting.accountId) event.updatePropertyWithValue('x-outpost-account-id', meeting.accountId);
  if (meeting.meetingType) event.updatePropertyWithValue('x-outpost-meeting-type', meeting.meetingType);
  if (meeting.organizer) {
    const organizer = event.addPropertyWithValue('organizer', `mailto:${meeting.organizer.email}`);
    organizer.setParameter('cn', meeting.organizer.name);
  }
  for (const attendee of meeting.attendees) {
    const property = event.addPropertyWithValue('attendee', `mailto:${attendee.email}`);
    property.setParameter('cn', attendee.name);
    property.setParameter('role', 'REQ-PARTICIPANT');
    property.setParameter('partstat', 'NEEDS-ACTION');
    property.setParameter('rsvp', 'TRUE');
  }
  calendar.addSubcomponent(event);
  return calendar.toString();
}

function person(property: ICAL.Property | null): IcsAttendee | undefined {
  if (!property) return undefined;
  const value = String(property.getFirstValue() ?? '');
  const email = value.replace(/^mailto:/i, '');
  const cn = property.getParameter('cn');
  return { email, name: typeof cn === 'string' ? cn : email };
}

function lineOf(text: string, fragment: string): number | undefined {
  const index = text.indexOf(fragment);
  return index < 0 ? undefined : text.slice(0, index).split('\n').length;
}

function text(component: ICAL.Component, name: string): string {
  const value = component.getFirstPropertyValue(name);
  return value === null || value === undefined ? '' : String(value);
}

function changedAt(vevent: ICAL.Component): string | undefined {
  const value = vevent.getFirstPropertyValue('last-modified') ?? vevent.getFirstPropertyValue('dtstamp');
  return value instanceof ICAL.Time ? value.toJSDate().toISOString() : undefined;
}

function eventOf(vevent: ICAL.Component, source: string, index: number): IcsEvent[] {
  const uid = text(vevent, 'uid');
  const where = `VEVENT ${index + 1}${uid ? ` (UID ${uid})` : ''}`;
  if (!uid) throw new IcsError(`${where} has no UID`, lineOf(source, 'BEGIN:VEVENT'));
  const dtstart = vevent.getFirstPropertyValue('dtstart');
  if (!(dtstart instanceof ICAL.Time)) throw new IcsError(`${where} has no valid DTSTART`, lineOf(source, `UID:${uid}`));
  const event = new ICAL.Event(vevent);
  const allDay = dtstart.isDate;
  const end = event.endDate;
  if (!end || end.compare(dtstart) < 0) throw new IcsError(`${where} ends before it starts`, lineOf(source, `UID:${uid}`));
  const zone = text(vevent, 'x-outpost-time-zone') || (dtstart.zone && dtstart.zone.tzid !== 'floating' && dtstart.zone.tzid !== 'UTC' ? dtstart.zone.tzid : '');
  const meetingType = text(vevent, 'x-outpost-meeting-type');
  const rawStatus = text(vevent, 'status').toUpperCase();
  const base: Omit<IcsEvent, 'start' | 'end'> = {
    uid,
    title: text(vevent, 'summary'),
    description: text(vevent, 'description'),
    allDay,
    timeZone: zone && isKnownTimeZone(zone) ? zone : undefined,
    transparent: text(vevent, 'transp').toUpperCase() === 'TRANSPARENT',
    status: rawStatus === 'CANCELLED' ? 'cancelled' : rawStatus === 'TENTATIVE' ? 'tentative' : 'confirmed',
    organizer: person(vevent.getFirstProperty('organizer')),
    attendees: vevent.getAllProperties('attendee').map((p) => person(p)!).filter(Boolean),
    sequence: Number(vevent.getFirstPropertyValue('sequence') ?? 0) || 0,
    accountId: text(vevent, 'x-outpost-account-id') || undefined,
    meetingType: (MEETING_TYPES as readonly string[]).includes(meetingType) ? (meetingType as MeetingType) : undefined,
    lastModified: changedAt(vevent),
  };
  const stamp = (t: ICAL.Time): string => (allDay ? (t.toString().slice(0, 10) as IsoDate) : t.toJSDate().toISOString());
  if (!event.isRecurring()) return [{ ...base, start: stamp(dtstart), end: stamp(end) }];
  const length = end.subtractDate(dtstart);
  const iterator = event.iterator();
  const out: IcsEvent[] = [];
  for (let next = iterator.next(); next && out.length < MAX_OCCURRENCES; next = iterator.next()) {
    const occurrenceEnd = next.clone();
    occurrenceEnd.addDuration(length);
    out.push({ ...base, start: stamp(next), end: stamp(occurrenceEnd), recurrenceId: stamp(next) });
  }
  return out;
}

/**
 * Every event of an .ics text, or an IcsError that says what is wrong and where; nothing is returned half-read, so a
 * caller that stores only on success never stores part of a bad file.
 */
export function parseIcs(source: string): IcsEvent[] {
  if (!/^\s*BEGIN:VCALENDAR/i.test(source)) throw new IcsError('Not an iCalendar file: it must start with BEGIN:VCALENDAR', 1);
  let parsed: unknown;
  try {
    parsed = ICAL.parse(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const quoted = /"([^"]*)"\s*$/.exec(message)?.[1];
    throw new IcsError(`Not a valid iCalendar file: ${message}`, quoted ? lineOf(source, quoted) : undefined);
  }
  const roots = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : (parsed as unknown[])) as unknown[];
  const out: IcsEvent[] = [];
  for (const root of roots) {
    const calendar = new ICAL.Component(root as never);
    if (calendar.name !== 'vcalendar') throw new IcsError(`Expected a VCALENDAR, found ${calendar.name.toUpperCase()}`);
    calendar.getAllSubcomponents('vevent').forEach((vevent, index) => {
      try {
        out.push(...eventOf(vevent, source, index));
      } catch (error) {
        if (error instanceof IcsError) throw error;
        throw new IcsError(`VEVENT ${index + 1} could not be read: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }
  return out;
}

/** The meeting an exported invitation carries, read back (the inverse of meetingToIcs). */
export function icsMeetingOf(event: IcsEvent): IcsMeeting {
  if (event.allDay) throw new IcsError(`Event ${event.uid} is an all-day event, not a meeting`);
  return {
    uid: event.uid,
    title: event.title,
    description: event.description,
    start: event.start,
    end: event.end,
    timeZone: event.timeZone ?? 'UTC',
    organizer: event.organizer,
    attendees: event.attendees,
    status: event.status === 'cancelled' ? 'cancelled' : 'confirmed',
    sequence: event.sequence,
    accountId: event.accountId,
    meetingType: event.meetingType,
  };
}
