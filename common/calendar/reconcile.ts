import type { MeetingSchedule } from '../model/meeting-schedule';
import type { RemoteEvent } from './provider';

export interface Reconciliation {
  winner: 'outpost' | 'calendar';
  schedule: MeetingSchedule;
  /** What the person is told. */
  note: string;
}

function when(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ') + ' UTC';
}

/**
 * The rule for a meeting changed on both sides (Outpost's copy edited, offline or not, while the calendar's event
 * changed too): **the later change wins, as a whole meeting** — Outpost's `editedAt` against the provider's `updated`;
 * on a tie the calendar wins (it is what the attendees already see). Fields are not merged one by one: a time moved
 * on one side and attendees changed on the other would make a meeting nobody asked for. The losing version is named in
 * the note, so the person can redo it.
 */
export function reconcileMeeting(local: MeetingSchedule, remote: RemoteEvent): Reconciliation {
  if (local.editedAt > remote.updated) {
    return {
      winner: 'outpost',
      schedule: local,
      note: `Changed in Outpost and in the calendar: your later Outpost change (${when(local.editedAt)}) replaced the calendar's (${when(remote.updated)}).`,
    };
  }
  const schedule: MeetingSchedule = {
    ...local,
    start: remote.allDay ? local.start : remote.start,
    end: remote.allDay ? local.end : remote.end,
    attendees: remote.attendees.length > 0 ? remote.attendees : local.attendees,
    status: remote.status === 'cancelled' ? 'cancelled' : local.status === 'cancelled' ? 'booked' : local.status,
    editedAt: remote.updated,
  };
  return {
    winner: 'calendar',
    schedule,
    note: `Changed in Outpost and in the calendar: the calendar's later change (${when(remote.updated)}) was kept; your Outpost change (${when(local.editedAt)}) was not applied.`,
  };
}

/** A calendar-side change to a meeting Outpost has no pending change for: the calendar's version is taken as is. */
export function meetingFromCalendar(local: MeetingSchedule, remote: RemoteEvent): MeetingSchedule {
  if (remote.status === 'cancelled') return { ...local, status: 'cancelled', editedAt: remote.updated };
  return { ...reconcileMeeting({ ...local, editedAt: '' }, remote).schedule };
}
