import type { RxDocument } from 'rxdb';
import type { OutpostDatabase } from '../db/create-database';
import { stampChanges } from '../db/stamp-writes';
import type { Activity, CalendarProviderKind, MeetingCalendarLink, MeetingSchedule } from '../model';
import { applySyncResult, readCalendarSource, writeCalendarSource } from './event-cache';
import { MEETING_TYPE_LABELS } from './types';
import { CalendarProviderError, type CalendarProvider, type EventDraft, isRetryLater, type RemoteEvent } from './provider';
import { meetingFromCalendar, reconcileMeeting } from './reconcile';

export interface CalendarNotice {
  activityId: string;
  note: string;
}

export interface PushReport {
  pushed: number;
  /** Still queued: the provider could not be reached (or kept failing); they go out on the next attempt. */
  queued: number;
  notices: CalendarNotice[];
}

export function draftOf(activity: Activity): EventDraft {
  const schedule = activity.schedule!;
  return {
    activityId: activity.id,
    title: activity.subject,
    description: activity.body,
    start: schedule.start,
    end: schedule.end,
    timeZone: schedule.timeZone,
    attendees: schedule.attendees,
    accountId: activity.accountId,
    meetingType: schedule.meetingType,
    cancelled: schedule.status === 'cancelled',
  };
}

/** Human title for a meeting of an account, e.g. "QBR: Acme Corporation". */
export function meetingTitle(schedule: Pick<MeetingSchedule, 'meetingType'>, accountName: string): string {
  return `${MEETING_TYPE_LABELS[schedule.meetingType]}: ${accountName}`;
}

async function writeSchedule(doc: RxDocument<Activity>, schedule: MeetingSchedule, extra: Partial<Activity> = {}): Promise<void> {
  const latest = doc.getLatest();
  await latest.incrementalPatch(stampChanges(latest.fieldStamps, { schedule, ...extra }) as Partial<Activity>);
}

function linked(schedule: MeetingSchedule, remote: RemoteEvent, provider: CalendarProviderKind, note?: string): MeetingSchedule {
  const calendar: MeetingCalendarLink = { provider, eventId: remote.id, etag: remote.etag, state: 'synced', ...(note ? { note } : {}) };
  return { ...schedule, calendar };
}

/** Meetings booked or changed in Outpost that have not reached the calendar yet, oldest change first. */
export async function pendingMeetings(db: OutpostDatabase, provider: CalendarProviderKind): Promise<RxDocument<Activity>[]> {
  const docs = await db.activities.find({ selector: { 'schedule.calendar.state': 'pending', 'schedule.calendar.provider': provider } as never }).exec();
  return docs.sort((a, b) => (a.schedule!.editedAt < b.schedule!.editedAt ? -1 : 1));
}

async function pushOne(doc: RxDocument<Activity>, provider: CalendarProvider, kind: CalendarProviderKind): Promise<CalendarNotice | undefined> {
  const activity = doc.getLatest().toJSON() as Activity;
  const schedule = activity.schedule!;
  const link = schedule.calendar!;
  const draft = draftOf(activity);
  if (!link.eventId) {
    if (draft.cancelled) {
      await writeSchedule(doc, { ...schedule, calendar: { ...link, state: 'synced' } });
      return undefined;
    }
    const created = await provider.create(draft);
    await writeSchedule(doc, linked(schedule, created, kind));
    return undefined;
  }
  try {
    if (draft.cancelled) {
      await provider.cancel(link.eventId, link.etag || undefined);
      await writeSchedule(doc, { ...schedule, calendar: { ...link, state: 'synced' } });
      return undefined;
    }
    const updated = await provider.update(link.eventId, draft, link.etag || undefined);
    await writeSchedule(doc, linked(schedule, updated, kind));
    return undefined;
  } catch (error) {
    if (!(error instanceof CalendarProviderError) || error.code !== 'conflict') throw error;
    const remote = await provider.get(link.eventId);
    if (!remote) {
      const created = await provider.create(draft);
      await writeSchedule(doc, linked(schedule, created, kind));
      return undefined;
    }
    const decision = reconcileMeeting(schedule, remote);
    if (decision.winner === 'outpost' && draft.cancelled) {
      await provider.cancel(link.eventId);
      await writeSchedule(doc, { ...schedule, calendar: { ...link, etag: remote.etag, state: 'synced', note: decision.note } });
    } else if (decision.winner === 'outpost') {
      await writeSchedule(doc, linked(schedule, await provider.update(link.eventId, draft), kind, decision.note));
    } else {
      await writeSchedule(doc, linked(decision.schedule, remote, kind, decision.note));
    }
    return { activityId: activity.id, note: decision.note };
  }
}

/**
 * Sends queued meetings to the calendar in the order they were changed. A failure that means "try later" (offline,
 * rate limited or server errors after the provider's own retries) stops the round and leaves the rest queued; any
 * other failure marks that meeting and moves on.
 */
export async function pushPendingMeetings(db: OutpostDatabase, provider: CalendarProvider, kind: CalendarProviderKind): Promise<PushReport> {
  const report: PushReport = { pushed: 0, queued: 0, notices: [] };
  const pending = await pendingMeetings(db, kind);
  for (let i = 0; i < pending.length; i += 1) {
    const doc = pending[i]!;
    try {
      const notice = await pushOne(doc, provider, kind);
      if (notice) report.notices.push(notice);
      report.pushed += 1;
    } catch (error) {
      if (isRetryLater(error)) {
        report.queued = pending.length - i;
        break;
      }
      const schedule = doc.getLatest().schedule!;
      const note = `Could not send to the calendar: ${error instanceof Error ? error.message : String(error)}`;
      await writeSchedule(doc, { ...schedule, calendar: { ...schedule.calendar!, state: 'conflict', note } });
      report.notices.push({ activityId: doc.id, note });
    }
  }
  return report;
}

export interface SyncReport {
  fullResync: boolean;
  events: number;
  /** Outpost meetings changed from the calendar side. */
  meetingsUpdated: number;
}

/**
 * Pulls the calendar's changes into the device cache (incremental with the kept sync token; a full resync when the
 * provider says the token is gone) and applies calendar-side changes to Outpost's meetings that have no queued
 * change of their own (those are reconciled when they are pushed).
 */
export async function syncCalendar(
  db: OutpostDatabase,
  provider: CalendarProvider,
  source: { id: string; kind: CalendarProviderKind; label: string },
  now = new Date(),
): Promise<SyncReport> {
  const cached = await readCalendarSource(db, source.id);
  const result = await provider.sync(cached?.syncToken || undefined);
  const events = applySyncResult(cached?.events ?? [], result);
  await writeCalendarSource(db, { ...source, syncToken: result.nextSyncToken, syncedAt: now.toISOString(), events });
  let meetingsUpdated = 0;
  for (const remote of result.events) {
    const doc = remote.activityId
      ? await db.activities.findOne(remote.activityId).exec()
      : await db.activities.findOne({ selector: { 'schedule.calendar.eventId': remote.id } as never }).exec();
    const schedule = doc?.schedule;
    if (!doc || !schedule?.calendar || schedule.calendar.state === 'pending') continue;
    if (schedule.calendar.eventId && schedule.calendar.eventId !== remote.id) continue;
    if (schedule.calendar.etag === remote.etag) continue;
    const next = meetingFromCalendar(schedule as MeetingSchedule, remote);
    await writeSchedule(doc, linked(next, remote, source.kind), remote.title ? { subject: remote.title } : {});
    meetingsUpdated += 1;
  }
  return { fullResync: result.fullResync, events: events.length, meetingsUpdated };
}
