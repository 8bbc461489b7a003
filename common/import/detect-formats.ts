import type { CsvTable } from './csv-table';
import type { ColumnMapping } from './column-mapping';
import type { ColumnFormat } from './validate-rows';
import type { ImportKind } from './field-spec';
import { importKindSpec } from './import-kinds';
import { parseDate, parseDateTime, parseMoney, parseSignedMoney } from './field-parsers';

const DATE_PARSERS = new Set<unknown>([parseDate, parseDateTime]);
const SLASHED = /^(\d{1,2})[/.](\d{1,2})[/.]\d{2,4}/;
const DECIMAL_COMMA = /^-?[$€£]?\s?\d{1,3}(\.\d{3})*,\d{1,2}$|^-?\d+,\d{1,2}$/;

/**
 * The date and number formats of a file's mapped columns, from their values: a slashed date column with a first
 * part over 12 is day-first (31/01/2026); a number column written `1.234,56` or `12,5` uses a decimal comma. The
 * person can override each.
 */
export function detectFormats(kind: ImportKind, table: CsvTable, mapping: ColumnMapping): Record<string, ColumnFormat> {
  const formats: Record<string, ColumnFormat> = {};
  for (const field of importKindSpec(kind).fields) {
    const header = mapping[field.key];
    const index = header ? table.headers.indexOf(header) : -1;
    if (index < 0) continue;
    const values = table.rows.slice(0, 5000).map((row) => (row[index] ?? '').trim()).filter(Boolean);
    if (DATE_PARSERS.has(field.parse)) {
      const dayFirst = values.some((v) => Number(SLASHED.exec(v)?.[1] ?? 0) > 12);
      const monthFirst = values.some((v) => Number(SLASHED.exec(v)?.[2] ?? 0) > 12);
      if (dayFirst && !monthFirst) formats[field.key] = { dates: 'day-first' };
      else if (values.some((v) => SLASHED.test(v))) formats[field.key] = { dates: 'month-first' };
    } else if (field.parse === parseMoney || field.parse === parseSignedMoney) {
      if (values.length > 0 && values.every((v) => DECIMAL_COMMA.test(v) || /^\d+$/.test(v)) && values.some((v) => DECIMAL_COMMA.test(v))) {
        formats[field.key] = { decimals: 'comma' };
      }
    }
  }
  return formats;
}
