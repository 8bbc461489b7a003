import { formatCount } from '../../../../../common/format/format';
import { secondsLeft, timeLeftText } from '../../../../../common/progress/time-left';
import { FIRST_SYNC_SHOWN_FROM } from './FirstSyncProgressBar';
import { useSyncStatus } from './sync-status-store';
import { useNow } from './use-now';

/**
 * A counted progress bar while accounts re-assigned to this person, or within the team they lead, arrive (an Admin's
 * or CS Manager's bulk move, announced by the server with how many documents it brings): records received of those,
 * and the time left at this window's rate. Small moves are over in a moment and not shown; hidden while offline.
 */
export function ArrivalProgressBar() {
  const arrival = useSyncStatus((s) => s.arrival);
  const offline = useSyncStatus((s) => s.mode === 'team' && s.status.phase === 'offline' && s.status.lastError !== null);
  const shown = arrival !== null && !offline && arrival.total >= FIRST_SYNC_SHOWN_FROM;
  const now = useNow(shown);
  if (!shown) return null;
  const { received, total, yours, startedAt } = arrival;
  const left = secondsLeft({ done: received, total, startedAt, startedDone: 0 }, now);
  const what = yours ? 'Receiving the accounts re-assigned to you' : 'Receiving accounts re-assigned within your team';
  return (
    <div className="book-fill" role="status" aria-live="polite" data-testid="arrival-progress">
      <span>
        {what}: {formatCount(received)} of {formatCount(total)} records{timeLeftText(left)}. You can work meanwhile; what
        has arrived is already here.
      </span>
      <progress max={total} value={Math.min(received, total)} aria-label={what} />
    </div>
  );
}
