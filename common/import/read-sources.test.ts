import { describe, expect, it } from 'vitest';
import { readSources } from './read-sources';
import { fixtureBytes, sourceFile, xlsxBytes, zipBytes } from './testing/source-files';
import { validateRows } from './validate-rows';
import { autoMapColumns } from './column-mapping';

describe('readSources', () => {
  it('reads CSV, TSV, XLSX and a zip of them into tables', async () => {
    const xlsx = xlsxBytes([['Account ID', 'Account Name', 'MRR'], ['A-1', 'Acme', 1200], ['A-2', 'Birch', { f: 'B1*2', v: 300 }]]);
    const { tables, refusals } = await readSources([
      sourceFile('accounts.csv', 'Account ID,Account Name\r\nA-1,Acme\r\n'),
      sourceFile('contacts.tsv', 'Contact ID\tAccount ID\tEmail\n1\tA-1\ta@acme.example\n'),
      sourceFile('book.xlsx', xlsx),
      sourceFile('exports.zip', zipBytes({ 'export/churn_events.csv': fixtureBytes('linked/churn_events.csv'), '__MACOSX/._churn_events.csv': 'junk', 'nested/book.xlsx': xlsx })),
    ]);
    expect(refusals).toEqual([]);
    expect(tables.map((t) => t.fileName)).toEqual(['accounts.csv', 'contacts.tsv', 'book.xlsx', 'exports.zip/export/churn_events.csv', 'exports.zip/nested/book.xlsx']);
    expect(tables[1]!.rows).toEqual([['1', 'A-1', 'a@acme.example']]);
    // A formula cell reads as the value Excel last computed.
    expect(tables[2]!.rows).toEqual([['A-1', 'Acme', '1200'], ['A-2', 'Birch', '300']]);
    expect(tables[2]!.lines).toEqual([2, 3]);
  });

  it('refuses a file over the size limit before reading a byte of it', async () => {
    const huge = { name: 'events.csv', size: 1024 * 1024 * 1024, reads: 0, bytes: async () => { huge.reads += 1; return new Uint8Array(); } };
    const { tables, refusals } = await readSources([huge]);
    expect(tables).toEqual([]);
    expect(huge.reads).toBe(0);
    expect(refusals[0]!.message).toMatch(/events\.csv is 1024 MB, over the import limit of 100 MB; it was not read/);
  });

  it('refuses a zip that unpacks past the limit (a zip bomb) without unpacking it', async () => {
    const big = zipBytes({ 'a.csv': `id\n${'1\n'.repeat(600_000)}` });
    const { refusals } = await readSources([sourceFile('bomb.zip', big)], { maxBytes: 1024 * 1024 });
    expect(big.byteLength).toBeLessThan(1024 * 1024);
    expect(refusals[0]!.message).toMatch(/bomb\.zip unpacks to more than 1\.0 MB/);
  });

  it('refuses text that is not UTF-8 and names the line of the first bad byte', async () => {
    const latin1 = Uint8Array.from([...Buffer.from('Account ID,Account Name\nA-1,Acme\nA-2,Caf'), 0xe9, ...Buffer.from('\n')]);
    const { refusals, tables } = await readSources([sourceFile('latin1.csv', latin1)]);
    expect(tables).toEqual([]);
    expect(refusals[0]!.message).toMatch(/latin1\.csv is not UTF-8 text: byte 0xE9 on line 3/);
  });

  it('reads UTF-16 with its byte order mark and drops a UTF-8 BOM', async () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Buffer.from('Account ID,Account Name\nA-1,Zoë\n', 'utf16le')]);
    const { tables } = await readSources([sourceFile('utf16.csv', utf16), sourceFile('bom.csv', '\ufeffAccount ID,Account Name\nA-1,Acme\n')]);
    expect(tables.map((t) => [t.headers[0], t.rows[0]![1]])).toEqual([['Account ID', 'Zoë'], ['Account ID', 'Acme']]);
  });

  it('refuses duplicate headers, an empty workbook and an unreadable one', async () => {
    const { refusals } = await readSources([
      sourceFile('dupes.csv', 'Account ID,Name,name\n1,a,b\n'),
      sourceFile('empty.xlsx', xlsxBytes([])),
      sourceFile('broken.xlsx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])),
      sourceFile('old.xls', 'whatever'),
    ]);
    expect(refusals.map((r) => r.fileName)).toEqual(['dupes.csv', 'empty.xlsx', 'broken.xlsx', 'old.xls']);
    expect(refusals[0]!.message).toMatch(/duplicate column names: "name"/);
    expect(refusals[1]!.message).toMatch(/empty/);
    expect(refusals[2]!.message).toMatch(/broken\.xlsx is not a readable (Excel workbook|zip)/);
    expect(refusals[3]!.message).toMatch(/save it as CSV/);
  });
});

describe('reading cells', () => {
  it('rejects formulas and ragged rows with file, line and column; strips the export guard quote', async () => {
    const { tables } = await readSources([
      sourceFile('accounts.csv', 'Account ID,Account Name,MRR\nA-1,"=HYPERLINK(""http://x"")",10\nA-2,Birch\nA-3,\'=Cedar,5\nA-4,Delta,=SUM(A1:A3)\n'),
    ]);
    const table = tables[0]!;
    const { records, errors } = validateRows('accounts', table, autoMapColumns('accounts', table.headers));
    expect(errors).toEqual([
      { file: 'accounts.csv', line: 2, column: 'Account Name', reason: expect.stringMatching(/is a spreadsheet formula, not a value/) },
      { file: 'accounts.csv', line: 3, column: '(row)', reason: 'has 2 fields but the header has 3' },
      { file: 'accounts.csv', line: 5, column: 'MRR', reason: expect.stringMatching(/=SUM\(A1:A3\)" is a spreadsheet formula/) },
    ]);
    expect(records.map((r) => r.fields.name)).toEqual(['=Cedar']);
  });
});
