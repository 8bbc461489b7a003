import Papa from 'papaparse';
import { checkedTable } from './checked-table';
import type { ParseCsvResult } from './csv-table';

const BOM = '\ufeff';

/** Signatures of binary formats people pick by mistake instead of a CSV export. */
const BINARY_SIGNATURES: readonly { prefix: string; what: string }[] = [
  { prefix: 'PK\u0003\u0004', what: 'a zip archive or an Excel (.xlsx) workbook' },
  { prefix: '\u00d0\u00cf\u0011\u00e0', what: 'an old Excel (.xls) workbook' },
  { prefix: '\ufffd\ufffd\u0011\ufffd', what: 'an old Excel (.xls) workbook' },
  { prefix: '%PDF', what: 'a PDF document' },
];

function binaryKind(text: string): string | null {
  for (const { prefix, what } of BINARY_SIGNATURES) if (text.startsWith(prefix)) return what;
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) return 'binary data (it contains NUL bytes)';
  let replacement = 0;
  for (const ch of sample) if (ch === '\ufffd') replacement += 1;
  if (replacement > 8 && replacement / sample.length > 0.01) return 'binary data (it is not UTF-8 text)';
  return null;
}

/**
 * Parses a CSV export (delimiter auto-detected, UTF-8 BOM dropped, blank lines skipped). Refuses the whole file when it
 * is not CSV text, has no data rows, or its header row has blank or duplicate names.
 */
export function parseCsv(fileName: string, rawText: string): ParseCsvResult {
  const refuse = (message: string): ParseCsvResult => ({ ok: false, refusal: { fileName, message } });
  const text = rawText.startsWith(BOM) ? rawText.slice(1) : rawText;

  const binary = binaryKind(text);
  if (binary) return refuse(`${fileName} is not a CSV file: it looks like ${binary}. Export or save it as CSV (UTF-8) and import that file.`);
  if (text.trim() === '') return refuse(`${fileName} is empty: there is no header row and no data.`);

  const records: string[][] = [];
  const starts: number[] = [];
  let previousCursor = 0;
  let line = 1;
  let counted = 0;
  let unterminatedQuoteAt: number | null = null;
  Papa.parse<string[]>(text, {
    skipEmptyLines: 'greedy',
    step: (result) => {
      // The row starts at the first non-blank character after the previous row (skipped blank lines included).
      let start = previousCursor;
      while (start < result.meta.cursor && /\s/.test(text[start] ?? '')) start += 1;
      for (let i = counted; i < start; i += 1) if (text.charCodeAt(i) === 10) line += 1;
      counted = start;
      if (unterminatedQuoteAt === null && result.errors.some((e) => e.code === 'MissingQuotes')) unterminatedQuoteAt = line;
      records.push(result.data);
      starts.push(line);
      previousCursor = result.meta.cursor;
    },
  });

  if (unterminatedQuoteAt !== null) {
    return refuse(`${fileName} is not valid CSV: a quoted field starting on line ${unterminatedQuoteAt} is never closed.`);
  }
  return checkedTable(fileName, records, starts);
}
