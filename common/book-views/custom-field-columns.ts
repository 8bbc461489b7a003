import type { Account } from '../model';

/**
 * Custom fields (columns of an imported file the person chose to keep, `Account.customFields`) as grid columns:
 * one column per field name found in the book, with the kind its values read as, so the grid can filter and sort
 * them like its own columns.
 */

/** Column ids of custom fields start with this (built-in column ids never do). */
export const CUSTOM_COLUMN_PREFIX = 'custom:';

/** Saved views and the grid layout keep column ids of at most this many characters. */
const COLUMN_ID_MAX = 64;

/** At most this many custom columns (the most used fields first), so the column list of a view stays bounded. */
export const CUSTOM_COLUMNS_CAP = 40;

/** How a custom field's values read: numbers and ISO dates filter by range and sort as such; the rest is text. */
export type CustomFieldKind = 'text' | 'number' | 'date';

export interface CustomFieldSpec {
  /** The column id: `custom:<name>`, shortened with a hash when the name is long. */
  id: string;
  /** The field name as imported (the file's header). */
  name: string;
  kind: CustomFieldKind;
  /** How many accounts have a value for it. */
  accounts: number;
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a custom field's value reads as a number (its column filters and sorts it as one). */
export function readsAsNumber(value: string): boolean {
  return NUMBER.test(value);
}

/** A stable column id for a field name, at most 64 characters. */
export function customColumnId(name: string): string {
  const id = `${CUSTOM_COLUMN_PREFIX}${name}`;
  if (id.length <= COLUMN_ID_MAX) return id;
  let hash = 0x811c9dc5; // FNV-1a: the same name always gives the same id
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0;
  const suffix = `~${hash.toString(36)}`;
  return `${id.slice(0, COLUMN_ID_MAX - suffix.length)}${suffix}`;
}

/** Whether a column id is a custom field's. */
export function isCustomColumnId(id: string): boolean {
  return id.startsWith(CUSTOM_COLUMN_PREFIX);
}

/**
 * The custom fields of the book, sorted by name: a field is a number column when every value it has is a plain
 * number, a date column when every value is `YYYY-MM-DD`, text otherwise. Blank values are ignored.
 */
export function customFieldSpecs(accounts: readonly Pick<Account, 'customFields'>[]): CustomFieldSpec[] {
  const seen = new Map<string, { accounts: number; number: boolean; date: boolean }>();
  for (const account of accounts) {
    const fields = account.customFields;
    if (!fields) continue;
    for (const name in fields) {
      const value = fields[name]?.trim() ?? '';
      if (value === '') continue;
      let entry = seen.get(name);
      if (!entry) seen.set(name, (entry = { accounts: 0, number: true, date: true }));
      entry.accounts++;
      if (entry.number && !NUMBER.test(value)) entry.number = false;
      if (entry.date && !ISO_DATE.test(value)) entry.date = false;
    }
  }
  return [...seen.entries()]
    .sort((a, b) => b[1].accounts - a[1].accounts || a[0].localeCompare(b[0]))
    .slice(0, CUSTOM_COLUMNS_CAP)
    .map(([name, e]) => ({ id: customColumnId(name), name, kind: e.number ? 'number' : e.date ? 'date' : 'text', accounts: e.accounts }) as CustomFieldSpec)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The value of a custom field as its column sorts and filters it; `undefined` when the account has none. */
export function customFieldValue(account: Pick<Account, 'customFields'>, spec: Pick<CustomFieldSpec, 'name' | 'kind'>): string | number | undefined {
  const raw = account.customFields?.[spec.name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (spec.kind === 'number') {
    const n = Number(raw);
    return Number.isFinite(n) ? n : undefined;
  }
  return raw;
}

/** A key that changes exactly when the set of custom columns (ids and kinds) changes. */
export function customFieldSpecsKey(specs: readonly CustomFieldSpec[]): string {
  return specs.map((s) => `${s.id}\u0000${s.kind}`).join('\u0001');
}

/** The custom fields of one account, for display: non-blank values, sorted by name. */
export function accountCustomFields(account: Pick<Account, 'customFields'>): { name: string; value: string }[] {
  return Object.entries(account.customFields ?? {})
    .filter(([, value]) => value.trim() !== '')
    .map(([name, value]) => ({ name, value }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The kind of each of `names` over the whole book (as its grid column reads it: number when every non-blank value
 * is a number, date when every one is `YYYY-MM-DD`, text otherwise; text when no account has a value).
 */
export function customFieldKinds(accounts: readonly Pick<Account, 'customFields'>[], names: readonly string[]): Map<string, CustomFieldKind> {
  const seen = new Map(names.map((name) => [name, { any: false, number: true, date: true }]));
  for (const account of accounts) {
    const fields = account.customFields;
    if (!fields) continue;
    for (const [name, entry] of seen) {
      const value = fields[name]?.trim() ?? '';
      if (value === '') continue;
      entry.any = true;
      if (entry.number && !NUMBER.test(value)) entry.number = false;
      if (entry.date && !ISO_DATE.test(value)) entry.date = false;
    }
  }
  return new Map([...seen].map(([name, e]) => [name, !e.any ? 'text' : e.number ? 'number' : e.date ? 'date' : 'text']));
}
