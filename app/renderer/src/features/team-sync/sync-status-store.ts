import { create } from 'zustand';
import { INITIAL_SYNC_STATE, type SyncStatus } from '../../../../../common/sync/sync-status';

/**
 * What the shell shows about team sync: the status common/sync's SyncStatusTracker derives from every replication
 * request (online / offline / syncing, pending changes, last sync, last error with its code and next retry), plus
 * what only the app knows: which book is open, a session the server ended, and writes it refused and rolled back.
 */
export interface SyncRefusal {
  id: string;
  collection: string;
  message: string;
  at: number;
}

export interface SyncStatusState {
  /** 'local': the device's own book, nothing syncs; 'team': a replica of a sync server. */
  mode: 'local' | 'team';
  serverUrl: string | null;
  status: SyncStatus;
  /** Set when the server ended the session (refresh refused): sync stops until the person signs in again. */
  sessionEnded: string | null;
  /** Writes the server refused and the replica rolled back, newest first. */
  refusals: SyncRefusal[];
  /**
   * While the replica pulls what the server had when it opened (a first sync, or catching up after a while): documents
   * pulled of the total the server counted (null: not counted yet, or a server that cannot count), and when this
   * window began, for the time left. null once every collection has pulled it.
   */
  firstSync: { pulled: number; total: number | null; startedAt: number } | null;
  /**
   * While accounts re-assigned to this person, or within the team they lead, arrive (the server announced them:
   * common/sync/arrival-progress.ts): documents received of those announced, whether they are this person's own, and
   * when the first announcement came, for the time left. null otherwise.
   */
  arrival: { received: number; total: number; yours: boolean; startedAt: number } | null;
}

export const INITIAL_SYNC_STATUS: SyncStatusState = {
  mode: 'local',
  serverUrl: null,
  status: INITIAL_SYNC_STATE.status,
  sessionEnded: null,
  refusals: [],
  firstSync: null,
  arrival: null,
};

export const useSyncStatus = create<SyncStatusState>(() => INITIAL_SYNC_STATUS);

export const syncStatus = {
  set: (patch: Partial<SyncStatusState>) => useSyncStatus.setState(patch),
  get: () => useSyncStatus.getState(),
  refused(refusals: SyncRefusal[]) {
    if (refusals.length) useSyncStatus.setState((s) => ({ refusals: [...refusals, ...s.refusals].slice(0, 20) }));
  },
  dismissRefusals: () => useSyncStatus.setState({ refusals: [] }),
};
