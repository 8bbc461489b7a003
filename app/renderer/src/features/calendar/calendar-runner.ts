import type { OutpostDatabase } from '../../../../../common/db/create-database';
import { pendingMeetings, pushPendingMeetings, syncCalendar } from '../../../../../common/calendar/calendar-sync';
import { getBridge } from '../../bridge/bridge';
import { bridgeCalendarProvider } from './bridge-provider';
import { useCalendarStore } from './calendar-store';

let running: Promise<void> | null = null;
let again = false;

async function round(db: OutpostDatabase): Promise<void> {
  const bridge = getBridge();
  let connection = useCalendarStore.getState().connection;
  try {
    const status = await bridge.calendarCall({ op: 'status' });
    if (status.ok) connection = status.value as typeof connection;
  } catch {
    // offline: keep the last known connection
  }
  useCalendarStore.setState({ connection });
  const kind = connection.provider;
  if (!connection.connected || !kind) {
    useCalendarStore.setState({ pending: 0 });
    return;
  }
  useCalendarStore.setState({ busy: true });
  const provider = bridgeCalendarProvider(bridge);
  try {
    const report = await pushPendingMeetings(db, provider, kind);
    if (report.notices.length > 0) {
      useCalendarStore.setState((s) => ({ notices: [...report.notices, ...s.notices].slice(0, 20) }));
      // Changed on both sides: the person is told which version was kept (also on the meeting in the Calendar page).
      for (const notice of report.notices) void bridge.notify({ title: 'Calendar change reconciled', body: notice.note.slice(0, 2000) }).catch(() => undefined);
    }
    if (report.queued > 0) {
      useCalendarStore.setState({ pending: report.queued, error: 'Offline: bookings are kept on this device and sent when the calendar can be reached.' });
      return;
    }
    await syncCalendar(db, provider, { id: `${kind}:primary`, kind, label: connection.label ?? kind });
    useCalendarStore.setState({ lastSyncedAt: new Date().toISOString(), error: null });
  } catch (error) {
    useCalendarStore.setState({ error: error instanceof Error ? error.message : String(error) });
  } finally {
    useCalendarStore.setState({ busy: false, pending: (await pendingMeetings(db, kind)).length });
  }
}

/**
 * One push-then-sync round with the connected calendar: queued bookings go out first (so the sync sees them), then
 * the calendar's changes come in. Rounds never overlap; a request during a round runs one more round after it.
 */
export function runCalendarRound(db: OutpostDatabase): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      await round(db);
    } while (again);
  })().finally(() => {
    running = null;
  });
  return running;
}
