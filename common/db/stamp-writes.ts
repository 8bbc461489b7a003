import { HybridLogicalClock } from '../clock/hlc';
import type { SyncFields } from '../model';
import { sameJson } from '../json/json-equality';
import { changedStampKeys, isKeyedField } from '../sync/keyed-fields';

let deviceClock: HybridLogicalClock | undefined;

/** This replica's clock. The node id is random per process; a sync session may later pin it to the device id. */
export function getDeviceClock(): HybridLogicalClock {
  deviceClock ??= new HybridLogicalClock(`d${Math.random().toString(36).slice(2, 10)}`);
  return deviceClock;
}

type Stamped = Pick<SyncFields, 'updatedAt' | 'fieldStamps'>;

/** Stamps a new document: every field gets the same HLC stamp. */
export function stampNew<T extends object>(fields: T, clock: HybridLogicalClock = getDeviceClock()): T & Stamped {
  const stamp = clock.now();
  const fieldStamps: Record<string, string> = {};
  for (const key of Object.keys(fields)) if (key !== 'id') fieldStamps[key] = stamp;
  return { ...fields, updatedAt: stamp, fieldStamps };
}

/**
 * The patch for an edit: the changed fields plus a new `updatedAt` and their per-field stamps merged into the
 * document's existing ones (so a later per-field merge knows which replica changed which field last).
 */
export function stampChanges<T extends object>(
  previousStamps: Record<string, string>,
  changes: T,
  clock: HybridLogicalClock = getDeviceClock(),
): T & Stamped {
  const stamp = clock.now();
  const fieldStamps = { ...previousStamps };
  for (const key of Object.keys(changes)) fieldStamps[key] = stamp;
  return { ...changes, updatedAt: stamp, fieldStamps };
}

/**
 * The patch for an edit of a stored document: like stampChanges, except that a keyed field (an account's
 * `customFields`, see keyed-fields.ts) gets a stamp per entry that changed, not one for the whole object, so a
 * concurrent edit of another entry elsewhere is kept by the merge. The whole object's stamp stays where it was
 * (pinned to the document's `updatedAt` if it had none, which later edits of other fields would otherwise move).
 */
export type StampedContent = Stamped & Record<string, unknown>;

export function stampEdit<T extends object>(
  previous: StampedContent,
  changes: T,
  clock: HybridLogicalClock = getDeviceClock(),
): T & Stamped {
  const stamp = clock.now();
  const fieldStamps = { ...previous.fieldStamps };
  for (const [field, value] of Object.entries(changes)) {
    if (!isKeyedField(field)) {
      fieldStamps[field] = stamp;
      continue;
    }
    fieldStamps[field] ??= previous.updatedAt;
    for (const key of changedStampKeys(field, previous[field], value, sameJson)) fieldStamps[key] = stamp;
  }
  return { ...changes, updatedAt: stamp, fieldStamps };
}

type Stamps = Readonly<Stamped>;

function allFieldsStamped(fields: object, stamp: string): Stamps {
  const fieldStamps: Record<string, string> = {};
  for (const key in fields) if (key !== 'id') fieldStamps[key] = stamp;
  return { updatedAt: stamp, fieldStamps };
}

/**
 * The stamps of the new documents of one bulk write (what stampNew gives each): one HLC stamp, and one frozen
 * fieldStamps object shared by every document with the same fields as the first, instead of an object per document
 * (stored documents are never changed in place; an edit's stampChanges copies the stamps). The scoring engine
 * creates a whole book of assessments this way.
 */
export class BatchStamps {
  private shared: Stamps | undefined;
  /** The first document's field names in its own order (id left out): what a document must have to share. */
  private keys: string[] = [];

  constructor(private readonly clock: HybridLogicalClock = getDeviceClock()) {}

  /** The stamps of `fields`, a new document's fields (id included or not). */
  forNew(fields: object): Stamps {
    if (!this.shared) {
      this.shared = allFieldsStamped(fields, this.clock.now());
      Object.freeze(this.shared.fieldStamps);
      this.keys = Object.keys(this.shared.fieldStamps);
    }
    // The same names in the same order (documents made by one object literal): a comparison of interned strings per
    // field, no lookup in the stamps object. Anything else gets stamps of its own, as stampNew would make them.
    const keys = this.keys;
    let count = 0;
    for (const key in fields) {
      if (key === 'id') continue;
      if (keys[count] !== key) return allFieldsStamped(fields, this.shared.updatedAt);
      count++;
    }
    return count === keys.length ? this.shared : allFieldsStamped(fields, this.shared.updatedAt);
  }
}
