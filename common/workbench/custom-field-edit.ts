import { z } from 'zod';
import type { HybridLogicalClock } from '../clock/hlc';
import { stampEdit } from '../db/stamp-writes';
import { CUSTOM_FIELD_MAX, type Account } from '../model';
import { readsAsNumber, type CustomFieldKind } from '../book-views/custom-field-columns';

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * What a person may type for a custom field of each kind (the kind its grid column reads it as), as the text to
 * store; blank clears the field. Numbers may be typed with thousands separators ("1,250" is stored as "1250"), so
 * the column keeps sorting and filtering them as numbers.
 */
export function customFieldSchema(name: string, kind: CustomFieldKind): z.ZodType<string, string> {
  const text = z
    .string()
    .trim()
    .max(CUSTOM_FIELD_MAX, `${name} must be at most ${CUSTOM_FIELD_MAX} characters`)
    // eslint-disable-next-line no-control-regex
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), `${name} must be one line of text`);
  switch (kind) {
    case 'number':
      return text
        .transform((value) => value.replace(/[\s,]/g, ''))
        .refine((value) => value === '' || (readsAsNumber(value) && Number.isFinite(Number(value))), `${name} must be a number`);
    case 'date':
      return text.refine((value) => value === '' || isCalendarDate(value), `${name} must be a valid date (YYYY-MM-DD)`);
    default:
      return text;
  }
}

export type CustomFieldParse = { ok: true; value: string } | { ok: false; error: string };

/** Validates what a person typed for one custom field. */
export function parseCustomField(name: string, kind: CustomFieldKind, raw: string): CustomFieldParse {
  const result = customFieldSchema(name, kind).safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: result.error.issues[0]?.message ?? `${name} is not valid` };
}

/** The account's custom fields with one field set (blank: removed); the other fields as they are. */
export function withCustomField(fields: Account['customFields'], name: string, value: string): Record<string, string> {
  const next = { ...(fields ?? {}) };
  if (value === '') delete next[name];
  else next[name] = value;
  return next;
}

/**
 * The stamped patch that sets one custom field (blank: removes it) on `latest`, the account as stored, ready for
 * `doc.incrementalPatch(patch)`: the edit path of the account page, undo included.
 */
export function customFieldPatch(
  latest: Pick<Account, 'updatedAt' | 'fieldStamps' | 'customFields'>,
  name: string,
  value: string,
  clock?: HybridLogicalClock,
): Pick<Account, 'customFields' | 'updatedAt' | 'fieldStamps'> {
  const customFields = withCustomField(latest.customFields, name, value);
  // Stamped per custom field (`customFields.<name>`), so a colleague's concurrent edit of another one is kept.
  return stampEdit(latest, { customFields }, clock);
}
