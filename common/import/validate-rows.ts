import type { ColumnMapping } from './column-mapping';
import { missingRequiredColumns } from './column-mapping';
import type { CsvTable, RowError } from './csv-table';
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
      const raw = (row[index] ?? '').trim();
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
