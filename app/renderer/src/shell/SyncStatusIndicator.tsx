import { useEffect, useState } from 'react';
import { useSyncStatus } from '../sync/sync-status-store';
import './sync-status.css';

function timeOf(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** Ticks once a second while a retry countdown is shown. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** Always in the shell: where the book lives and, for a team book, online/offline/syncing, pending, last sync, problems. */
export function SyncStatusIndicator() {
  const status = useSyncStatus();
  const now = useNow(status.problem?.retryAt !== undefined);

  if (status.mode === 'local') {
    return (
      <div className="sync-status" data-testid="sync-status" data-state="local" title="This device's own book; sign in under Settings → Team sync to share a team book">
        <span className="sync-dot" aria-hidden="true" /> Local book
      </div>
    );
  }

  const state = status.network === 'offline' ? 'offline' : status.syncing ? 'syncing' : 'online';
  const label = { offline: 'Offline', syncing: 'Syncing…', online: 'Online' }[state];
  const retryIn = status.problem?.retryAt === undefined ? null : Math.max(0, Math.ceil((status.problem.retryAt - now) / 1000));
  const problemText = status.problem
    ? status.problem.code === 'RATE001' && retryIn !== null
      ? `Rate limited by the server (RATE001): retrying in ${retryIn} s`
      : status.problem.message
    : null;

  return (
    <div className="sync-status" data-testid="sync-status" data-state={state} data-pending={status.pending}>
      <div role="status" aria-live="polite">
        <span className="sync-dot" aria-hidden="true" /> <span data-testid="sync-state">{label}</span>
      </div>
      <div className="sync-detail" data-testid="sync-pending">
        {status.pending === 0 ? 'All changes synced' : `${status.pending} pending ${status.pending === 1 ? 'change' : 'changes'}`}
      </div>
      <div className="sync-detail" data-testid="sync-last">
        {status.lastSyncedAt === null ? 'Not synced yet' : `Last sync ${timeOf(status.lastSyncedAt)}`}
      </div>
      {problemText && (
        <div className="sync-problem" role="alert" data-testid="sync-problem" data-code={status.problem?.code}>
          {problemText}
        </div>
      )}
      {status.refusals.length > 0 && <RefusalList />}
    </div>
  );
}

function RefusalList() {
  const refusals = useSyncStatus((s) => s.refusals);
  return (
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
  );
}
