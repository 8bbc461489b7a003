import { afterEach, describe, expect, it } from 'vitest';
import type { OutpostDatabase } from '../db/create-database';
import { openTestDatabase } from '../db/testing/test-database';
import { usageMonthId } from '../model';
import { applyImport } from './apply-import';
import { autoMapColumns, missingColumnsRefusal } from './column-mapping';
import type { ImportKind } from './field-spec';
import type { ImportSummary } from './import-summary';
import { parseCsv } from './parse-csv';
import { fixtureText, parsedTable } from './testing/test-fixtures';
import { validateRows } from './validate-rows';

const open: OutpostDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

async function book(): Promise<OutpostDatabase> {
  const db = await openTestDatabase('import');
  open.push(db);
  return db;
}

const owner = { ownerId: 'u-me', ownerName: 'You', teamId: 'team-1', now: new Date('2026-11-01T00:00:00Z') };

/** The whole pipeline as the dialog runs it: parse, map, validate, write; validation errors come first. */
async function importText(db: OutpostDatabase, kind: ImportKind, fileName: string, text: string): Promise<ImportSummary> {
  const table = parsedTable(fileName, text);
  const mapping = autoMapColumns(kind, table.headers);
  expect(missingColumnsRefusal(kind, table, mapping)).toBeNull();
  const { records, errors } = validateRows(kind, table, mapping);
  const summary = await applyImport(db, kind, records, owner);
  return { ...summary, errors: [...errors, ...summary.errors].sort((a, b) => a.line - b.line) };
}

const importFixture = (db: OutpostDatabase, kind: ImportKind, name: string) => importText(db, kind, name, fixtureText(name));

async function accountByExternalId(db: OutpostDatabase, externalId: string) {
  const doc = await db.accounts.findOne({ selector: { externalId } }).exec();
  return doc?.toJSON();
}

describe('applyImport', () => {
  it('imports a Salesforce-like accounts file with defaults for what it lacks', async () => {
    const db = await book();
    const progress: number[] = [];
    const table = parsedTable('sf.csv', fixtureText('salesforce-accounts.csv'));
    const { records } = validateRows('accounts', table, autoMapColumns('accounts', table.headers));
    const summary = await applyImport(db, 'accounts', records, { ...owner, onProgress: ({ done }) => progress.push(done) });
    expect(summary).toEqual({ inserted: 3, updated: 0, unchanged: 0, errors: [] });
    expect(progress.at(-1)).toBe(3);
    const globex = await accountByExternalId(db, '0015g00000AAAA2');
    expect(globex).toMatchObject({
      name: 'Globex, Inc.',
      ownerId: 'u-me',
      teamId: 'team-1',
      ownerName: 'Ann Lee',
      tier: 'Mid-Market',
      region: 'Canada',
      domain: 'globex.example',
      mrr: 10000,
      seatsPurchased: 1200,
      seatsActive: 640,
      renewalDate: '2026-12-31',
      contractStart: '2025-12-31',
      status: 'active',
      lifecycleStage: 'renewal',
      plan: '',
    });
    expect(globex?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.keys(globex?.fieldStamps ?? {})).toContain('mrr');
  });

  it('imports a HubSpot-like companies file', async () => {
    const db = await book();
    const summary = await importFixture(db, 'accounts', 'hubspot-companies.csv');
    expect(summary).toEqual({ inserted: 2, updated: 0, unchanged: 0, errors: [] });
    expect(await accountByExternalId(db, '9001')).toMatchObject({
      name: 'Umbrella Health',
      ownerName: 'Cara Diaz',
      domain: 'umbrella.example',
      region: 'United Kingdom',
      mrr: 8500,
      tier: 'Mid-Market',
      createdAt: '2024-05-02T09:30:00.000Z',
    });
  });

  it('re-importing the same file is idempotent; a changed file updates fields and keeps ids', async () => {
    const db = await book();
    await importFixture(db, 'accounts', 'salesforce-accounts.csv');
    const before = await accountByExternalId(db, '0015g00000AAAA1');
    expect(await importFixture(db, 'accounts', 'salesforce-accounts.csv')).toEqual({ inserted: 0, updated: 0, unchanged: 3, errors: [] });
    expect(await db.accounts.count().exec()).toBe(3);
    expect((await accountByExternalId(db, '0015g00000AAAA1'))?.updatedAt).toBe(before?.updatedAt);

    const changed = fixtureText('salesforce-accounts.csv').replace('Acme Corporation,Ann Lee', 'Acme Corp,Bob Stone');
    expect(await importText(db, 'accounts', 'sf-v2.csv', changed)).toEqual({ inserted: 0, updated: 1, unchanged: 2, errors: [] });
    const after = await accountByExternalId(db, '0015g00000AAAA1');
    expect(await db.accounts.count().exec()).toBe(3);
    expect(after).toMatchObject({ id: before?.id, name: 'Acme Corp', ownerName: 'Bob Stone', mrr: 45000 });
    expect(after?.fieldStamps['name']).not.toBe(before?.fieldStamps['name']);
    expect(after?.fieldStamps['mrr']).toBe(before?.fieldStamps['mrr']);
  });

  it('imports the good rows of a file and reports the bad ones by file, line and column', async () => {
    const db = await book();
    const summary = await importFixture(db, 'accounts', 'bad-accounts.csv');
    expect(summary.inserted).toBe(2);
    expect(summary.errors.map((e) => [e.file, e.line, e.column])).toEqual([
      ['bad-accounts.csv', 3, 'Licenses Purchased'],
      ['bad-accounts.csv', 4, 'Contract End Date'],
      ['bad-accounts.csv', 5, 'Type'],
    ]);
    const names = (await db.accounts.find().exec()).map((d) => d.name).sort();
    expect(names).toEqual(['Good One', 'Good Two']);
  });

  it('reports a repeated external id instead of silently overwriting', async () => {
    const db = await book();
    const summary = await importText(db, 'accounts', 'dup.csv', 'Account ID,Account Name\nA-1,First\nA-1,Second\n');
    expect(summary.inserted).toBe(1);
    expect(summary.errors).toEqual([
      { file: 'dup.csv', line: 3, column: 'Account ID', reason: 'repeats "A-1" from line 2; only the first row was imported' },
    ]);
    expect((await accountByExternalId(db, 'A-1'))?.name).toBe('First');
  });

  it('imports contacts onto their accounts; a contact of an unknown account is a row error', async () => {
    const db = await book();
    await importFixture(db, 'accounts', 'hubspot-companies.csv');
    const text = `${fixtureText('hubspot-contacts.csv')}504,Nobody,Known,n@x.example,CEO,7777,Champion\n`;
    const summary = await importText(db, 'contacts', 'contacts.csv', text);
    expect(summary.inserted).toBe(3);
    expect(summary.errors).toEqual([
      { file: 'contacts.csv', line: 5, column: 'Associated Company ID', reason: 'no account has the ID "7777"; import the accounts first' },
    ]);
    const hooli = await accountByExternalId(db, '9002');
    const fox = (await db.contacts.findOne({ selector: { externalId: '502' } }).exec())?.toJSON();
    expect(fox).toMatchObject({ accountId: hooli?.id, ownerId: hooli?.ownerId, name: 'Fox Mulder', role: 'executive_sponsor', status: 'active', title: 'CIO' });
    expect(await importText(db, 'contacts', 'contacts.csv', text)).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
  });

  it('folds daily usage into month documents and merges with what is stored', async () => {
    const db = await book();
    await importFixture(db, 'accounts', 'hubspot-companies.csv');
    expect(await importFixture(db, 'usage', 'usage-daily.csv')).toEqual({ inserted: 4, updated: 0, unchanged: 0, errors: [] });
    const umbrella = await accountByExternalId(db, '9001');
    const march = (await db.usage.findOne(usageMonthId(umbrella!.id, '2026-03')).exec())?.toJSON();
    expect(march?.activeUsers).toHaveLength(31);
    expect(march?.activeUsers.slice(0, 3)).toEqual([40, 42, null]);
    expect(march?.activeUsers[30]).toBe(45);
    expect(march?.featureEvents).toEqual({ dashboards: 30, api: 680 });
    expect(await db.usage.count().exec()).toBe(2);

    expect(await importFixture(db, 'usage', 'usage-daily.csv')).toEqual({ inserted: 0, updated: 0, unchanged: 4, errors: [] });
    const more = 'Account ID,Date,Active Users\n9001,2026-03-02,50\n9001,2026-03-03,51\n9001,2026-03-03,52\n';
    expect(await importText(db, 'usage', 'more.csv', more)).toEqual({
      inserted: 1,
      updated: 1,
      unchanged: 0,
      errors: [{ file: 'more.csv', line: 4, column: 'Date', reason: 'repeats 9001 on 2026-03-03 from line 3; only the first row was imported' }],
    });
    const merged = (await db.usage.findOne(usageMonthId(umbrella!.id, '2026-03')).exec())?.toJSON();
    expect(merged?.activeUsers.slice(0, 4)).toEqual([40, 50, 51, null]);
    expect(merged?.featureEvents).toEqual({ dashboards: 30, api: 680 });
  });

  it('imports activities with multi-line bodies; bad type, bad date and unknown account are row errors', async () => {
    const db = await book();
    await importFixture(db, 'accounts', 'hubspot-companies.csv');
    const text =
      fixtureText('salesforce-activities.csv') +
      '00T4,9001,Carrier Pigeon,2026-03-04,Odd,,Ann Lee\r\n' +
      '00T5,9001,Call,yesterday,Vague,,Ann Lee\r\n' +
      '00T6,4040,Call,2026-03-05,Lost,,Ann Lee\r\n';
    const summary = await importText(db, 'activities', 'tasks.csv', text);
    expect(summary.inserted).toBe(3);
    expect(summary.errors.map((e) => [e.line, e.column, e.reason])).toEqual([
      [7, 'Type', expect.stringContaining('"Carrier Pigeon" is not one of: email, call')],
      [8, 'Date', expect.stringContaining('"yesterday" is not a date')],
      [9, 'Account ID', 'no account has the ID "4040"; import the accounts first'],
    ]);
    const recap = (await db.activities.findOne({ selector: { externalId: '00T1' } }).exec())?.toJSON();
    expect(recap).toMatchObject({ type: 'email', subject: 'Kickoff recap', body: 'Thanks for the call.\r\nNext steps:\r\n- SSO setup', actorName: 'Ann Lee' });
    expect(await importText(db, 'activities', 'tasks.csv', text)).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
  });

  it('refuses a file missing a required column and writes nothing', async () => {
    const db = await book();
    const table = parsedTable('no-name.csv', 'Account ID,Industry\nA-1,Retail\n');
    const mapping = autoMapColumns('accounts', table.headers);
    expect(missingColumnsRefusal('accounts', table, mapping)?.message).toBe(
      'no-name.csv cannot be imported as accounts: it has no column for "Account name". Headers found: "Account ID", "Industry".',
    );
    expect(() => validateRows('accounts', table, mapping)).toThrow(/Account name/);
    expect(await db.accounts.count().exec()).toBe(0);
  });

  it('refuses binary and empty files before anything is read', () => {
    expect(parseCsv('export.xlsx', 'PK\u0003\u0004\u0000\u0000binary').ok).toBe(false);
    expect(parseCsv('empty.csv', '').ok).toBe(false);
  });

  it('parses, validates and imports a generated 50,000-row accounts file', async () => {
    const db = await book();
    const lines = ['Account ID,Account Name,Account Owner,Type,Industry,Billing Country,Website,Annual Revenue,Contract End Date,Licenses Purchased,Active Users'];
    for (let i = 0; i < 50_000; i += 1) {
      lines.push(`SF-${i},"Company ${i}, Ltd.",Owner ${i % 7},${['Enterprise', 'Mid Market', 'SMB'][i % 3]},Software,Canada,c${i}.example,"$${(i % 900) + 100},000.00",${(i % 12) + 1}/15/2027,${i % 500},${i % 300}`);
    }
    const text = `\ufeff${lines.join('\r\n')}\r\n`;
    const started = performance.now();
    const table = parsedTable('big.csv', text);
    const { records, errors } = validateRows('accounts', table, autoMapColumns('accounts', table.headers));
    const parsedAt = performance.now();
    expect(errors).toEqual([]);
    expect(records).toHaveLength(50_000);
    expect(table.lines[49_999]).toBe(50_001);
    const summary = await applyImport(db, 'accounts', records, owner);
    console.info(`50k accounts: parse+validate ${Math.round(parsedAt - started)} ms, import ${Math.round(performance.now() - parsedAt)} ms`);
    expect(summary).toEqual({ inserted: 50_000, updated: 0, unchanged: 0, errors: [] });
    expect(await db.accounts.count().exec()).toBe(50_000);
    // Longer than the default timeout: schema validation of each write (~0.5 ms a document here) dominates.
  }, 300_000);
});
