import { create } from 'zustand';

/**
 * What the shell shows about team sync. Built in the renderer from the replication states and the HTTP answers the
 * replication gets (see monitored-fetch.ts and team-replication.ts).
 */
export type SyncProblemCode = 'SYNC001' | 'RATE001' | 'AUTH';

export interface SyncProblem {
  code: SyncProblemCode;
  message: string;
  /** Epoch ms of the next automatic retry, when one is scheduled. */
  retryAt?: number;
}

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
  network: 'online' | 'offline';
  syncing: boolean;
  /** Local writes not yet acknowledged by the server. */
  pending: number;
  lastSyncedAt: number | null;
  problem: SyncProblem | null;
  /** Writes the server refused and the replica rolled back, newest first. */
  refusals: SyncRefusal[];
}

export const INITIAL_SYNC_STATUS: SyncStatusState = {
  mode: 'local',
  serverUrl: null,
  network: 'online',
  syncing: false,
  pending: 0,
  lastSyncedAt: null,
  problem: null,
  refusals: [],
};

export const useSyncStatus = create<SyncStatusState>(() => INITIAL_SYNC_STATUS);

export const syncStatus = {
  set: (patch: Partial<SyncStatusState>) => useSyncStatus.setState(patch),
  get: () => useSyncStatus.getState(),
  reset: () => useSyncStatus.setState(INITIAL_SYNC_STATUS, true),
  refused(refusals: SyncRefusal[]) {
    if (refusals.length) useSyncStatus.setState((s) => ({ refusals: [...refusals, ...s.refusals].slice(0, 20) }));
  },
  dismissRefusals: () => useSyncStatus.setState({ refusals: [] }),
};
