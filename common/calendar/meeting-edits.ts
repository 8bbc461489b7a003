import type { RxDocument } from 'rxdb';
import { stampChanges } from '../db/stamp-writes';
import type { Activity, MeetingSchedule } from '../model';

async function write(doc: RxDocument<Activity>, schedule: MeetingSchedule, extra: Partial<Activity> = {}): Promise<void> {
  const latest = doc.getLatest();
  await latest.incrementalPatch(stampChanges(latest.fieldStamps, { schedule, ...extra }) as Partial<Activity>);
}

function queued(schedule: MeetingSchedule, now: Date): MeetingSchedule {
  return { ...schedule, editedAt: now.toISOString(), ...(schedule.calendar ? { calendar: { ...schedule.calendar, state: 'pending' as const } } : {}) };
}

/** Cancels a meeting in Outpost; the calendar's copy is cancelled (attendees told) by the next round. */
export async function cancelMeeting(doc: RxDocument<Activity>, now = new Date()): Promise<void> {
  const schedule = doc.getLatest().schedule;
  if (!schedule || schedule.status === 'cancelled') return;
  await write(doc, queued({ ...schedule, status: 'cancelled' }, now), { result: 'Cancelled' });
}

/** Moves a meeting to another slot; the calendar's copy follows on the next round. */
export async function moveMeeting(doc: RxDocument<Activity>, slot: { start: number; end: number }, now = new Date()): Promise<void> {
  const schedule = doc.getLatest().schedule;
  if (!schedule) throw new Error(`Activity ${doc.id} is not a scheduled meeting`);
  const start = new Date(slot.start).toISOString();
  await write(doc, queued({ ...schedule, start, end: new Date(slot.end).toISOString(), status: 'booked' }, now), { occurredAt: start });
}

/** After the meeting: what came of it and the next steps. Stays in Outpost (the calendar event is not changed). */
export async function logMeetingOutcome(doc: RxDocument<Activity>, outcome: string, nextSteps: string): Promise<void> {
  const schedule = doc.getLatest().schedule;
  if (!schedule) throw new Error(`Activity ${doc.id} is not a scheduled meeting`);
  if (!outcome.trim()) throw new Error('Say what came of the meeting');
  await write(doc, { ...schedule, status: 'held', outcome: outcome.trim(), nextSteps: nextSteps.trim() }, { result: 'Held' });
}
