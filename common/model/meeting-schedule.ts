import type { IsoDateTime } from './sync-fields';

export const MEETING_TYPES = ['qbr', 'onboarding', 'training', 'executive_review', 'renewal', 'check_in'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export const MEETING_STATUSES = ['booked', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const CALENDAR_PROVIDERS = ['google', 'caldav'] as const;
export type CalendarProviderKind = (typeof CALENDAR_PROVIDERS)[number];

/**
 * Where the meeting lives on the CSM's external calendar, and whether Outpost's copy has reached it:
 * `pending` (booked or changed offline, queued), `synced`, or `conflict` (changed on both sides; see
 * common/calendar/reconcile.ts for the rule and `note` for what the person was told).
 */
export interface MeetingCalendarLink {
  provider: CalendarProviderKind;
  /** The provider's event id; empty until the first push created it. */
  eventId: string;
  /** The provider's version of the event (Google etag, CalDAV ETag) Outpost last saw. */
  etag: string;
  state: 'pending' | 'synced' | 'conflict';
  note?: string;
}

export interface MeetingAttendee {
  name: string;
  email: string;
  /** Contact id when the attendee is one of the account's contacts. */
  contactId?: string;
}

/** A meeting scheduled through Outpost: the schedule part of an activity of type `meeting` or `qbr`. */
export interface MeetingSchedule {
  meetingType: MeetingType;
  start: IsoDateTime;
  end: IsoDateTime;
  /** The CSM's IANA zone when it was booked (the time shown to them). */
  timeZone: string;
  attendees: MeetingAttendee[];
  status: MeetingStatus;
  /** When the schedule was last changed in Outpost (reconciliation compares it with the provider's `updated`). */
  editedAt: IsoDateTime;
  calendar?: MeetingCalendarLink;
  /** Logged after the meeting. */
  outcome?: string;
  nextSteps?: string;
}
