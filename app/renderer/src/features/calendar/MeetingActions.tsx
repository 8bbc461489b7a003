import { useId, useState } from 'react';
import { meetingToIcs } from '../../../../../common/calendar/ics';
import { cancelMeeting, logMeetingOutcome } from '../../../../../common/calendar/meeting-edits';
import { defaultNextStepDue, MAX_NEXT_STEPS, type NextStep } from '../../../../../common/calendar/meeting-follow-up';
import type { Activity } from '../../../../../common/model';
import { getBridge } from '../../bridge/bridge';
import { useDatabase } from '../../db/database-context';
import { LOCAL_USER } from '../../session/local-user';
import { useSyncSession } from '../../session/session-store';
import { runCalendarRound } from './calendar-runner';

/**
 * Cancel a booked meeting (the calendar copy follows), or log its outcome and next steps afterwards; a next step
 * marked "Create a task" becomes an open task on the account (My day), linked to the meeting.
 */
export function MeetingActions({ activityId, title, held }: { activityId: string; title: string; held: boolean }) {
  const db = useDatabase();
  const session = useSyncSession((s) => s.session);
  const [logging, setLogging] = useState(false);
  const [outcome, setOutcome] = useState('');
  const [steps, setSteps] = useState<NextStep[]>([]);
  const [defaultDue, setDefaultDue] = useState('');
  const [message, setMessage] = useState('');
  const id = useId();

  async function withDoc(run: (doc: NonNullable<Awaited<ReturnType<typeof find>>>) => Promise<void>) {
    const doc = await find();
    if (!doc) return setMessage('This meeting is no longer in the book.');
    try {
      await run(doc);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  }
  function find() {
    return db.activities.findOne(activityId).exec();
  }

  async function exportIcs() {
    await withDoc(async (doc) => {
      const activity = doc.toJSON() as Activity;
      const schedule = activity.schedule!;
      const ics = meetingToIcs({
        uid: `${activity.id}@outpost`,
        title: activity.subject,
        description: activity.body,
        start: schedule.start,
        end: schedule.end,
        timeZone: schedule.timeZone,
        attendees: schedule.attendees.map((a) => ({ name: a.name, email: a.email })),
        status: schedule.status === 'cancelled' ? 'cancelled' : 'confirmed',
        sequence: 0,
        accountId: activity.accountId,
        meetingType: schedule.meetingType,
      });
      const saved = await getBridge().saveTextFile({ suggestedName: `${activity.subject.replace(/[\\/:*?"<>|]/g, '-').slice(0, 200)}.ics`, content: ics, filters: [{ name: 'iCalendar', extensions: ['ics'] }] });
      if (saved.saved) setMessage(`Invitation saved${saved.location ? ` to ${saved.location}` : ''}.`);
    });
  }

  // A held meeting has nothing left to do here; what was just logged is still said.
  if (held) return message ? <span role="status">{message}</span> : null;
  return (
    <div className="meeting-actions">
      <button type="button" onClick={() => void exportIcs()} aria-label={`Save ${title} as an .ics invitation`}>
        .ics
      </button>
      <button
        type="button"
        onClick={() =>
          void withDoc(async (doc) => {
            await cancelMeeting(doc);
            setMessage('Cancelled; attendees are told when the calendar is reached.');
            void runCalendarRound(db);
          })
        }
        aria-label={`Cancel ${title}`}
      >
        Cancel
      </button>
      <button
        type="button"
        onClick={() => {
          if (!logging)
            void find().then((doc) => {
              const schedule = doc?.schedule;
              const due = schedule ? defaultNextStepDue(schedule.start, schedule.timeZone) : '';
              setDefaultDue(due);
              setSteps((current) => (current.length ? current : [{ title: '', dueDate: due, createTask: true }]));
            });
          setLogging(!logging);
        }}
        aria-expanded={logging}
        aria-label={`Log outcome of ${title}`}
      >
        Log outcome
      </button>
      {logging && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void withDoc(async (doc) => {
              const assignee = session ? { id: session.user.id, name: session.user.name } : { id: LOCAL_USER.ownerId, name: LOCAL_USER.ownerName };
              const { tasksCreated } = await logMeetingOutcome(db, doc, { outcome, nextSteps: steps }, { assignee });
              setLogging(false);
              setMessage(`Outcome logged${tasksCreated ? `; ${tasksCreated} ${tasksCreated === 1 ? 'task' : 'tasks'} added to My day` : ''}.`);
            });
          }}
          aria-label={`Outcome of ${title}`}
        >
          <label htmlFor={`${id}-outcome`}>Outcome</label>
          <textarea id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value)} rows={2} />
          <fieldset className="next-steps">
            <legend>Next steps</legend>
            {steps.map((step, index) => {
              const change = (changes: Partial<NextStep>) => setSteps(steps.map((s, i) => (i === index ? { ...s, ...changes } : s)));
              return (
                <div className="next-step" key={index}>
                  <input aria-label={`Next step ${index + 1}`} value={step.title} onChange={(e) => change({ title: e.target.value })} maxLength={300} />
                  <input type="date" aria-label={`Due date of next step ${index + 1}`} value={step.dueDate} onChange={(e) => change({ dueDate: e.target.value })} />
                  <label>
                    <input type="checkbox" aria-label={`Create a task for next step ${index + 1}`} checked={step.createTask} onChange={(e) => change({ createTask: e.target.checked })} /> Create a task
                  </label>
                  <button type="button" onClick={() => setSteps(steps.filter((_, i) => i !== index))} aria-label={`Remove next step ${index + 1}`}>
                    Remove
                  </button>
                </div>
              );
            })}
            <button type="button" disabled={steps.length >= MAX_NEXT_STEPS} onClick={() => setSteps([...steps, { title: '', dueDate: defaultDue, createTask: true }])}>
              Add a next step
            </button>
          </fieldset>
          <button type="submit">Save outcome</button>
        </form>
      )}
      {message && <span role="status">{message}</span>}
    </div>
  );
}
