import type { RowError } from './csv-table';
import type { ImportRecord } from './validate-rows';
import { ROW_COLUMN, sourceColumn } from './validate-rows';

export interface ImportProgress {
  done: number;
  total: number;
}

/** What an import did, in rows of the file (usage: days). Every row is counted once or reported in `errors`. */
export interface ImportSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
}

export function emptySummary(): ImportSummary {
  return { inserted: 0, updated: 0, unchanged: 0, errors: [] };
}

export function rowError(record: ImportRecord<unknown>, fieldKey: string | null, reason: string): RowError {
  return { file: record.file, line: record.line, column: fieldKey ? sourceColumn(record.columns, fieldKey) : ROW_COLUMN, reason };
}

/** A storage write error as a sentence; schema violations name the offending field. */
export function describeWriteError(error: { status: number; validationErrors?: readonly { field?: string; message?: string }[] }): string {
  if (error.status === 422 && error.validationErrors?.length) {
    const details = error.validationErrors.map((e) => [e.field, e.message].filter(Boolean).join(': ')).join('; ');
    return `was rejected by the database schema (${details})`;
  }
  if (error.status === 409) return 'was changed by another write at the same time; import the file again';
  return `could not be written (status ${error.status})`;
}

/** How many distinct rows (file + line) the errors fall on: one row can have several bad cells. */
export function rowsWithErrors(errors: readonly RowError[]): number {
  return new Set(errors.map((e) => `${e.file}\u0000${e.line}`)).size;
}
