import { DateTime } from 'luxon';
import { useId, useRef, useState } from 'react';
import { draftAgenda, meetingActivity } from '../../../../../common/calendar/book-meeting';
import { busyTimes } from '../../../../../common/calendar/busy-times';
import { readCalendarSources } from '../../../../../common/calendar/event-cache';
import { findSlots } from '../../../../../common/calendar/find-slots';
import { regionTimeZone } from '../../../../../common/calendar/time-zone';
import { MEETING_TYPE_LABELS, MEETING_TYPES, type Interval, type MeetingType, type Participant } from '../../../../../common/calendar/types';
import { todayIsoDate } from '../../../../../common/model/derived-fields';
import type { Account, Activity, Alert, Contact, MeetingAttendee } from '../../../../../common/model';
import { useFocusTrap } from '../../components/use-focus-trap';
import { useDatabase } from '../../db/database-context';
import { LOCAL_USER } from '../../session/local-user';
import { useAssessmentsStore } from '../../stores/assessments-store';
import { readCalendarSettings, workingWeek } from './calendar-settings';
import { runCalendarRound } from './calendar-runner';
import { useCalendarStore } from './calendar-store';

const DURATIONS = [30, 45, 60, 90];
const WINDOW_DAYS = 14;
const CONTACT_DAY = ['08:00', '18:00'] as const;
const DEFAULT_DURATION: Record<MeetingType, number> = { qbr: 60, onboarding: 60, training: 60, executive_review: 45, renewal: 30, check_in: 30 };

function slotLabel(slot: Interval, zone: string): string {
  const start = DateTime.fromMillis(slot.start, { zone });
  return `${start.toFormat('ccc d LLL, HH:mm')}–${DateTime.fromMillis(slot.end, { zone }).toFormat('HH:mm')}`;
}

/** Schedule a meeting with an account: type, contacts, duration → the earliest free slots → one click books it. */
export function ScheduleMeetingDialog({ account, contacts, onClose }: { account: Account; contacts: readonly Contact[]; onClose: () => void }) {
  const db = useDatabase();
  const ref = useRef<HTMLDivElement>(null);
  useFocusTrap(ref, true, onClose);
  const titleId = useId();
  const active = contacts.filter((c) => c.status === 'active');
  const [meetingType, setMeetingType] = useState<MeetingType>('qbr');
  const [duration, setDuration] = useState(DEFAULT_DURATION.qbr);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(active.filter((c) => c.role === 'champion' || c.role === 'executive_sponsor').map((c) => c.id)));
  const [slots, setSlots] = useState<Interval[] | null>(null);
  const [zone, setZone] = useState('UTC');
  const [message, setMessage] = useState('');
  const contactZone = regionTimeZone(account.region);

  async function propose() {
    const settings = await readCalendarSettings(db);
    const now = Date.now();
    const window = { start: Math.ceil((now + 3_600_000) / 900_000) * 900_000, end: now + WINDOW_DAYS * 86_400_000 };
    const events = (await readCalendarSources(db)).flatMap((s) => s.events);
    const meetings = (await db.activities.find({ selector: { schedule: { $exists: true } } as never }).exec()).map((d) => ({ ...d.schedule!, eventId: d.schedule!.calendar?.eventId }));
    const { busy, allDay } = busyTimes(events, meetings, settings.timeZone, window);
    const csm: Participant = { id: 'csm', hours: workingWeek(settings.timeZone, settings.dayStart, settings.dayEnd) };
    const request = { window, durationMinutes: duration, bufferMinutes: settings.bufferMinutes, busy, allDay, count: 5 };
    let found: Interval[] = [];
    let note = '';
    if (contactZone && chosen.size > 0) {
      // Contacts' zone is known only from the account's region; their day is taken as 08:00-18:00 there.
      found = findSlots({ ...request, participants: [csm, { id: 'contacts', hours: workingWeek(contactZone, CONTACT_DAY[0], CONTACT_DAY[1]) }] });
      if (found.length === 0) note = `No time inside both your working day and the contacts' (${contactZone}); these slots are in your working hours only.`;
    }
    if (found.length === 0) found = findSlots({ ...request, participants: [csm] });
    setZone(settings.timeZone);
    setSlots(found);
    setMessage(found.length === 0 ? `No free ${duration}-minute slot in the next ${WINDOW_DAYS} days inside your working hours.` : note);
  }

  async function book(slot: Interval) {
    const connection = useCalendarStore.getState().connection;
    const alerts = (await db.alerts.find({ selector: { accountId: account.id, status: 'open' } }).exec()).map((d) => d.toJSON() as Alert);
    const assessment = useAssessmentsStore.getState().byAccount.get(account.id);
    const attendees: MeetingAttendee[] = active.filter((c) => chosen.has(c.id)).map((c) => ({ name: c.name, email: c.email, contactId: c.id }));
    const activity: Activity = meetingActivity({
      id: crypto.randomUUID(),
      account,
      meetingType,
      slot,
      timeZone: zone,
      attendees,
      agenda: draftAgenda(meetingType, { account, assessment, openAlerts: alerts, today: todayIsoDate() }),
      actorName: LOCAL_USER.ownerName,
      provider: connection.connected ? connection.provider : undefined,
    });
    await db.activities.insert(activity);
    setSlots(null);
    setMessage(
      `Booked ${MEETING_TYPE_LABELS[meetingType]} on ${slotLabel(slot, zone)}` +
        (connection.connected ? (navigator.onLine ? ` — sending to ${connection.label}.` : ' — offline: kept on this device and sent when back online.') : ' — kept in Outpost (no calendar connected).'),
    );
    if (connection.connected) void runCalendarRound(db);
  }

  return (
    <div className="modal-backdrop">
      <div className="modal schedule-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={ref}>
        <h2 id={titleId}>Schedule a meeting with {account.name}</h2>
        <div className="schedule-fields">
          <label>
            Type
            <select
              value={meetingType}
              onChange={(e) => {
                const type = e.target.value as MeetingType;
                setMeetingType(type);
                setDuration(DEFAULT_DURATION[type]);
                setSlots(null);
              }}
            >
              {MEETING_TYPES.map((t) => (
                <option key={t} value={t}>
                  {MEETING_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Duration
            <select value={duration} onChange={(e) => (setDuration(Number(e.target.value)), setSlots(null))}>
              {DURATIONS.map((d) => (
                <option key={d} value={d}>
                  {d} minutes
                </option>
              ))}
            </select>
          </label>
        </div>
        <fieldset className="schedule-contacts">
          <legend>Contacts{contactZone ? ` (working hours in ${contactZone}, from the account's region)` : ''}</legend>
          {active.length === 0 && <p className="muted">No active contacts.</p>}
          {active.map((c) => (
            <label key={c.id}>
              <input
                type="checkbox"
                checked={chosen.has(c.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(c.id);
                  else next.delete(c.id);
                  setChosen(next);
                  setSlots(null);
                }}
              />{' '}
              {c.name} <span className="muted">({c.title || c.role})</span>
            </label>
          ))}
        </fieldset>
        <div className="modal-actions">
          <button type="button" className="primary" onClick={() => void propose()}>
            Find free slots
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
        {slots && slots.length > 0 && (
          <section aria-label="Proposed slots">
            <h3>Proposed slots ({zone})</h3>
            <ul className="slot-list" data-testid="proposed-slots">
              {slots.map((slot) => (
                <li key={slot.start}>
                  <span>{slotLabel(slot, zone)}</span>{' '}
                  <button type="button" onClick={() => void book(slot)} aria-label={`Book ${slotLabel(slot, zone)}`}>
                    Book
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        <p role="status" aria-live="polite" data-testid="schedule-status">
          {message}
        </p>
      </div>
    </div>
  );
}
