import { unzipSync } from 'fflate';
import { readSheet } from 'read-excel-file/universal';
import { checkedTable } from './checked-table';
import type { CsvTable, ImportRefusal } from './csv-table';
import { parseCsv } from './parse-csv';

/** A file the person picked or dropped: its size is known before its bytes are read. */
export interface SourceFile {
  name: string;
  size: number;
  bytes(): Promise<Uint8Array>;
}

export interface SourceLimits {
  /** Largest file (and largest unpacked zip entry, and largest unpacked zip) read, in bytes. */
  maxBytes: number;
}

/** 100 MB: far above a real book's exports (500 accounts' year of events is a few MB), far below a tab's memory. */
export const DEFAULT_SOURCE_LIMITS: SourceLimits = { maxBytes: 100 * 1024 * 1024 };

export interface ReadSourcesResult {
  tables: CsvTable[];
  refusals: ImportRefusal[];
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const UTF16_LE = [0xff, 0xfe];
const UTF16_BE = [0xfe, 0xff];

/**
 * Reads CSV / TSV / TXT, XLSX (first sheet) and zip archives of those into tables. A file over the size limit is refused
 * before a byte of it is read; text must be UTF-8 (or UTF-16 with its byte order mark); each refusal names the file
 * and says why. Files that are refused are left out; the others are read.
 */
export async function readSources(files: readonly SourceFile[], limits: SourceLimits = DEFAULT_SOURCE_LIMITS): Promise<ReadSourcesResult> {
  const result: ReadSourcesResult = { tables: [], refusals: [] };
  for (const file of files) {
    if (file.size > limits.maxBytes) {
      result.refusals.push({
        fileName: file.name,
        message: `${file.name} is ${megabytes(file.size)}, over the import limit of ${megabytes(limits.maxBytes)}; it was not read. Split it, or export a shorter period.`,
      });
      continue;
    }
    await readOne(file.name, await file.bytes(), limits, result, 0);
  }
  return result;
}

async function readOne(name: string, bytes: Uint8Array, limits: SourceLimits, into: ReadSourcesResult, depth: number): Promise<void> {
  const refuse = (message: string) => into.refusals.push({ fileName: name, message });
  const lower = name.toLowerCase();
  if (startsWith(bytes, ZIP) && (lower.endsWith('.xlsx') || lower.endsWith('.xlsm'))) {
    const table = await readWorkbook(name, bytes);
    if ('message' in table) refuse(table.message);
    else into.tables.push(table);
    return;
  }
  if (startsWith(bytes, ZIP)) {
    if (depth > 0) return void refuse(`${name} is a zip inside a zip; unpack the inner archive and import its files.`);
    let entries: Record<string, Uint8Array>;
    let unpacked = 0;
    try {
      entries = unzipSync(bytes, {
        filter: (entry) => {
          if (entry.name.endsWith('/') || entry.name.startsWith('__MACOSX/') || /(^|\/)\./.test(entry.name)) return false;
          unpacked += entry.originalSize;
          if (entry.originalSize > limits.maxBytes || unpacked > limits.maxBytes) {
            throw new RangeError(`${name} unpacks to more than ${megabytes(limits.maxBytes)}, over the import limit; it was not unpacked.`);
          }
          return true;
        },
      });
    } catch (error) {
      return void refuse(error instanceof RangeError ? error.message : `${name} is not a readable zip archive (${String((error as Error).message ?? error)}).`);
    }
    const names = Object.keys(entries).sort();
    if (names.length === 0) return void refuse(`${name} is an empty zip archive.`);
    for (const entry of names) await readOne(`${name}/${entry}`, entries[entry]!, limits, into, depth + 1);
    return;
  }
  if (/\.(xls|numbers|pdf|docx?)$/.test(lower)) {
    return void refuse(`${name} is not a format Outpost reads: save it as CSV (UTF-8) or XLSX and import that file.`);
  }
  const text = decodeText(name, bytes);
  if (typeof text !== 'string') return void refuse(text.message);
  const parsed = parseCsv(name, text);
  if (parsed.ok) into.tables.push(parsed.table);
  else refuse(parsed.refusal.message);
}

/** UTF-8 (BOM or not) or UTF-16 with a BOM; anything else is refused with the line of the first bad byte. */
function decodeText(name: string, bytes: Uint8Array): string | { message: string } {
  if (startsWith(bytes, UTF16_LE)) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, UTF16_BE)) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < at; i += 1) if (bytes[i] === 10) line += 1;
    const byte = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return {
      message:
        `${name} is not UTF-8 text: byte 0x${byte} on line ${line} is not valid UTF-8 (the file looks like Windows-1252 or Latin-1). ` +
        'Save it as "CSV UTF-8" and import that file; nothing was imported from it.',
    };
  }
}

/** Offset of the first byte that breaks UTF-8; hand-written because TextDecoder says only that one does. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k += 1) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += extra + 1;
  }
  return bytes.length;
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) {
    const iso = cell.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return String(cell);
}

/** The first sheet of a workbook as a table; formula cells read as the value Excel last computed. */
async function readWorkbook(name: string, bytes: Uint8Array): Promise<CsvTable | { message: string }> {
  let rows: unknown[][];
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    rows = (await readSheet(buffer)) as unknown[][];
  } catch (error) {
    return { message: `${name} is not a readable Excel workbook (${String((error as Error).message ?? error)}). Save it again as .xlsx or CSV.` };
  }
  const records: string[][] = [];
  const lines: number[] = [];
  rows.forEach((row, i) => {
    const cells = row.map(cellText);
    if (cells.every((c) => c.trim() === '')) return;
    records.push(cells);
    lines.push(i + 1);
  });
  if (records.length === 0) return { message: `${name} is empty: its first sheet has no header row and no data.` };
  const checked = checkedTable(name, records, lines);
  return checked.ok ? checked.table : { message: checked.refusal.message };
}
