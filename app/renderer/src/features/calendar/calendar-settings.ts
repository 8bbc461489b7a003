import type { OutpostDatabase } from '../../../../../common/db/create-database';
import { isKnownTimeZone } from '../../../../../common/calendar/time-zone';
import type { WorkingHours } from '../../../../../common/calendar/types';

/** The CSM's scheduling preferences, kept on this device (a local document of activities). */
export interface CalendarSettings {
  timeZone: string;
  dayStart: string;
  dayEnd: string;
  bufferMinutes: number;
}

const SETTINGS_ID = 'calendar-settings';

export function defaultCalendarSettings(): CalendarSettings {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return { timeZone: zone && isKnownTimeZone(zone) ? zone : 'UTC', dayStart: '09:00', dayEnd: '17:00', bufferMinutes: 15 };
}

export async function readCalendarSettings(db: OutpostDatabase): Promise<CalendarSettings> {
  const doc = await db.activities.getLocal<CalendarSettings>(SETTINGS_ID);
  const stored = doc?.toJSON().data as Partial<CalendarSettings> | undefined;
  const settings = { ...defaultCalendarSettings(), ...stored };
  return isKnownTimeZone(settings.timeZone) ? settings : defaultCalendarSettings();
}

export async function writeCalendarSettings(db: OutpostDatabase, settings: CalendarSettings): Promise<void> {
  await db.activities.upsertLocal<CalendarSettings>(SETTINGS_ID, settings);
}

/** Monday to Friday between the CSM's day start and end, in their zone. */
export function workingWeek(zone: string, from: string, to: string): WorkingHours {
  const range = [{ from, to }];
  return { timeZone: zone, days: { 1: range, 2: range, 3: range, 4: range, 5: range } };
}
