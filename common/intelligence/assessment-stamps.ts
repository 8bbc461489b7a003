import { BatchStamps, stampChanges } from '../db/stamp-writes';
import type { RxDocumentData } from 'rxdb';
import type { RiskAssessment } from '../model';
import type { AssessmentFields } from './assessment';
import { NEW_DOCUMENT_STORAGE_FIELDS } from './engine-storage';
import { sameJson } from '../json/json-equality';

/**
 * `next` stamped and ready to store: every field stamped when new, else the changed ones (stampNew / stampChanges).
 * New assessments of one batch share `batch` (see BatchStamps) instead of a sixteen-field object each. Built as one
 * object literal with the storage's fields (writeDocs), so none of a book's 100,000 documents grows property by
 * property; the type lists every field, so a new one cannot be left out without a compile error.
 */
export function stampAssessment(previous: RiskAssessment | undefined, next: AssessmentFields, batch: BatchStamps = new BatchStamps()): RxDocumentData<RiskAssessment> {
  const changed = previous ? changedFields(previous, next) : undefined;
  // An optional field that went away is a change too (changedFields walks next's keys only).
  if (changed && previous!.dataState !== next.dataState) changed.dataState = next.dataState;
  const { updatedAt, fieldStamps } = previous ? stampChanges(previous.fieldStamps, changed!) : batch.forNew(next);
  const storage = NEW_DOCUMENT_STORAGE_FIELDS;
  return {
    id: next.id,
    accountId: next.accountId,
    ownerId: next.ownerId,
    teamId: next.teamId,
    scoredAt: next.scoredAt,
    health: next.health,
    healthBand: next.healthBand,
    measures: next.measures,
    churnProbability: next.churnProbability,
    risk: next.risk,
    expansion: next.expansion,
    riskFactors: next.riskFactors,
    expansionFactors: next.expansionFactors,
    modelVersion: next.modelVersion,
    predictedAt: next.predictedAt,
    history: next.history,
    ...(next.dataState === undefined ? {} : { dataState: next.dataState }),
    updatedAt,
    fieldStamps,
    _deleted: storage._deleted,
    _meta: storage._meta,
    _rev: storage._rev,
    _attachments: storage._attachments,
  };
}

/** The fields of `next` that differ from `previous` (what gets a new per-field stamp). */
export function changedFields<T extends object>(previous: object, next: T): Partial<T> {
  const changed: Partial<T> = {};
  for (const key in next) {
    if (!sameJson((previous as T)[key], next[key])) changed[key] = next[key];
  }
  return changed;
}

/** Drops undefined fields (the schema has no undefined); `doc` is a fresh object, changed in place. */
export function withoutUndefined<T extends object>(doc: T): T {
  const fields = doc as Record<string, unknown>;
  for (const key in fields) if (fields[key] === undefined) delete fields[key];
  return doc;
}
