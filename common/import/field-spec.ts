import type { FieldParser } from './field-parsers';

export const IMPORT_KINDS = ['accounts', 'contacts', 'subscriptions', 'outcomes', 'usage', 'events', 'tickets', 'activities'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** One field Outpost can fill from a CSV column. */
export interface FieldSpec {
  /** Target field key, the key of a ColumnMapping. */
  key: string;
  label: string;
  /** The file must have a column for it and every row a value. */
  required: boolean;
  /** Header names that mean this field (Salesforce, HubSpot, billing exports); compared loosely. */
  aliases: readonly string[];
  parse: FieldParser<unknown>;
  /** What is used when the column is absent or the cell is blank, for the mapping table. */
  fallback?: string;
  /** A categorical field's values, offered as value-map targets (a file's other values can be recoded to them). */
  values?: readonly string[];
}

export const YES_NO = ['yes', 'no'] as const;

/** Parsed cells of one row: field key -> value; absent when the cell is blank or the field is not mapped. */
export type ParsedRow = Readonly<Record<string, unknown>>;

export type BuildResult<R> = { ok: true; record: R } | { ok: false; problems: { field: string; reason: string }[] };

/** Everything an import kind needs: its fields and how one row's parsed cells become a record. */
export interface ImportKindSpec<R> {
  kind: ImportKind;
  label: string;
  fields: readonly FieldSpec[];
  /** Fields satisfied by any one of several column sets (a contact's name, or first + last name). */
  requiredAlternatives?: readonly { label: string; sets: readonly (readonly string[])[] }[];
  build(values: ParsedRow): BuildResult<R>;
}
