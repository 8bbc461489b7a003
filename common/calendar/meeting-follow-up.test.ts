import { describe, expect, it } from 'vitest';
import { checkMeetingOutcome, defaultNextStepDue, followUpTaskId, followUpTasks, MeetingOutcomeError, nextStepsText, type NextStep } from './meeting-follow-up';

const meeting = { id: 'm1', accountId: 'acc-1', ownerId: 'u-ann', teamId: 'team-east', subject: 'QBR: Acme', occurredAt: '2026-06-02T13:00:00.000Z' };
const step = (title: string, dueDate = '2026-06-09', createTask = true): NextStep => ({ title, dueDate, createTask });

describe('checking a logged outcome', () => {
  it('trims, drops next steps without a title, and keeps the order', () => {
    expect(checkMeetingOutcome({ outcome: '  Agreed on the pilot ', nextSteps: [step(' Send the proposal '), step('   '), step('Book the training', '', false)] })).toEqual({
      outcome: 'Agreed on the pilot',
      nextSteps: [step('Send the proposal'), step('Book the training', '', false)],
    });
  });

  it('refuses an empty outcome, a task without a valid due date, a non-date, and too long a title, naming the step', () => {
    expect(() => checkMeetingOutcome({ outcome: ' ', nextSteps: [] })).toThrow(new MeetingOutcomeError('Say what came of the meeting'));
    expect(() => checkMeetingOutcome({ outcome: 'ok', nextSteps: [step('a'), step('Send it', '')] })).toThrow(/^Next step 2 \("Send it"\): give the task a due date/);
    expect(() => checkMeetingOutcome({ outcome: 'ok', nextSteps: [step('Send it', '2026-02-30')] })).toThrow(/Next step 1 .*due date/);
    expect(() => checkMeetingOutcome({ outcome: 'ok', nextSteps: [step('Note it', 'next week', false)] })).toThrow(/"next week" is not a date/);
    expect(() => checkMeetingOutcome({ outcome: 'ok', nextSteps: [step('x'.repeat(301))] })).toThrow(/at most 300/);
    expect(() => checkMeetingOutcome({ outcome: 'ok', nextSteps: Array.from({ length: 21 }, (_, i) => step(`s${i}`)) })).toThrow(/21 next steps; at most 20/);
  });
});

describe('tasks from next steps', () => {
  const outcome = checkMeetingOutcome({ outcome: 'Agreed on the pilot', nextSteps: [step('Send the proposal', '2026-06-05'), step('Share the notes', '', false), { ...step('Book the training', '2026-06-20'), priority: 'high' }] });
  const tasks = followUpTasks({ meeting, accountName: 'Acme Corporation', outcome, assignee: { id: 'u-bob', name: 'Bob' }, now: new Date('2026-06-02T15:00:00Z') });

  it('one open task per step marked as a task, linked to the account and the meeting, scoped as the meeting', () => {
    expect(tasks.map((t) => [t.id, t.title, t.dueDate, t.priority])).toEqual([
      ['m1:next-1', 'Send the proposal', '2026-06-05', 'medium'],
      ['m1:next-3', 'Book the training', '2026-06-20', 'high'],
    ]);
    expect(tasks[0]).toMatchObject({ accountId: 'acc-1', accountName: 'Acme Corporation', meetingId: 'm1', ownerId: 'u-ann', teamId: 'team-east', status: 'open', type: 'manual', assigneeId: 'u-bob', assigneeName: 'Bob', executionId: '', createdAt: '2026-06-02T15:00:00.000Z', completedAt: '' });
    expect(tasks[0]!.detail).toBe('Next step from QBR: Acme on 2026-06-02. Outcome: Agreed on the pilot');
  });

  it('the same meeting and step position give the same task id (logging again makes no second task)', () => {
    expect(followUpTaskId('m1', 0)).toBe(tasks[0]!.id);
    expect(followUpTasks({ meeting, accountName: 'Acme Corporation', outcome, assignee: { id: 'u-bob', name: 'Bob' }, now: new Date() }).map((t) => t.id)).toEqual(tasks.map((t) => t.id));
  });

  it('keeps a long outcome within the task detail’s length', () => {
    const long = followUpTasks({ meeting, accountName: 'A', outcome: { outcome: 'x'.repeat(5000), nextSteps: [step('a')] }, assignee: { id: 'u', name: 'U' }, now: new Date() });
    expect(long[0]!.detail.length).toBe(2000);
  });

  it('the next steps text kept on the meeting lists every step', () => {
    expect(nextStepsText(outcome.nextSteps)).toBe('- Send the proposal (due 2026-06-05) [task]\n- Share the notes\n- Book the training (due 2026-06-20) [task]');
  });

  it('a next step is due a week after the meeting on the CSM’s calendar, across the DST switch', () => {
    expect(defaultNextStepDue('2026-03-24T23:30:00.000Z', 'Europe/Berlin')).toBe('2026-04-01');
    expect(defaultNextStepDue('2026-03-24T23:30:00.000Z', 'America/New_York')).toBe('2026-03-31');
  });
});
