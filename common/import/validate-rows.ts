import type { ColumnMapping } from './column-mapping';
import { missingRequiredColumns } from './column-mapping';
import type { CsvTable, RowError } from './csv-table';
import { looseKey } from './field-parsers';
import type { ImportKind } from './field-spec';
import { importKindSpec, type ImportRowByKind } from './import-kinds';

/** A valid row, typed, with where it came from so later failures (unknown account, write errors) can point at it. */
export interface ImportRecord<R> {
  file: string;
  line: number;
  /** The mapping it was read with: field key -> source header (shared by every record of a file). */
  columns: ColumnMapping;
  fields: R;
}

export interface ValidationResult<R> {
  records: ImportRecord<R>[];
  errors: RowError[];
}

export const ROW_COLUMN = '(row)';

/** Per categorical column: the file's value (compared loosely) -> the value to read instead ('' = blank). */
export type ValueMaps = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** How a column writes dates (day or month first) and decimals (point or comma); detected, overridable. */
export interface ColumnFormat {
  dates?: 'month-first' | 'day-first';
  decimals?: 'point' | 'comma';
}

export interface ReadOptions {
  /** Field key -> value map. */
  valueMaps?: ValueMaps;
  /** Field key -> format of its column. */
  formats?: Readonly<Record<string, ColumnFormat>>;
}

/** A CSV export's guard against formula injection: a leading quote before = + - @ (see common/export/to-csv.ts). */
const GUARDED = /^'[=+\-@]/;
/** A spreadsheet formula: = then something a spreadsheet would evaluate (a function, a cell reference, arithmetic). */
const FORMULA = /^=\s*([A-Za-z_][A-Za-z0-9_.]*\s*\(|[A-Za-z]{1,3}\$?\d+|[-+(\d])/;

/** The cell as the field's parser should read it: value map applied, format normalised, export guard removed. */
export function normaliseCell(raw: string, valueMap: Readonly<Record<string, string>> | undefined, format: ColumnFormat | undefined): string {
  let cell = GUARDED.test(raw) ? raw.slice(1) : raw;
  if (valueMap) {
    const mapped = valueMap[cell] ?? valueMap[looseKey(cell)];
    if (mapped !== undefined) cell = mapped;
  }
  if (format?.dates === 'day-first') cell = cell.replace(/^(\d{1,2})([/.])(\d{1,2})\2(\d{2,4})/, '$3/$1/$4');
  else if (/^\d{1,2}\.\d{1,2}\.\d{4}/.test(cell)) cell = cell.replace(/^(\d{1,2})\.(\d{1,2})\.(\d{4})/, '$1/$2/$3');
  if (format?.decimals === 'comma') cell = cell.replace(/\./g, '').replace(',', '.');
  return cell.trim();
}

/** The source header a field was read from, for error messages. */
export function sourceColumn(columns: ColumnMapping, fieldKey: string): string {
  return columns[fieldKey] ?? ROW_COLUMN;
}

/**
 * Parses every row with the kind's field parsers. Each bad cell becomes one RowError and its row is left out of
 * `records`; every row ends up in exactly one of the two lists. Throws if required columns are unmapped: check
 * `missingColumnsRefusal` first.
 */
export function validateRows<K extends ImportKind>(
  kind: K,
  table: CsvTable,
  mapping: ColumnMapping,
  options: ReadOptions = {},
): ValidationResult<ImportRowByKind[K]> {
  const missing = missingRequiredColumns(kind, mapping);
  if (missing.length > 0) throw new Error(`validateRows: no column mapped for ${missing.join(', ')}`);
  const spec = importKindSpec(kind);
  const columns: ColumnMapping = { ...mapping };
  const mapped = spec.fields.flatMap((field) => {
    const header = mapping[field.key];
    const index = header ? table.headers.indexOf(header) : -1;
    return index >= 0 ? [{ field, header: header!, index }] : [];
  });
  const records: ImportRecord<ImportRowByKind[K]>[] = [];
  const errors: RowError[] = [];
  const file = table.fileName;
  const width = table.headers.length;

  table.rows.forEach((row, i) => {
    const line = table.lines[i] ?? 0;
    if (row.length !== width && !(row.length > width && row.slice(width).every((cell) => cell.trim() === ''))) {
      errors.push({ file, line, column: ROW_COLUMN, reason: `has ${row.length} fields but the header has ${width}` });
      return;
    }
    const values: Record<string, unknown> = {};
    let bad = false;
    for (const { field, header, index } of mapped) {
      const original = (row[index] ?? '').trim();
      if (FORMULA.test(original)) {
        errors.push({ file, line, column: header, reason: `${field.label}: "${original.slice(0, 40)}" is a spreadsheet formula, not a value; export the values (not the formulas) and import again` });
        bad = true;
        continue;
      }
      const raw = normaliseCell(original, options.valueMaps?.[field.key], options.formats?.[field.key]);
      if (raw === '') {
        if (field.required) {
          errors.push({ file, line, column: header, reason: `${field.label} is required but blank` });
          bad = true;
        }
        continue;
      }
      const parsed = field.parse(raw);
      if (parsed.ok) values[field.key] = parsed.value;
      else {
        errors.push({ file, line, column: header, reason: `${field.label}: ${parsed.reason}` });
        bad = true;
      }
    }
    if (bad) return;
    const built = spec.build(values);
    if (built.ok) records.push({ file, line, columns, fields: built.record });
    else for (const p of built.problems) errors.push({ file, line, column: sourceColumn(columns, p.field), reason: p.reason });
  });
  return { records, errors };
}
