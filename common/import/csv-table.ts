/** A CSV file as parsed: the header row, the data rows and where each data row starts in the file. */
export interface CsvTable {
  fileName: string;
  headers: string[];
  rows: string[][];
  /** `lines[i]` is the 1-based physical line on which data row `i` starts (quoted newlines counted). */
  lines: number[];
}

/** Why a whole file was not imported. */
export interface ImportRefusal {
  fileName: string;
  message: string;
}

/** One problem with one row; `column` is the header name in the source file (or `(row)` for the whole row). */
export interface RowError {
  file: string;
  line: number;
  column: string;
  reason: string;
}

export type ParseCsvResult = { ok: true; table: CsvTable } | { ok: false; refusal: ImportRefusal };
