/**
 * Fields every account-scoped document carries so team sync (the sync server) can route and merge it:
 * a stable id, the owner and team it belongs to, and a hybrid-logical-clock stamp per write and per field.
 * Deletes are soft: RxDB's `_deleted` tombstone is kept and replicated, never purged on the device.
 */
export interface SyncFields {
  /** Stable, globally unique id (UUID, or a deterministic id derived from the natural key). */
  id: string;
  /** User id of the owning CSM. */
  ownerId: string;
  /** Team the document belongs to. */
  teamId: string;
  /** HLC stamp of the last write (see common/clock/hlc.ts); sorts in causal order. */
  updatedAt: string;
  /** HLC stamp per field of the last write that changed it: the basis for per-field last-writer-wins merges. */
  fieldStamps: Record<string, string>;
}

/** ISO-8601 calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** ISO-8601 instant with timezone, e.g. `2026-03-01T14:30:00.000Z`. */
export type IsoDateTime = string;
