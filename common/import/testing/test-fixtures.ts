import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CsvTable } from '../csv-table';
import { parseCsv } from '../parse-csv';

/** Test helper: a fixture file's text. */
export function fixtureText(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
}

/** Test helper: parses text that must be accepted. */
export function parsedTable(fileName: string, text: string): CsvTable {
  const result = parseCsv(fileName, text);
  if (!result.ok) throw new Error(`expected ${fileName} to parse: ${result.refusal.message}`);
  return result.table;
}
