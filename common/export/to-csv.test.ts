import { describe, expect, it } from 'vitest';
import { parseCsv } from '../import/parse-csv';
import { toCsv } from './to-csv';

interface Row {
  name: string;
  mrr: number | null;
  note?: string;
}

const columns = [
  { header: 'Name', value: (r: Row) => r.name },
  { header: 'MRR', value: (r: Row) => r.mrr },
  { header: 'Note', value: (r: Row) => r.note },
];

describe('toCsv', () => {
  it('writes a header and quotes commas, quotes and newlines', () => {
    const csv = toCsv(columns, [
      { name: 'Globex, Inc.', mrr: 1200, note: 'said "yes"\nthen left' },
      { name: 'Acme', mrr: null },
    ]);
    expect(csv).toBe('Name,MRR,Note\r\n"Globex, Inc.",1200,"said ""yes""\nthen left"\r\nAcme,,');
  });

  it('guards cells that a spreadsheet would run as formulas, but not negative numbers', () => {
    const csv = toCsv(columns, [
      { name: '=HYPERLINK("http://evil.example")', mrr: -120, note: '@SUM(A1)' },
      { name: '+1 555', mrr: 0, note: '-2+3' },
    ]);
    const parsed = parseCsv('out.csv', csv);
    if (!parsed.ok) throw new Error(parsed.refusal.message);
    expect(parsed.table.rows).toEqual([
      ['\'=HYPERLINK("http://evil.example")', '-120', "'@SUM(A1)"],
      ["'+1 555", '0', "'-2+3"],
    ]);
  });
});
