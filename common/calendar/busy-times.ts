import type { MeetingSchedule } from '../model/meeting-schedule';
import type { RemoteEvent } from './provider';
import type { AllDayBlock, BusyBlock, Interval } from './types';

/**
 * The CSM's busy time for slot finding, from the cached external events and Outpost's own meetings: cancelled and
 * free ("transparent") events do not count, focus blocks do, all-day events block their whole days in the CSM's zone.
 * Events outside `window` are left out. A meeting Outpost booked is counted once even when its calendar copy is cached.
 */
export function busyTimes(
  events: readonly RemoteEvent[],
  meetings: readonly (Pick<MeetingSchedule, 'start' | 'end' | 'status'> & { eventId?: string | undefined })[],
  timeZone: string,
  window: Interval,
): { busy: BusyBlock[]; allDay: AllDayBlock[] } {
  const busy: BusyBlock[] = [];
  const allDay: AllDayBlock[] = [];
  const booked = new Set(meetings.map((m) => m.eventId).filter(Boolean));
  for (const event of events) {
    if (event.status === 'cancelled' || event.transparent || booked.has(event.id)) continue;
    if (event.allDay) {
      allDay.push({ startDate: event.start, endDate: event.end, timeZone });
      continue;
    }
    const start = Date.parse(event.start);
    const end = Date.parse(event.end);
    if (end <= window.start || start >= window.end) continue;
    busy.push({ start, end, kind: event.focus ? 'focus' : 'event' });
  }
  for (const meeting of meetings) {
    if (meeting.status === 'cancelled') continue;
    const start = Date.parse(meeting.start);
    const end = Date.parse(meeting.end);
    if (end <= window.start || start >= window.end) continue;
    busy.push({ start, end, kind: 'event' });
  }
  return { busy, allDay };
}
