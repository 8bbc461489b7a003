import { canonicalJson } from '../json/json-equality';
import { FIELD_HISTORY_FIELD, mergeFieldHistory } from './field-history';
import { fieldStampOf, isKeyedField, keyedStampParent, keyedStampsOf, keysOf, wholeStampOf } from './keyed-fields';
import type { FieldHistoryEntry, LosingValue } from '../model/field-history';

/**
 * Per-field last-writer-wins merge of two versions of one synced document. Each field's winner is the version
 * whose stamp for it is higher (`fieldStamps[field]`, or the document's `updatedAt` for a field without one, as
 * after the v0 -> v1 account migration). HLC strings sort causally and end in the node id, so equal stamps mean
 * the same write; if two versions still disagree under one stamp, the larger canonical JSON wins, which keeps the
 * merge commutative. A field absent from the winning version is absent from the result (e.g. a removed optional).
 * `fieldHistory` (values earlier merges discarded) is not a value but a log: the result holds the union of both.
 * A keyed field (`customFields`, see keyed-fields.ts) merges per key: two people editing different custom fields
 * of one account both keep their edit, and a losing key is reported as `customFields.<key>`.
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
  const stamped = [...Object.keys(a.fieldStamps), ...Object.keys(b.fieldStamps)].map((key) => keyedStampParent(key) ?? key);
  const fields = new Set([...Object.keys(a), ...Object.keys(b), ...stamped]);
  return [...fields].filter((field) => !BOOKKEEPING.has(field)).sort();
}

/** Which side wins under (stamp, canonical JSON): a total order, so the merge is commutative and associative. */
function aWinsOver(stampA: string, stampB: string, jsonA: string, jsonB: string): boolean {
  return stampA !== stampB ? stampA > stampB : jsonA >= jsonB;
}

/**
 * One keyed field merged key by key. Every key either side has (a value or a stamp of its own) gets the winning
 * key's stamp in the result; the field's whole stamp becomes the larger of the two, which every key's stamp is at
 * least, so the result's stamps (see fieldStampOf) are exactly the winners'. The object is present when either side
 * had one, or when a key has a value.
 */
function mergeKeyed(a: StampedDocument, b: StampedDocument, field: string, into: Record<string, unknown>, fieldStamps: Record<string, string>, losers: LosingValue[]) {
  const valuesA = keysOf(a[field]);
  const valuesB = keysOf(b[field]);
  const keys = new Set([...Object.keys(valuesA), ...Object.keys(valuesB), ...keyedStampsOf(a, field), ...keyedStampsOf(b, field)]);
  const result: Record<string, unknown> = {};
  for (const key of [...keys].sort()) {
    const path = `${field}.${key}`;
    const stampA = fieldStampOf(a, path);
    const stampB = fieldStampOf(b, path);
    const jsonA = canonicalJson(valuesA[key]);
    const jsonB = canonicalJson(valuesB[key]);
    const aWins = aWinsOver(stampA, stampB, jsonA, jsonB);
    const winner = aWins ? valuesA[key] : valuesB[key];
    if (winner !== undefined) result[key] = winner;
    fieldStamps[path] = aWins ? stampA : stampB;
    if (jsonA !== jsonB) losers.push({ field: path, value: aWins ? valuesB[key] : valuesA[key], stamp: aWins ? stampB : stampA });
  }
  const wholeA = wholeStampOf(a, field);
  const wholeB = wholeStampOf(b, field);
  fieldStamps[field] = wholeA > wholeB ? wholeA : wholeB;
  if (a[field] !== undefined || b[field] !== undefined || Object.keys(result).length > 0) into[field] = result;
}

export function mergeFields<T extends StampedDocument>(a: T, b: T): MergeResult<T> {
  if (a.id !== b.id) throw new Error(`Cannot merge different documents "${a.id}" and "${b.id}"`);
  const merged: Record<string, unknown> = { id: a.id };
  const fieldStamps: Record<string, string> = {};
  const losers: LosingValue[] = [];

  for (const field of mergedFields(a, b)) {
    if (isKeyedField(field)) {
      mergeKeyed(a, b, field, merged, fieldStamps, losers);
      continue;
    }
    const stampA = stampOf(a, field);
    const stampB = stampOf(b, field);
    const jsonA = canonicalJson(a[field]);
    const jsonB = canonicalJson(b[field]);
    const aWins = aWinsOver(stampA, stampB, jsonA, jsonB);
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
