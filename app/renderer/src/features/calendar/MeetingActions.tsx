import { useId, useState } from 'react';
import { meetingToIcs } from '../../../../../common/calendar/ics';
import { cancelMeeting, logMeetingOutcome } from '../../../../../common/calendar/meeting-edits';
import type { Activity } from '../../../../../common/model';
import { getBridge } from '../../bridge/bridge';
import { useDatabase } from '../../db/database-context';
import { runCalendarRound } from './calendar-runner';

/** Cancel a booked meeting (the calendar copy follows), or log its outcome and next steps afterwards. */
export function MeetingActions({ activityId, title, held }: { activityId: string; title: string; held: boolean }) {
  const db = useDatabase();
  const [logging, setLogging] = useState(false);
  const [outcome, setOutcome] = useState('');
  const [nextSteps, setNextSteps] = useState('');
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

  if (held) return null;
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
      <button type="button" onClick={() => setLogging(!logging)} aria-expanded={logging} aria-label={`Log outcome of ${title}`}>
        Log outcome
      </button>
      {logging && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void withDoc(async (doc) => {
              await logMeetingOutcome(doc, outcome, nextSteps);
              setLogging(false);
              setMessage('Outcome logged.');
            });
          }}
        >
          <label htmlFor={`${id}-outcome`}>Outcome</label>
          <textarea id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value)} rows={2} />
          <label htmlFor={`${id}-next`}>Next steps</label>
          <textarea id={`${id}-next`} value={nextSteps} onChange={(e) => setNextSteps(e.target.value)} rows={2} />
          <button type="submit">Save outcome</button>
        </form>
      )}
      {message && <span role="status">{message}</span>}
    </div>
  );
}
