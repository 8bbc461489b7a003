import { useEffect } from 'react';
import { useDatabase } from '../../db/database-context';

const ROUND_EVERY_MS = 60_000;

/**
 * Keeps the connected calendar in step for the session: at start, every minute, and as soon as the network is back
 * (queued bookings go out then). The calendar code loads on the first round, not with the first screen.
 */
export function CalendarService() {
  const db = useDatabase();
  useEffect(() => {
    const run = () => void import('./calendar-runner').then((m) => m.runCalendarRound(db));
    const first = window.setTimeout(run, 1_000);
    window.addEventListener('online', run);
    const timer = window.setInterval(run, ROUND_EVERY_MS);
    return () => {
      window.clearTimeout(first);
      window.removeEventListener('online', run);
      window.clearInterval(timer);
    };
  }, [db]);
  return null;
}
