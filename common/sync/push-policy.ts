import { canWrite, type AccessUser, type ScopedDocument } from './access-policy';
import { DEVICE_COMPUTED_COLLECTIONS, type SyncedCollectionName } from './synced-collections';

/**
 * What a device pushes, so it never sends what the server would refuse for writes the app made by itself
 * (refusals are rolled back and reported to the person, which is right only for their own edits).
 */

/** A Viewer may change nothing on the server: their device only pulls. */
export function pushesAnything(user: AccessUser): boolean {
  return user.role !== 'viewer';
}

/**
 * Whether a pushed row stays on this device instead: a document the device computed (a risk assessment, an alert)
 * for an account the user may read but not change (e.g. a colleague's book shared with a rep, or an account that
 * moved to another owner). The owner's devices compute and push their own; when theirs arrives it replaces this one.
 * Rows of collections people edit are always pushed, so a refused edit is rolled back and the person is told.
 */
export function keepsLocal(
  user: AccessUser,
  collection: string,
  row: { assumedMasterState?: ScopedDocument | null; newDocumentState: ScopedDocument },
): boolean {
  if (!DEVICE_COMPUTED_COLLECTIONS.has(collection as SyncedCollectionName)) return false;
  return !canWrite(user, row.assumedMasterState ?? null, row.newDocumentState, collection);
}

/**
 * Which device computes an account's risk assessment and alerts: its owner's (on the device's own book, signed
 * out, every account is the user's). Everyone else receives them through sync, so a team lead's replica of 10,000
 * accounts neither rescores nor re-pushes the team's assessments.
 */
export function computesForAccount(user: AccessUser | null, account: { ownerId: string }): boolean {
  return user === null || account.ownerId === user.id;
}
