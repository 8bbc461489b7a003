import type { ParseCsvResult } from './csv-table';

/**
 * A table from its records (header first) and the line each starts on, refused when its header row has blank or
 * duplicate names or no data rows follow. Shared by the CSV and the XLSX readers so both refuse the same things alike.
 */
export function checkedTable(fileName: string, records: readonly string[][], starts: readonly number[]): ParseCsvResult {
  const refuse = (message: string): ParseCsvResult => ({ ok: false, refusal: { fileName, message } });
  const [headerRow, ...rows] = records;
  if (!headerRow) return refuse(`${fileName} has no header row.`);
  const headers = headerRow.map((h) => h.trim());
  const blank = headers.map((h, i) => (h === '' ? i + 1 : 0)).filter((i) => i > 0);
  if (blank.length > 0) {
    return refuse(`${fileName} has a header row with blank column names (column ${blank.join(', ')}). Every column needs a name.`);
  }
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const h of headers) {
    const key = h.toLowerCase();
    if (seen.has(key)) duplicates.add(h);
    seen.add(key);
  }
  if (duplicates.size > 0) {
    return refuse(`${fileName} has duplicate column names: ${[...duplicates].map((d) => `"${d}"`).join(', ')}. Rename them so each is unique.`);
  }
  if (rows.length === 0) return refuse(`${fileName} has a header row but no data rows.`);
  return { ok: true, table: { fileName, headers, rows: rows.map((r) => [...r]), lines: starts.slice(1) } };
}
