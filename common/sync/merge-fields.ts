import { canonicalJson } from '../json/json-equality';
import { FIELD_HISTORY_FIELD, mergeFieldHistory } from './field-history';
import type { FieldHistoryEntry, LosingValue } from '../model/field-history';

/**
 * Per-field last-writer-wins merge of two versions of one synced document. Each field's winner is the version
 * whose stamp for it is higher (`fieldStamps[field]`, or the document's `updatedAt` for a field without one, as
 * after the v0 -> v1 account migration). HLC strings sort causally and end in the node id, so equal stamps mean
 * the same write; if two versions still disagree under one stamp, the larger canonical JSON wins, which keeps the
 * merge commutative. A field absent from the winning version is absent from the result (e.g. a removed optional).
 * `fieldHistory` (values earlier merges discarded) is not a value but a log: the result holds the union of both.
 */
export interface StampedDocument {
  id: string;
  updatedAt: string;
  fieldStamps: Record<string, string>;
  [field: string]: unknown;
}

export interface MergeResult<T extends StampedDocument> {
  merged: T;
  /** The values the merge discarded, for the account's history. */
  losers: LosingValue[];
}

const BOOKKEEPING = new Set(['id', 'updatedAt', 'fieldStamps', FIELD_HISTORY_FIELD, '_meta', '_rev', '_attachments']);

function stampOf(doc: StampedDocument, field: string): string {
  return doc.fieldStamps[field] ?? doc.updatedAt;
}

function mergedFields(a: StampedDocument, b: StampedDocument): string[] {
  const fields = new Set([...Object.keys(a), ...Object.keys(b), ...Object.keys(a.fieldStamps), ...Object.keys(b.fieldStamps)]);
  return [...fields].filter((field) => !BOOKKEEPING.has(field)).sort();
}

export function mergeFields<T extends StampedDocument>(a: T, b: T): MergeResult<T> {
  if (a.id !== b.id) throw new Error(`Cannot merge different documents "${a.id}" and "${b.id}"`);
  const merged: Record<string, unknown> = { id: a.id };
  const fieldStamps: Record<string, string> = {};
  const losers: LosingValue[] = [];

  for (const field of mergedFields(a, b)) {
    const stampA = stampOf(a, field);
    const stampB = stampOf(b, field);
    const jsonA = canonicalJson(a[field]);
    const jsonB = canonicalJson(b[field]);
    const aWins = stampA !== stampB ? stampA > stampB : jsonA >= jsonB;
    const [winner, loser, winStamp, loseStamp] = aWins ? [a, b, stampA, stampB] : [b, a, stampB, stampA];
    if (winner[field] !== undefined) merged[field] = winner[field];
    // RxDB's `_deleted` is merged like a field (ordered by the document stamps) but never gets a stamp of its own.
    if (field !== '_deleted') fieldStamps[field] = winStamp;
    if (jsonA !== jsonB) losers.push({ field, value: loser[field], stamp: loseStamp });
  }

  if (a[FIELD_HISTORY_FIELD] !== undefined || b[FIELD_HISTORY_FIELD] !== undefined) {
    merged[FIELD_HISTORY_FIELD] = mergeFieldHistory(
      a[FIELD_HISTORY_FIELD] as FieldHistoryEntry[] | undefined,
      b[FIELD_HISTORY_FIELD] as FieldHistoryEntry[] | undefined,
    );
  }
  merged['updatedAt'] = a.updatedAt > b.updatedAt ? a.updatedAt : b.updatedAt;
  merged['fieldStamps'] = fieldStamps;
  return { merged: merged as T, losers };
}
