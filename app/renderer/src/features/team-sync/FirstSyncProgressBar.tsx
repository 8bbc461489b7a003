import { formatCount } from '../../../../../common/format/format';
import { secondsLeft, timeLeftText } from '../../../../../common/progress/time-left';
import { useSyncStatus } from './sync-status-store';
import { useNow } from './use-now';

/** A catch-up of fewer documents is over in a moment and not announced. */
export const FIRST_SYNC_SHOWN_FROM = 1000;

/**
 * A counted progress bar while the team book's replica pulls what the server had when it opened (a first sync, or
 * catching up after a long time away): documents stored of the total the server counted, and the time left at this
 * window's rate. The grid is usable meanwhile, on what has arrived. Hidden while offline (the sync status says so).
 */
export function FirstSyncProgressBar() {
  const firstSync = useSyncStatus((s) => s.firstSync);
  const offline = useSyncStatus((s) => s.mode === 'team' && s.status.phase === 'offline' && s.status.lastError !== null);
  const shown = firstSync !== null && !offline && (firstSync.total === null ? firstSync.pulled : firstSync.total) >= FIRST_SYNC_SHOWN_FROM;
  const now = useNow(shown);
  if (!shown) return null;
  const { pulled, total, startedAt } = firstSync;
  const left = total === null ? null : secondsLeft({ done: pulled, total, startedAt, startedDone: 0 }, now);
  return (
    <div className="book-fill" role="status" aria-live="polite" data-testid="first-sync-progress">
      <span>
        Getting your team book: {formatCount(pulled)}
        {total === null ? ' records so far' : ` of ${formatCount(total)} records${timeLeftText(left)}`}. You can work
        meanwhile; what has arrived is already here.
      </span>
      {total === null ? <progress aria-label="Getting your team book" /> : <progress max={total} value={Math.min(pulled, total)} aria-label="Getting your team book" />}
    </div>
  );
}
