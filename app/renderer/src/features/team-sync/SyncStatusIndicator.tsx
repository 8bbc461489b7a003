import { useSyncStatus } from './sync-status-store';
import { useNow } from './use-now';
import { syncProblemText } from './sync-problem-text';
import './sync-status.css';

function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

const PHASE_LABELS = { online: 'Online', offline: 'Offline', syncing: 'Syncing…' } as const;

/**
 * Always in the shell. On the device's own book it says so; on a team book it shows online / offline / syncing,
 * pending local changes, the last successful sync, the last error with its code (SYNC001, RATE001, …) and when the
 * next retry happens, and writes the server refused.
 */
export function SyncStatusIndicator() {
  const { mode, status, sessionEnded, refusals } = useSyncStatus();
  const nextRetryAt = status.lastError?.nextRetryAt ?? null;
  const now = useNow(nextRetryAt !== null);

  if (mode === 'local') {
    return (
      <div className="sync-status" data-testid="sync-status" data-state="local" title="This device's own book. Sign in under Settings → Team sync to work on a team book.">
        <span className="sync-dot" aria-hidden="true" /> Local book
      </div>
    );
  }

  const retryIn = nextRetryAt === null ? null : Math.max(0, Math.ceil((Date.parse(nextRetryAt) - now) / 1000));
  const error = status.lastError;
  const problem = sessionEnded
    ? { code: 'AUTH005', text: sessionEnded }
    : error
      ? {
          code: error.code,
          text: syncProblemText(error, retryIn),
        }
      : null;

  return (
    <div className="sync-status" data-testid="sync-status" data-state={status.phase} data-pending={status.pendingChanges}>
      <div role="status" aria-live="polite">
        <span className="sync-dot" aria-hidden="true" /> <span data-testid="sync-state">{PHASE_LABELS[status.phase]}</span>
      </div>
      <div className="sync-detail" data-testid="sync-pending">
        {status.pendingChanges === 0
          ? 'All changes synced'
          : `${status.pendingChanges} pending ${status.pendingChanges === 1 ? 'change' : 'changes'}`}
      </div>
      <div className="sync-detail" data-testid="sync-last">
        {status.lastSyncedAt === null ? 'Not synced yet' : `Last sync ${timeOf(status.lastSyncedAt)}`}
      </div>
      {problem && (
        <div className="sync-problem" role="alert" data-testid="sync-problem" data-code={problem.code}>
          {problem.text}
        </div>
      )}
      {refusals.length > 0 && (
        <div className="sync-problem" role="alert" data-testid="sync-refusals">
          <ul>
            {refusals.slice(0, 3).map((refusal) => (
              <li key={`${refusal.collection}/${refusal.id}/${refusal.at}`}>{refusal.message}</li>
            ))}
          </ul>
          <button type="button" onClick={() => useSyncStatus.setState({ refusals: [] })}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
