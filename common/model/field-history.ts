/**
 * A value the sync server's per-field merge discarded, kept on the account (`Account.fieldHistory`) so a person
 * can see it and put it back. Logic (union merge, restore patch) lives in common/sync/field-history.ts.
 */

/** A field value as it was: account fields are strings and numbers; `null` when the losing version had no value. */
export type HistoryValue = string | number | boolean | null;

/** A value one side of a merge had for a field and the merge discarded (before it becomes a history entry). */
export interface LosingValue {
  field: string;
  /** `undefined` when the losing version did not have the field. */
  value: unknown;
  stamp: string;
}

export interface FieldHistoryEntry {
  /** The field whose value lost, e.g. `mrr`. */
  field: string;
  /** The losing value. */
  value: HistoryValue;
  /** HLC stamp of the write that set the losing value (its node id names the device that wrote it). */
  stamp: string;
  /** HLC stamp of the write that won over it. */
  supersededBy: string;
  /** When the server recorded the loss (ISO-8601). */
  recordedAt: string;
  /** The user who wrote the losing value, when the server knows it (the one whose push lost). */
  userId?: string;
}

/** At most this many entries per account; the oldest losses (by `supersededBy`) go first. */
export const FIELD_HISTORY_CAP = 50;
