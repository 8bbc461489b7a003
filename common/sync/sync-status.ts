import { BehaviorSubject, type Observable } from 'rxjs';
import { distinctUntilChanged, map } from 'rxjs/operators';
import type { SyncErrorCode } from './error-codes';

/**
 * What the app shows about team sync: online / offline / syncing, how many local changes wait to be pushed, the
 * last successful sync and the last refusal or failure (with its code and when the next retry happens).
 * The state is a pure function of events (`reduceSyncStatus`); `SyncStatusTracker` only holds it in an observable.
 */
export type SyncPhase = 'online' | 'offline' | 'syncing';

export interface SyncProblem {
  code: SyncErrorCode;
  message: string;
  /** ISO-8601. */
  at: string;
  /** ISO-8601 time of the next automatic retry, or null when nothing will retry by itself (e.g. PERM001). */
  nextRetryAt: string | null;
}

export interface SyncStatus {
  phase: SyncPhase;
  /** Documents changed on this device and not yet acknowledged by the server. */
  pendingChanges: number;
  /** ISO-8601 time of the last request the server answered successfully; null before the first. */
  lastSyncedAt: string | null;
  lastError: SyncProblem | null;
}

export type SyncEvent =
  | { type: 'request-started'; at: string }
  | { type: 'request-succeeded'; at: string }
  /** `reachable` false: the server could not be reached at all (offline). */
  | { type: 'request-failed'; at: string; code: SyncErrorCode; message: string; reachable: boolean; nextRetryAt: string | null }
  | ({ type: 'local-change' } & DocumentVersion)
  | ({ type: 'pushed' } & DocumentVersion)
  /** A bulk write's or a push's documents in one event: one copy of the pending set and one status for all of them. */
  | { type: 'local-changes'; changes: readonly DocumentVersion[] }
  | { type: 'pushed-changes'; changes: readonly DocumentVersion[] }
  | { type: 'stream-connected'; at: string }
  | { type: 'stream-lost'; at: string };

/** A document (`collection:id`) and the version (updatedAt) written or pushed. */
export interface DocumentVersion {
  key: string;
  version: string;
}

/** The tracker's full state: the status plus what it is derived from. */
export interface SyncState {
  status: SyncStatus;
  inFlight: number;
  reachable: boolean;
  /** Pending change per document key (`collection:id`) -> the version (updatedAt) last written locally. */
  pending: Readonly<Record<string, string>>;
}

export const INITIAL_SYNC_STATE: SyncState = {
  status: { phase: 'offline', pendingChanges: 0, lastSyncedAt: null, lastError: null },
  inFlight: 0,
  reachable: false,
  pending: {},
};

function phaseOf(reachable: boolean, inFlight: number, pendingChanges: number): SyncPhase {
  if (!reachable) return 'offline';
  return inFlight > 0 || pendingChanges > 0 ? 'syncing' : 'online';
}

/** One copy of the pending set per event, however many documents it names (a copy per document was quadratic). */
function withLocalChanges(pending: SyncState['pending'], changes: readonly DocumentVersion[]): SyncState['pending'] {
  if (changes.length === 0) return pending;
  const next: Record<string, string> = { ...pending };
  for (const { key, version } of changes) next[key] = version;
  return next;
}

/** Only the version that was pushed is done; a newer local write to the same document still waits. */
function withoutPushed(pending: SyncState['pending'], changes: readonly DocumentVersion[]): SyncState['pending'] {
  let next: Record<string, string> | undefined;
  for (const { key, version } of changes) {
    const waiting = (next ?? pending)[key];
    if (waiting === undefined || waiting > version) continue;
    next ??= { ...pending };
    delete next[key];
  }
  return next ?? pending;
}

export function reduceSyncStatus(state: SyncState, event: SyncEvent): SyncState {
  let { inFlight, reachable, pending } = state;
  let { lastSyncedAt, lastError } = state.status;
  switch (event.type) {
    case 'request-started':
      inFlight += 1;
      break;
    case 'request-succeeded':
      inFlight = Math.max(0, inFlight - 1);
      reachable = true;
      lastSyncedAt = event.at;
      lastError = null;
      break;
    case 'request-failed':
      inFlight = Math.max(0, inFlight - 1);
      reachable = event.reachable;
      lastError = { code: event.code, message: event.message, at: event.at, nextRetryAt: event.nextRetryAt };
      break;
    case 'local-change':
      pending = withLocalChanges(pending, [event]);
      break;
    case 'local-changes':
      pending = withLocalChanges(pending, event.changes);
      break;
    case 'pushed':
      pending = withoutPushed(pending, [event]);
      break;
    case 'pushed-changes':
      pending = withoutPushed(pending, event.changes);
      break;
    case 'stream-connected':
      reachable = true;
      break;
    case 'stream-lost':
      reachable = false;
      break;
  }
  const pendingChanges = Object.keys(pending).length;
  return {
    inFlight,
    reachable,
    pending,
    status: { phase: phaseOf(reachable, inFlight, pendingChanges), pendingChanges, lastSyncedAt, lastError },
  };
}

/** Holds the sync state for all of a device's replications; the app renders `status$`. */
export class SyncStatusTracker {
  private readonly state$ = new BehaviorSubject<SyncState>(INITIAL_SYNC_STATE);

  readonly status$: Observable<SyncStatus> = this.state$.pipe(
    map((state) => state.status),
    distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
  );

  get status(): SyncStatus {
    return this.state$.getValue().status;
  }

  record(event: SyncEvent): void {
    this.state$.next(reduceSyncStatus(this.state$.getValue(), event));
  }
}
