import Papa from 'papaparse';

export interface CsvColumn<T> {
  header: string;
  /** The cell for one row; null / undefined export as an empty cell, dates as ISO strings. */
  value(row: T): unknown;
}

/** Characters that make spreadsheet apps treat a cell as a formula (CSV / formula injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as text, with text that a spreadsheet would run as a formula prefixed by a single quote. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (value instanceof Date) return value.toISOString();
  const text = typeof value === 'string' ? value : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Rows as CSV text (CRLF line ends, fields quoted where needed) with a header row. Numbers are written as numbers, so
 * a negative amount stays `-120`; text starting with = + - @ is guarded with a leading single quote.
 */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  return Papa.unparse(
    {
      fields: columns.map((c) => csvCell(c.header)),
      data: rows.map((row) => columns.map((c) => csvCell(c.value(row)))),
    },
    { newline: '\r\n', quotes: false },
  );
}
