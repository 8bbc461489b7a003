import { DateTime } from 'luxon';
import type { Activity } from '../model';
import type { TaskPriority } from '../playbooks/playbook-definition';
import type { Task } from '../tasks/task';

/** One next step agreed in a meeting; `createTask` puts it on the assignee's My day. */
export interface NextStep {
  title: string;
  /** `YYYY-MM-DD`, the CSM's calendar day. */
  dueDate: string;
  createTask: boolean;
  priority?: TaskPriority | undefined;
}

export interface MeetingOutcome {
  outcome: string;
  nextSteps: NextStep[];
}

/** Bad outcome input, with what is wrong and where ("Next step 2: …"); nothing is written when it is thrown. */
export class MeetingOutcomeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MeetingOutcomeError';
  }
}

export const MAX_NEXT_STEPS = 20;
const TITLE_MAX = 300; // the task schema's title length
const DETAIL_MAX = 2000; // the task schema's detail length
const OUTCOME_MAX = 10_000; // the activity schema's outcome length

function isCalendarDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

/** The outcome trimmed, empty next steps (no title) dropped; refuses what could not be stored, naming the step. */
export function checkMeetingOutcome(input: MeetingOutcome): MeetingOutcome {
  const outcome = input.outcome.trim();
  if (!outcome) throw new MeetingOutcomeError('Say what came of the meeting');
  if (outcome.length > OUTCOME_MAX) throw new MeetingOutcomeError(`The outcome is ${outcome.length} characters; at most ${OUTCOME_MAX}`);
  const steps = input.nextSteps.map((s) => ({ ...s, title: s.title.trim(), dueDate: s.dueDate.trim() })).filter((s) => s.title !== '');
  if (steps.length > MAX_NEXT_STEPS) throw new MeetingOutcomeError(`${steps.length} next steps; at most ${MAX_NEXT_STEPS}`);
  steps.forEach((step, i) => {
    const where = `Next step ${i + 1} ("${step.title.slice(0, 40)}")`;
    if (step.title.length > TITLE_MAX) throw new MeetingOutcomeError(`${where}: the title is ${step.title.length} characters; at most ${TITLE_MAX}`);
    if (step.createTask && !isCalendarDay(step.dueDate)) throw new MeetingOutcomeError(`${where}: give the task a due date (YYYY-MM-DD), not "${step.dueDate}"`);
    if (!step.createTask && step.dueDate && !isCalendarDay(step.dueDate)) throw new MeetingOutcomeError(`${where}: "${step.dueDate}" is not a date (YYYY-MM-DD)`);
  });
  return { outcome, nextSteps: steps };
}

/** The meeting's next steps as the text kept on it (shown on the timeline). */
export function nextStepsText(steps: readonly NextStep[]): string {
  return steps.map((s) => `- ${s.title}${s.dueDate ? ` (due ${s.dueDate})` : ''}${s.createTask ? ' [task]' : ''}`).join('\n');
}

/** A week after the meeting, on the CSM's calendar: the due date a next step starts with. */
export function defaultNextStepDue(meetingStart: string, timeZone: string): string {
  const start = DateTime.fromISO(meetingStart, { zone: timeZone });
  return (start.isValid ? start : DateTime.fromISO(meetingStart, { zone: 'UTC' })).plus({ days: 7 }).toISODate() ?? '';
}

/** One id per meeting and step position, so logging the outcome again does not make the same task twice. */
export function followUpTaskId(meetingId: string, index: number): string {
  return `${meetingId}:next-${index + 1}`;
}

export type FollowUpTask = Omit<Task, 'updatedAt' | 'fieldStamps'>;

/**
 * The tasks a logged outcome creates: one per next step marked `createTask`, on the meeting's account (scoped as the
 * meeting is, so it follows the account), linked to the meeting (`meetingId`), assigned to the person logging it.
 */
export function followUpTasks(args: {
  meeting: Pick<Activity, 'id' | 'accountId' | 'ownerId' | 'teamId' | 'subject' | 'occurredAt'>;
  accountName: string;
  outcome: MeetingOutcome;
  assignee: { id: string; name: string };
  now: Date;
}): FollowUpTask[] {
  const { meeting, outcome, assignee } = args;
  const day = meeting.occurredAt.slice(0, 10);
  return outcome.nextSteps.flatMap((step, index) =>
    step.createTask
      ? [
          {
            id: followUpTaskId(meeting.id, index),
            ownerId: meeting.ownerId,
            teamId: meeting.teamId,
            accountId: meeting.accountId,
            accountName: args.accountName,
            executionId: '',
            stepId: '',
            meetingId: meeting.id,
            title: step.title,
            detail: `Next step from ${meeting.subject} on ${day}. Outcome: ${outcome.outcome}`.slice(0, DETAIL_MAX),
            type: 'manual' as const,
            priority: step.priority ?? 'medium',
            dueDate: step.dueDate,
            status: 'open' as const,
            assigneeId: assignee.id,
            assigneeName: assignee.name,
            mailto: '',
            comments: [],
            createdAt: args.now.toISOString(),
            completedAt: '',
          },
        ]
      : [],
  );
}
