import { DateTime } from 'luxon';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { DEFAULT_CADENCES, type ExistingMeeting } from '../../../../../common/calendar/cadence';
import { importIcsCalendar } from '../../../../../common/calendar/event-cache';
import { overdueTouches } from '../../../../../common/calendar/overdue';
import { MEETING_TYPE_LABELS, type MeetingType } from '../../../../../common/calendar/types';
import { todayIsoDate } from '../../../../../common/model/derived-fields';
import type { Activity } from '../../../../../common/model';
import { getBridge } from '../../bridge/bridge';
import { useDatabase } from '../../db/database-context';
import { useAccountsStore } from '../../stores/accounts-store';
import { useAssessmentsStore } from '../../stores/assessments-store';
import { ConnectCalendarForm } from './ConnectCalendarForm';
import { MeetingActions } from './MeetingActions';
import { type CalendarSettings, defaultCalendarSettings, readCalendarSettings, writeCalendarSettings } from './calendar-settings';
import { useCachedEvents, useMeetings } from './calendar-data';
import { runCalendarRound } from './calendar-runner';
import { useCalendarStore } from './calendar-store';
import './calendar.css';

interface Entry {
  key: string;
  start: string;
  end: string;
  allDay: boolean;
  title: string;
  kind: 'meeting' | 'event' | 'focus';
  accountId?: string;
  accountName?: string;
  pending?: boolean;
  held?: boolean;
  /** What reconciliation or a refused write told the person about this meeting. */
  note?: string | undefined;
}

function useEntries(): Entry[] {
  const meetings = useMeetings();
  const events = useCachedEvents();
  const accounts = useAccountsStore((s) => s.accounts);
  return useMemo(() => {
    const names = new Map(accounts.map((a) => [a.id, a.name]));
    const booked = new Set((meetings ?? []).map((m) => m.schedule?.calendar?.eventId).filter(Boolean));
    const out: Entry[] = (meetings ?? [])
      .filter((m) => m.schedule && m.schedule.status !== 'cancelled')
      .map((m) => ({
        key: m.id,
        start: m.schedule!.start,
        end: m.schedule!.end,
        allDay: false,
        title: m.subject,
        kind: 'meeting' as const,
        accountId: m.accountId,
        accountName: names.get(m.accountId) ?? m.accountId,
        pending: m.schedule!.calendar?.state === 'pending',
        held: m.schedule!.status === 'held',
        note: m.schedule!.calendar?.note,
      }));
    for (const e of events ?? []) {
      if (booked.has(e.id) || e.status === 'cancelled') continue;
      out.push({ key: `${e.source}:${e.id}`, start: e.start, end: e.end, allDay: e.allDay, title: e.title || '(busy)', kind: e.focus ? 'focus' : 'event' });
    }
    return out.sort((a, b) => (a.start < b.start ? -1 : 1));
  }, [meetings, events, accounts]);
}

function startOf(entry: Entry, zone: string): DateTime {
  return entry.allDay ? DateTime.fromISO(entry.start, { zone }) : DateTime.fromISO(entry.start).setZone(zone);
}

function EntryLine({ entry, zone, actions = false }: { entry: Entry; zone: string; actions?: boolean }) {
  const time = entry.allDay ? 'All day' : `${startOf(entry, zone).toFormat('HH:mm')}–${DateTime.fromISO(entry.end).setZone(zone).toFormat('HH:mm')}`;
  return (
    <div className={`cal-item ${entry.kind}${entry.pending ? ' pending' : ''}`} data-testid={entry.kind === 'meeting' ? 'calendar-meeting' : 'calendar-event'}>
      <div>{time}</div>
      <div>
        {entry.title}
        {entry.pending && <span className="muted"> (not sent yet)</span>}
      </div>
      {entry.accountId && <Link href={`/accounts/${encodeURIComponent(entry.accountId)}`}>{entry.accountName}</Link>}
      {entry.held && <div className="muted">Held; outcome logged</div>}
      {entry.note && <div className="muted">{entry.note}</div>}
      {actions && entry.kind === 'meeting' && <MeetingActions activityId={entry.key} title={entry.title} held={entry.held ?? false} />}
    </div>
  );
}

function WeekView({ entries, zone }: { entries: Entry[]; zone: string }) {
  const [offset, setOffset] = useState(0);
  const monday = DateTime.now().setZone(zone).startOf('week').plus({ weeks: offset });
  const days = Array.from({ length: 7 }, (_, i) => monday.plus({ days: i }));
  const today = DateTime.now().setZone(zone).toISODate();
  return (
    <section className="panel" aria-labelledby="week-heading">
      <div className="calendar-toolbar">
        <h2 id="week-heading">Week of {monday.toFormat('d LLL yyyy')}</h2>
        <button type="button" onClick={() => setOffset(offset - 1)} aria-label="Previous week">
          ◀
        </button>
        <button type="button" onClick={() => setOffset(0)}>
          This week
        </button>
        <button type="button" onClick={() => setOffset(offset + 1)} aria-label="Next week">
          ▶
        </button>
      </div>
      <div className="week-grid">
        {days.map((day) => {
          const iso = day.toISODate();
          const items = entries.filter((e) => (e.allDay ? e.start <= iso! && iso! < e.end : startOf(e, zone).toISODate() === iso));
          return (
            <div key={iso} className={`week-day${iso === today ? ' today' : ''}`} aria-label={day.toFormat('cccc d LLLL')}>
              <h3>{day.toFormat('ccc d')}</h3>
              {items.map((e) => (
                <EntryLine key={e.key} entry={e} zone={zone} />
              ))}
            </div>
          );
        })}
      </div>
    </section>
  );
}

function Agenda({ entries, zone }: { entries: Entry[]; zone: string }) {
  const now = new Date().toISOString();
  const horizon = DateTime.now().plus({ days: 14 }).toISO()!;
  // Meetings of the last week whose outcome is not logged yet stay on the agenda, so it can be logged.
  const weekAgo = DateTime.now().minus({ days: 7 }).toISO()!;
  const shown = (e: Entry) => (e.allDay ? e.end > now.slice(0, 10) : e.end > now) || (e.kind === 'meeting' && !e.held && e.end > weekAgo);
  const upcoming = entries.filter((e) => shown(e) && e.start < horizon).slice(0, 50);
  return (
    <section className="panel" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">Agenda (next 14 days, and last week's meetings to log)</h2>
      {upcoming.length === 0 ? (
        <p className="muted">Nothing scheduled.</p>
      ) : (
        <ul className="agenda-list" data-testid="agenda">
          {upcoming.map((e) => (
            <li key={e.key}>
              <time dateTime={e.start}>{e.allDay ? `${e.start} (all day)` : startOf(e, zone).toFormat('ccc d LLL HH:mm')}</time>
              <EntryLine entry={e} zone={zone} actions />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function meetingTypeOf(activity: Activity): MeetingType {
  return activity.schedule?.meetingType ?? (activity.type === 'qbr' ? 'qbr' : 'check_in');
}

function OverdueAccounts() {
  const db = useDatabase();
  const accounts = useAccountsStore((s) => s.accounts);
  const assessments = useAssessmentsStore((s) => s.byAccount);
  const [existing, setExisting] = useState<ExistingMeeting[] | null>(null);
  useEffect(() => {
    void db.activities
      .find({ selector: { type: { $in: ['qbr', 'meeting'] } } })
      .exec()
      .then((docs) => setExisting(docs.filter((d) => d.schedule?.status !== 'cancelled').map((d) => ({ accountId: d.accountId, meetingType: meetingTypeOf(d), on: d.occurredAt.slice(0, 10) }))));
  }, [db]);
  const overdue = useMemo(() => {
    if (!existing) return [];
    const today = todayIsoDate();
    const book = accounts
      .filter((a) => a.status === 'active')
      .map((a) => {
        const band = assessments.get(a.id)?.healthBand;
        return { id: a.id, tier: a.tier, contractStart: a.contractStart, renewalDate: a.renewalDate, healthHistory: [{ on: a.contractStart, band: band === 'red' || band === 'yellow' ? band : ('green' as const) }] };
      });
    return overdueTouches(book, DEFAULT_CADENCES, existing, today).slice(0, 25);
  }, [accounts, assessments, existing]);
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  return (
    <section className="panel" aria-labelledby="overdue-heading">
      <h2 id="overdue-heading">Accounts overdue for a touch</h2>
      {existing === null ? (
        <p className="muted">Loading…</p>
      ) : overdue.length === 0 ? (
        <p className="muted">Every cadence meeting is covered.</p>
      ) : (
        <ul className="agenda-list" data-testid="overdue-accounts">
          {overdue.map((o) => (
            <li key={o.accountId}>
              <Link href={`/accounts/${encodeURIComponent(o.accountId)}`}>{names.get(o.accountId) ?? o.accountId}</Link>
              <span className="muted">
                {MEETING_TYPE_LABELS[o.meetingType]} due {o.dueOn} ({o.daysOverdue} days ago)
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SettingsForm({ settings, onSave }: { settings: CalendarSettings; onSave: (s: CalendarSettings) => void }) {
  const [draft, setDraft] = useState(settings);
  useEffect(() => setDraft(settings), [settings]);
  return (
    <form
      className="connect-form"
      aria-label="Working hours"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
      }}
    >
      <label htmlFor="cal-zone">Time zone</label>
      <input id="cal-zone" value={draft.timeZone} onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })} />
      <label htmlFor="cal-start">Working day</label>
      <span>
        <input id="cal-start" type="time" value={draft.dayStart} onChange={(e) => setDraft({ ...draft, dayStart: e.target.value })} aria-label="Day starts" /> to{' '}
        <input type="time" value={draft.dayEnd} onChange={(e) => setDraft({ ...draft, dayEnd: e.target.value })} aria-label="Day ends" /> (Monday–Friday)
      </span>
      <label htmlFor="cal-buffer">Buffer between meetings (minutes)</label>
      <input id="cal-buffer" type="number" min={0} max={120} value={draft.bufferMinutes} onChange={(e) => setDraft({ ...draft, bufferMinutes: Number(e.target.value) })} />
      <span />
      <button type="submit">Save working hours</button>
    </form>
  );
}

/** The CSM's week and agenda: Outpost meetings (linked to accounts) and their other calendars' events. */
export function CalendarPage() {
  const db = useDatabase();
  const entries = useEntries();
  const { connection, busy, pending, lastSyncedAt, error, notices } = useCalendarStore();
  const [settings, setSettings] = useState<CalendarSettings>(defaultCalendarSettings);
  const [message, setMessage] = useState('');
  useEffect(() => {
    void readCalendarSettings(db).then(setSettings);
    void runCalendarRound(db);
  }, [db]);

  async function importIcs() {
    const [file] = await getBridge().openTextFiles({ title: 'Import an .ics calendar', filters: [{ name: 'iCalendar', extensions: ['ics'] }] });
    if (!file) return;
    try {
      const source = await importIcsCalendar(db, file.name, file.text);
      setMessage(`Imported ${source.events.length} events from ${file.name}; their busy times count when slots are proposed.`);
    } catch (e) {
      setMessage(`${file.name} was not imported: ${e instanceof Error ? e.message : String(e)}. Nothing was stored.`);
    }
  }

  async function saveSettings(next: CalendarSettings) {
    try {
      DateTime.now().setZone(next.timeZone).toISO();
      if (!DateTime.now().setZone(next.timeZone).isValid) throw new Error(`Unknown time zone "${next.timeZone}"`);
      await writeCalendarSettings(db, next);
      setSettings(next);
      setMessage('Working hours saved.');
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <div className="page calendar-page">
      <h1>Calendar</h1>
      <div className="calendar-toolbar" role="status" aria-live="polite" data-testid="calendar-status">
        {connection.connected ? <span>Connected: {connection.label}</span> : <span className="muted">No calendar connected; meetings stay in Outpost.</span>}
        {lastSyncedAt && <span className="muted">last synced {DateTime.fromISO(lastSyncedAt).toFormat('HH:mm:ss')}</span>}
        {pending > 0 && <span className="badge">{pending} waiting to be sent</span>}
        {busy && <span className="muted">Syncing…</span>}
        {error && <span className="error">{error}</span>}
      </div>
      <div className="calendar-toolbar">
        <button type="button" onClick={() => void runCalendarRound(db)} disabled={!connection.connected}>
          Sync now
        </button>
        <button type="button" onClick={() => void importIcs()}>
          Import .ics…
        </button>
        <span role="status" className="muted">
          {message}
        </span>
      </div>
      {notices.length > 0 && (
        <section className="panel" aria-label="Calendar changes">
          <ul>
            {notices.map((n, i) => (
              <li key={i}>{n.note}</li>
            ))}
          </ul>
        </section>
      )}
      <div className="calendar-layout">
        <div>
          <WeekView entries={entries} zone={settings.timeZone} />
          <Agenda entries={entries} zone={settings.timeZone} />
        </div>
        <div>
          <OverdueAccounts />
          <details className="panel">
            <summary>Working hours</summary>
            <SettingsForm settings={settings} onSave={(s) => void saveSettings(s)} />
          </details>
          <details className="panel" open={!connection.connected}>
            <summary>{connection.connected ? 'Change calendar' : 'Connect a calendar'}</summary>
            <ConnectCalendarForm />
          </details>
        </div>
      </div>
    </div>
  );
}
