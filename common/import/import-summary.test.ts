import { describe, expect, it } from 'vitest';
import type { RowError } from './csv-table';
import { rowsWithErrors } from './import-summary';

describe('rowsWithErrors', () => {
  it('counts rows, not errors: 13 errors on 11 rows is 11 rows', () => {
    const errors: RowError[] = [];
    for (let line = 2; line <= 12; line += 1) errors.push({ file: 'a.csv', line, column: 'MRR', reason: 'bad' });
    errors.push({ file: 'a.csv', line: 2, column: 'Tier', reason: 'bad' }, { file: 'a.csv', line: 5, column: 'Status', reason: 'bad' });
    expect(errors).toHaveLength(13);
    expect(rowsWithErrors(errors)).toBe(11);
  });

  it('keeps the same line of two files apart', () => {
    expect(rowsWithErrors([
      { file: 'a.csv', line: 2, column: 'x', reason: 'r' },
      { file: 'b.csv', line: 2, column: 'x', reason: 'r' },
    ])).toBe(2);
  });
});
