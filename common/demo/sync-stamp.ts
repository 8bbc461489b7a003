import type { SyncFields } from '../model';

/**
 * Adds the sync fields to a generated document: every field stamped with the book's single deterministic HLC stamp,
 * as `stampNew` would for a fresh write (which cannot be used here: it reads the device clock).
 */
export function withSyncFields<T extends { id: string }>(
  fields: T,
  owner: { ownerId: string; teamId: string },
  stamp: string,
): T & SyncFields {
  const doc = { ...fields, ownerId: owner.ownerId, teamId: owner.teamId, updatedAt: stamp };
  const fieldStamps: Record<string, string> = {};
  for (const key of Object.keys(doc)) if (key !== 'id' && key !== 'updatedAt') fieldStamps[key] = stamp;
  return { ...doc, fieldStamps };
}
