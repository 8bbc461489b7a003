import type { HybridLogicalClock } from '../clock/hlc';
import { stampChanges, stampEdit } from '../db/stamp-writes';
import { EDITABLE_ACCOUNT_FIELDS, type EditableAccountField } from '../model/account';
import { FIELD_HISTORY_CAP, type FieldHistoryEntry, type HistoryValue, type LosingValue } from '../model/field-history';
import { canonicalJson } from '../json/json-equality';
import { fieldStampOf, fieldValueOf, keyedStampParent, keysOf } from './keyed-fields';

export { FIELD_HISTORY_CAP, type FieldHistoryEntry, type HistoryValue };

/**
 * Values the sync server's per-field merge discarded, kept on the document itself (`fieldHistory`) so a person can
 * see them and put one back. The server appends an entry whenever two replicas wrote the same field concurrently
 * and the older stamp lost; entries are never edited, only added and (past the cap) dropped oldest first. Replicas
 * merge the array as a union keyed by (field, stamp), so no replica can drop another's entries by writing over them.
 */

/** The document field that holds the history; the per-field merge unions it instead of picking a winner. */
export const FIELD_HISTORY_FIELD = 'fieldHistory';

/** The longest field name a history entry can hold (the account schema's `fieldHistory[].field`). */
const HISTORY_FIELD_MAX = 128;

function entryKey(entry: Pick<FieldHistoryEntry, 'field' | 'stamp'>): string {
  return `${entry.field}\u0000${entry.stamp}`;
}

function toHistoryValue(value: unknown): HistoryValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** Newest loss first; ties broken by the whole entry, so the order is total and every replica sorts the same. */
function compareEntries(a: FieldHistoryEntry, b: FieldHistoryEntry): number {
  if (a.supersededBy !== b.supersededBy) return a.supersededBy > b.supersededBy ? -1 : 1;
  const ka = `${entryKey(a)}\u0000${canonicalJson(a)}`;
  const kb = `${entryKey(b)}\u0000${canonicalJson(b)}`;
  return ka === kb ? 0 : ka < kb ? -1 : 1;
}

/**
 * The union of two histories (entries are identified by field + stamp: one write sets one value), newest first,
 * capped. Commutative, associative and idempotent, so replicas converge whatever order they merge in.
 */
export function mergeFieldHistory(
  a: readonly FieldHistoryEntry[] | undefined,
  b: readonly FieldHistoryEntry[] | undefined,
  cap = FIELD_HISTORY_CAP,
): FieldHistoryEntry[] {
  const byKey = new Map<string, FieldHistoryEntry>();
  for (const entry of [...(a ?? []), ...(b ?? [])]) {
    const key = entryKey(entry);
    const seen = byKey.get(key);
    // The same loss recorded twice (e.g. by two server instances): keep the record that sorts first, the same rule
    // the cap uses, so capping an intermediate union never changes the final result.
    if (!seen || compareEntries(entry, seen) < 0) {
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()].sort(compareEntries).slice(0, cap);
}

export interface HistoryContext {
  /** When the server records the losses (ISO-8601). */
  recordedAt: string;
  /**
   * The version both sides started from (RxDB's `assumedMasterState`), if known. A losing value whose stamp is the
   * base's was not a concurrent edit but the value the winner knowingly replaced, so it is not history.
   */
  base?: { updatedAt: string; fieldStamps: Record<string, string> } | null;
  /** Who wrote a losing value, when known (the server knows the pushing user). */
  userOf?: (loser: LosingValue) => string | undefined;
}

/**
 * History entries for the losers of one merge (see `mergeFields`): values written concurrently that lost.
 * `merged` supplies the winning stamps (its `updatedAt` for a field without one).
 */
export function historyEntriesFor(
  losers: readonly LosingValue[],
  merged: { updatedAt: string; fieldStamps: Record<string, string> } & Record<string, unknown>,
  context: HistoryContext,
): FieldHistoryEntry[] {
  const entries: FieldHistoryEntry[] = [];
  for (const loser of losers) {
    if (loser.field === FIELD_HISTORY_FIELD) continue;
    // The account schema keeps a history entry's field name to 128 characters: a custom field with a longer name
    // still merges per field, but its lost values are not kept.
    if (loser.field.length > HISTORY_FIELD_MAX) continue;
    if (context.base && fieldStampOf(context.base, loser.field) === loser.stamp) continue;
    const value = toHistoryValue(loser.value);
    if (value === toHistoryValue(fieldValueOf(merged, loser.field))) continue;
    const userId = context.userOf?.(loser);
    entries.push({
      field: loser.field,
      value,
      stamp: loser.stamp,
      supersededBy: fieldStampOf(merged, loser.field),
      recordedAt: context.recordedAt,
      ...(userId ? { userId } : {}),
    });
  }
  return entries;
}

/**
 * Can a person put this value back? Only editable account fields and custom fields (`customFields.<name>`), and
 * only when there was a value.
 */
export function isRestorable(entry: FieldHistoryEntry): boolean {
  if (entry.value === null) return false;
  if (keyedStampParent(entry.field) === 'customFields') return typeof entry.value === 'string';
  return (EDITABLE_ACCOUNT_FIELDS as readonly string[]).includes(entry.field);
}

/** The history of one field, newest loss first (for a "previous values" popover next to the field). */
export function historyOfField(history: readonly FieldHistoryEntry[] | undefined, field: string): FieldHistoryEntry[] {
  return (history ?? []).filter((entry) => entry.field === field).sort(compareEntries);
}

type Current = { updatedAt: string; fieldStamps: Record<string, string> };

/**
 * The stamped edit patch that sets `field` (which may name one custom field, `customFields.<name>`; undefined or
 * blank removes that one) on `current`, the document as stored, ready for `doc.incrementalPatch(patch)`.
 */
export function setFieldPatch(current: Current, field: string, value: unknown, clock?: HybridLogicalClock): Record<string, unknown> & { updatedAt: string; fieldStamps: Record<string, string> } {
  const parent = keyedStampParent(field);
  if (parent === undefined) return stampChanges(current.fieldStamps, { [field]: value }, clock);
  const next = { ...keysOf((current as Record<string, unknown>)[parent]) };
  const key = field.slice(parent.length + 1);
  if (value === undefined || value === null || value === '') delete next[key];
  else next[key] = value;
  return stampEdit(current as Current & Record<string, unknown>, { [parent]: next }, clock);
}

/** The current value of the field a history entry names (one custom field for `customFields.<name>`). */
export function currentValueOf(current: object, entry: FieldHistoryEntry): unknown {
  return fieldValueOf(current, entry.field);
}

/**
 * The stamped edit patch that restores a lost value: an ordinary edit (new stamp for the field, so it wins the
 * next merge everywhere), ready for `doc.incrementalPatch(patch)`. The history entry itself stays: restoring is
 * just another write, and the value it replaces becomes history only if someone else wrote it concurrently.
 */
export function restoreFieldPatch(
  current: Current,
  entry: FieldHistoryEntry,
  clock?: HybridLogicalClock,
): Record<string, unknown> & { updatedAt: string; fieldStamps: Record<string, string> } {
  if (!isRestorable(entry)) {
    throw new Error(
      entry.value === null
        ? `Cannot restore "${entry.field}": the lost version had no value`
        : `"${entry.field}" is not a field a person can edit, so it cannot be restored`,
    );
  }
  return setFieldPatch(current, entry.field, entry.value, clock);
}
