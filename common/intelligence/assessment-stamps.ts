import { getDeviceClock, stampChanges } from '../db/stamp-writes';
import type { RiskAssessment } from '../model';
import type { AssessmentFields } from './assessment';
import { sameJson } from './same-json';

/**
 * Stamps `next` (a fresh object, stamped in place): every field when new, else the changed ones (stampNew /
 * stampChanges). New assessments of one batch may share `batch`: one HLC stamp and one frozen fieldStamps object for
 * all of them (they all have the same fields, and stored documents are never changed in place), instead of a
 * sixteen-field object per account of the book.
 */
export function stampAssessment(previous: RiskAssessment | undefined, next: AssessmentFields, batch?: NewAssessmentStamps): RiskAssessment {
  const doc = next as RiskAssessment;
  if (!previous) {
    const stamps = batch ? batch.for(next) : newStamps(next, getDeviceClock().now());
    doc.updatedAt = stamps.updatedAt;
    doc.fieldStamps = stamps.fieldStamps as Record<string, string>;
    return doc;
  }
  const { updatedAt, fieldStamps } = stampChanges(previous.fieldStamps, changedFields(previous, next));
  doc.updatedAt = updatedAt;
  doc.fieldStamps = fieldStamps;
  return doc;
}

interface Stamps {
  readonly updatedAt: string;
  readonly fieldStamps: Readonly<Record<string, string>>;
}

function newStamps(next: object, stamp: string): Stamps {
  const fieldStamps: Record<string, string> = {};
  for (const key in next) if (key !== 'id') fieldStamps[key] = stamp;
  return { updatedAt: stamp, fieldStamps };
}

/** The shared stamps of one batch's new assessments (see stampAssessment); a document with other fields gets its own. */
export class NewAssessmentStamps {
  private shared: Stamps | undefined;
  private fieldCount = 0;

  for(next: object): Stamps {
    if (!this.shared) {
      this.shared = newStamps(next, getDeviceClock().now());
      Object.freeze(this.shared.fieldStamps);
      this.fieldCount = Object.keys(this.shared.fieldStamps).length;
    }
    let count = 0;
    for (const key in next) {
      if (key === 'id') continue;
      if (!(key in this.shared.fieldStamps)) return newStamps(next, this.shared.updatedAt);
      count++;
    }
    return count === this.fieldCount ? this.shared : newStamps(next, this.shared.updatedAt);
  }
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
