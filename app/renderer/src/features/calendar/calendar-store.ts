import { create } from 'zustand';
import type { CalendarConnectionStatus } from '../../../../../common/bridge/channels';
import type { CalendarNotice } from '../../../../../common/calendar/calendar-sync';

interface CalendarState {
  connection: CalendarConnectionStatus;
  /** A push/sync round is running. */
  busy: boolean;
  /** Meetings booked or changed here that have not reached the calendar yet. */
  pending: number;
  lastSyncedAt: string | null;
  /** The last failure, in words (offline, refused sign-in …). */
  error: string | null;
  /** What reconciliation decided for meetings changed on both sides, newest first. */
  notices: CalendarNotice[];
}

export const useCalendarStore = create<CalendarState>(() => ({
  connection: { connected: false },
  busy: false,
  pending: 0,
  lastSyncedAt: null,
  error: null,
  notices: [],
}));
