import { BatchStamps, stampChanges } from '../db/stamp-writes';
import type { RiskAssessment } from '../model';
import type { AssessmentFields } from './assessment';
import { sameJson } from './same-json';

/**
 * Stamps `next` (a fresh object, stamped in place): every field when new, else the changed ones (stampNew /
 * stampChanges). New assessments of one batch share `batch` (see BatchStamps) instead of a sixteen-field object each.
 */
export function stampAssessment(previous: RiskAssessment | undefined, next: AssessmentFields, batch: BatchStamps = new BatchStamps()): RiskAssessment {
  const doc = next as RiskAssessment;
  if (!previous) {
    const stamps = batch.forNew(next);
    doc.updatedAt = stamps.updatedAt;
    doc.fieldStamps = stamps.fieldStamps;
    return doc;
  }
  const { updatedAt, fieldStamps } = stampChanges(previous.fieldStamps, changedFields(previous, next));
  doc.updatedAt = updatedAt;
  doc.fieldStamps = fieldStamps;
  return doc;
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
