/**
 * Fields whose value is an object of independent entries (an account's `customFields`: the team's own columns)
 * merge and are stamped per key, so two people editing different entries concurrently both keep their edit.
 *
 * Stamps: `fieldStamps['customFields.<key>']` is the last write of that one key (a removed key keeps its stamp, so
 * the removal wins over older values); `fieldStamps['customFields']` (or `updatedAt` without it) is the last write of
 * the whole object, which every key holds as of then. A key's stamp is the larger of the two, so a writer that
 * replaces the whole object (one stamp for the field, as stampChanges does) still overrides every key.
 */

export const KEYED_FIELDS: ReadonlySet<string> = new Set(['customFields']);

export function isKeyedField(field: string): boolean {
  return KEYED_FIELDS.has(field);
}

interface Stamped {
  updatedAt: string;
  fieldStamps: Record<string, string>;
}

/** The keyed field a stamp key `field.key` belongs to, or undefined for a plain field's stamp. */
export function keyedStampParent(stampKey: string): string | undefined {
  const dot = stampKey.indexOf('.');
  if (dot <= 0) return undefined;
  const parent = stampKey.slice(0, dot);
  return isKeyedField(parent) ? parent : undefined;
}

/** The entries of a keyed field's value; anything but a plain object holds none. */
export function keysOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The keys of `field` that have a stamp of their own in `doc`. */
export function keyedStampsOf(doc: Stamped, field: string): string[] {
  const prefix = `${field}.`;
  return Object.keys(doc.fieldStamps)
    .filter((stampKey) => stampKey.startsWith(prefix))
    .map((stampKey) => stampKey.slice(prefix.length));
}

/** The stamp of the last write of a keyed field as a whole. */
export function wholeStampOf(doc: Stamped, field: string): string {
  return doc.fieldStamps[field] ?? doc.updatedAt;
}

/**
 * The stamp a merge compares for `field`, which may name one entry of a keyed field (`customFields.Region`): the
 * entry's own stamp or the whole field's, whichever is later; a plain field's stamp or `updatedAt`.
 */
export function fieldStampOf(doc: Stamped, field: string): string {
  const parent = keyedStampParent(field);
  if (parent === undefined) return doc.fieldStamps[field] ?? doc.updatedAt;
  const own = doc.fieldStamps[field];
  const whole = wholeStampOf(doc, parent);
  return own !== undefined && own > whole ? own : whole;
}

/** The value of `field` in `doc`, where `field` may name one entry of a keyed field. */
export function fieldValueOf(doc: object, field: string): unknown {
  const fields = doc as Record<string, unknown>;
  const parent = keyedStampParent(field);
  if (parent === undefined) return fields[field];
  return keysOf(fields[parent])[field.slice(parent.length + 1)];
}

/**
 * The stamp keys a change from `before` to `after` of `field` must get: one per entry that differs for a keyed
 * field (added, changed or removed), the field itself otherwise.
 */
export function changedStampKeys(field: string, before: unknown, after: unknown, same: (x: unknown, y: unknown) => boolean): string[] {
  if (!isKeyedField(field)) return [field];
  const was = keysOf(before);
  const now = keysOf(after);
  const keys = new Set([...Object.keys(was), ...Object.keys(now)]);
  return [...keys].filter((key) => !same(was[key], now[key])).map((key) => `${field}.${key}`);
}
