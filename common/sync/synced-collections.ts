import type { CollectionName } from '../db/collections';

/**
 * The collections a team shares through the sync server, in one list for both sides: the server keeps a store (and
 * a push validator) for each, the app replicates each. `preferences` stays on the device.
 */
export const SYNCED_COLLECTIONS = [
  'accounts',
  'contacts',
  'activities',
  'revenue',
  'usage',
  'riskassessments',
  'alerts',
  'teamsettings',
  'playbooks',
  'executions',
  'tasks',
] as const satisfies readonly CollectionName[];

export type SyncedCollectionName = (typeof SYNCED_COLLECTIONS)[number];

/**
 * Collections whose documents every device computes for itself from the book (scores, raised alerts): a device
 * writes them for every account it can read, including those the user may not change.
 */
export const DEVICE_COMPUTED_COLLECTIONS: ReadonlySet<SyncedCollectionName> = new Set(['riskassessments', 'alerts']);
