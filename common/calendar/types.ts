import type { IsoDate } from '../model/sync-fields';

/** A half-open span of time `[start, end)` in epoch milliseconds (UTC instants; time zones only matter at the edges). */
export interface Interval {
  start: number;
  end: number;
}

/** ISO weekday, as luxon counts it: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A wall-clock range within one day, `HH:mm`–`HH:mm` (end after start, no range across midnight). */
export interface DayRange {
  from: string;
  to: string;
}

/** Someone's working week in their own IANA time zone (`Europe/Berlin`, `America/New_York`). */
export interface WorkingHours {
  timeZone: string;
  days: Partial<Record<IsoWeekday, DayRange[]>>;
}

/** The CSM or a contact whose working hours a slot must respect. */
export interface Participant {
  id: string;
  hours: WorkingHours;
}

/** Kinds of busy time: an ordinary event, a focus block the CSM protects, or a whole day off (all-day event). */
export type BusyKind = 'event' | 'focus';

export interface BusyBlock extends Interval {
  kind: BusyKind;
}

/** An all-day event that blocks whole days, `[startDate, endDate)` as calendars store it, read in `timeZone`. */
export interface AllDayBlock {
  startDate: IsoDate;
  endDate: IsoDate;
  timeZone: string;
}

export { MEETING_TYPES, type MeetingType } from '../model/meeting-schedule';
import type { MeetingType } from '../model/meeting-schedule';

export const MEETING_TYPE_LABELS: Record<MeetingType, string> = {
  qbr: 'QBR',
  onboarding: 'Onboarding call',
  training: 'Training',
  executive_review: 'Executive review',
  renewal: 'Renewal call',
  check_in: 'Check-in',
};
