import type { RxDocument } from 'rxdb';
import type { OutpostDatabase } from '../db/create-database';
import { stampChanges, stampNew } from '../db/stamp-writes';
import type { Activity, MeetingSchedule } from '../model';
import type { Task } from '../tasks/task';
import { checkMeetingOutcome, followUpTasks, nextStepsText, type MeetingOutcome } from './meeting-follow-up';

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

/**
 * After the meeting: what came of it and the next steps (stays in Outpost; the calendar event is not changed). Next
 * steps marked as tasks become open tasks on the account, linked to the meeting and assigned to `assignee`. The input
 * is checked whole before anything is written; the tasks are written first, under ids derived from the meeting, so
 * logging again (or after a failure between the two writes) never makes a task twice.
 */
export async function logMeetingOutcome(
  db: Pick<OutpostDatabase, 'tasks' | 'accounts'>,
  doc: RxDocument<Activity>,
  input: MeetingOutcome,
  options: { assignee: { id: string; name: string }; now?: Date },
): Promise<{ tasksCreated: number }> {
  const meeting = doc.getLatest().toJSON() as Activity;
  const schedule = meeting.schedule;
  if (!schedule) throw new Error(`Activity ${doc.id} is not a scheduled meeting`);
  const outcome = checkMeetingOutcome(input);
  const now = options.now ?? new Date();
  const account = await db.accounts.findOne(meeting.accountId).exec();
  const tasks = followUpTasks({ meeting, accountName: account?.name ?? meeting.subject, outcome, assignee: options.assignee, now });
  const existing = tasks.length ? await db.tasks.findByIds(tasks.map((t) => t.id)).exec() : new Map();
  const fresh = tasks.filter((t) => !existing.has(t.id)).map((t) => stampNew(t) as Task);
  if (fresh.length) {
    const { error } = await db.tasks.bulkInsert(fresh);
    if (error.length) throw new Error(`The next steps could not be saved as tasks: ${error.map((e) => `${e.documentId} (${e.status})`).join(', ')}`);
  }
  await write(doc, { ...schedule, status: 'held', outcome: outcome.outcome, nextSteps: nextStepsText(outcome.nextSteps) }, { result: 'Held' });
  return { tasksCreated: fresh.length };
}
