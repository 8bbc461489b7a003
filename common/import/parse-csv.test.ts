import { describe, expect, it } from 'vitest';
import { fixtureText, parsedTable } from './testing/test-fixtures';
import { parseCsv } from './parse-csv';

function refusal(fileName: string, text: string): string {
  const result = parseCsv(fileName, text);
  if (result.ok) throw new Error(`expected ${fileName} to be refused`);
  expect(result.refusal.fileName).toBe(fileName);
  return result.refusal.message;
}

describe('parseCsv', () => {
  it('reads headers, rows and the line each row starts on', () => {
    const table = parsedTable('a.csv', 'Id,Name\n1,Acme\n2,Globex\n');
    expect(table).toEqual({ fileName: 'a.csv', headers: ['Id', 'Name'], rows: [['1', 'Acme'], ['2', 'Globex']], lines: [2, 3] });
  });

  it('counts quoted newlines (CRLF) when numbering lines', () => {
    const table = parsedTable('activities.csv', fixtureText('salesforce-activities.csv'));
    expect(table.rows.map((r) => r[0])).toEqual(['00T1', '00T2', '00T3']);
    expect(table.rows[0]?.[5]).toBe('Thanks for the call.\r\nNext steps:\r\n- SSO setup');
    expect(table.lines).toEqual([2, 5, 6]);
  });

  it('skips blank lines but keeps line numbers true to the file', () => {
    const table = parsedTable('gaps.csv', 'Id,Name\n\n1,"Ac\nme"\n\n\n2,Globex');
    expect(table.lines).toEqual([3, 7]);
  });

  it('drops a UTF-8 byte order mark from the first header', () => {
    const table = parsedTable('bom.csv', '\ufeffAccount ID,Account Name\r\nA-1,Acme\r\n');
    expect(table.headers).toEqual(['Account ID', 'Account Name']);
    expect(table.lines).toEqual([2]);
  });

  it('detects semicolon-separated exports', () => {
    expect(parsedTable('eu.csv', 'Id;Name\n1;Acme').rows).toEqual([['1', 'Acme']]);
  });

  it('refuses binary content: NUL bytes, zip / xlsx and PDF signatures', () => {
    expect(refusal('data.bin', 'Id,Name\n1,\u0000\u0000\u0001\u0002')).toMatch(/data\.bin is not a CSV file.*NUL bytes/);
    expect(refusal('book.xlsx', 'PK\u0003\u0004\u0014\u0000\u0006\u0000[Content_Types].xml')).toMatch(/Excel \(\.xlsx\)/);
    expect(refusal('report.csv', '%PDF-1.7\n%binary')).toMatch(/PDF/);
  });

  it('refuses an empty file and a header without data rows', () => {
    expect(refusal('empty.csv', '')).toMatch(/empty\.csv is empty/);
    expect(refusal('blank.csv', '\ufeff  \r\n\r\n')).toMatch(/is empty/);
    expect(refusal('header.csv', 'Account ID,Account Name\r\n')).toMatch(/header row but no data rows/);
  });

  it('refuses blank and duplicate header names', () => {
    expect(refusal('blank-header.csv', 'Id,,Name\n1,x,Acme')).toMatch(/blank column names \(column 2\)/);
    expect(refusal('dupes.csv', 'Id,Name,name\n1,a,b')).toMatch(/duplicate column names: "name"/);
  });

  it('refuses a quoted field that never closes', () => {
    expect(refusal('open-quote.csv', 'Id,Name\n1,Acme\n2,"Globex\n3,Initech')).toMatch(/line 3 is never closed/);
  });
});
