import type { MeetingAttendee, MeetingType } from '../model/meeting-schedule';

/** An event on the CSM's external calendar as every provider reports it (Google Calendar, CalDAV). */
export interface RemoteEvent {
  id: string;
  /** The provider's version tag; sent back as If-Match so a change made meanwhile is detected, not overwritten. */
  etag: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  title: string;
  description: string;
  allDay: boolean;
  /** ISO instants for timed events; `YYYY-MM-DD` (end exclusive) for all-day events. */
  start: string;
  end: string;
  timeZone?: string | undefined;
  /** Shown as free (does not block slots). */
  transparent: boolean;
  /** A focus block the CSM protects (Google `eventType: focusTime`, or a title starting with "Focus"). */
  focus: boolean;
  attendees: MeetingAttendee[];
  /** When the provider last changed it (ISO instant). */
  updated: string;
  /** The Outpost activity this event was booked from, when Outpost booked it. */
  activityId?: string | undefined;
}

/** One sync round: on a full resync (first sync, or the provider forgot the token) `events` replaces the cache. */
export interface SyncResult {
  events: RemoteEvent[];
  nextSyncToken: string;
  fullResync: boolean;
}

/** What Outpost writes to the provider for a meeting. */
export interface EventDraft {
  activityId: string;
  title: string;
  description: string;
  start: string;
  end: string;
  timeZone: string;
  attendees: MeetingAttendee[];
  accountId?: string | undefined;
  meetingType?: MeetingType | undefined;
  cancelled?: boolean | undefined;
}

export const PROVIDER_ERROR_CODES = ['offline', 'conflict', 'not_found', 'auth', 'rate_limited', 'server', 'invalid'] as const;
export type ProviderErrorCode = (typeof PROVIDER_ERROR_CODES)[number];

/** A provider failure Outpost can act on: `offline` and `server`/`rate_limited` after retries keep the change queued. */
export class CalendarProviderError extends Error {
  constructor(
    readonly code: ProviderErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'CalendarProviderError';
  }
}

/** Failures after which a queued change stays queued and is tried again later. */
export function isRetryLater(error: unknown): boolean {
  return error instanceof CalendarProviderError && (error.code === 'offline' || error.code === 'server' || error.code === 'rate_limited');
}

/**
 * One interface for every calendar Outpost writes to. Implementations run in the host (Electron main, or the browser
 * host's Node server), reached from the page through the bridge; tests drive them directly.
 */
export interface CalendarProvider {
  /** Changes since `syncToken`, or everything (full resync) when it is absent or the provider no longer knows it. */
  sync(syncToken?: string): Promise<SyncResult>;
  get(eventId: string): Promise<RemoteEvent | null>;
  /**
   * Creates the event under an id derived from `draft.activityId`, so a retry after a lost answer finds the first
   * one instead of booking twice.
   */
  create(draft: EventDraft): Promise<RemoteEvent>;
  /** Throws `conflict` when `ifMatch` is given and the event changed since. */
  update(eventId: string, draft: EventDraft, ifMatch?: string): Promise<RemoteEvent>;
  /** Cancels the event (attendees are told by the provider). Cancelling an event that is gone succeeds. */
  cancel(eventId: string, ifMatch?: string): Promise<void>;
}
