import { describe, expect, it } from 'vitest';
import { autoMapColumns, missingColumnsRefusal, missingRequiredColumns } from './column-mapping';
import { parseDate, parseDateTime, parseMoney } from './field-parsers';
import { fixtureText, parsedTable } from './testing/test-fixtures';
import { validateRows } from './validate-rows';

describe('autoMapColumns', () => {
  it('maps Salesforce account headers', () => {
    const table = parsedTable('sf.csv', fixtureText('salesforce-accounts.csv'));
    const mapping = autoMapColumns('accounts', table.headers);
    expect(mapping).toMatchObject({
      externalId: 'Account ID',
      name: 'Account Name',
      ownerName: 'Account Owner',
      tier: 'Type',
      industry: 'Industry',
      region: 'Billing Country',
      domain: 'Website',
      arr: 'Annual Revenue',
      mrr: null,
      renewalDate: 'Contract End Date',
      seatsPurchased: 'Licenses Purchased',
      seatsActive: 'Active Users',
    });
    expect(missingRequiredColumns('accounts', mapping)).toEqual([]);
  });

  it('maps HubSpot headers regardless of case, spacing and punctuation', () => {
    const mapping = autoMapColumns('accounts', ['record id', 'COMPANY NAME', 'Company  owner', 'company_domain_name', 'Country / Region']);
    expect(mapping).toMatchObject({ externalId: 'record id', name: 'COMPANY NAME', ownerName: 'Company  owner', domain: 'company_domain_name', region: 'Country / Region' });
    const contacts = autoMapColumns('contacts', parsedTable('hs.csv', fixtureText('hubspot-contacts.csv')).headers);
    expect(contacts).toMatchObject({ externalId: 'Record ID', accountExternalId: 'Associated Company ID', firstName: 'First Name', lastName: 'Last Name', email: 'Email', title: 'Job Title', name: null });
    expect(missingRequiredColumns('contacts', contacts)).toEqual([]);
  });

  it('names the missing required columns and the headers found', () => {
    const table = parsedTable('contacts.csv', 'Record ID,Email\n1,a@b.example');
    const mapping = autoMapColumns('contacts', table.headers);
    expect(missingRequiredColumns('contacts', mapping)).toEqual(['Account ID', 'Full name (or First name + Last name)']);
    expect(missingColumnsRefusal('contacts', table, mapping)?.message).toBe(
      'contacts.csv cannot be imported as contacts: it has no column for "Account ID", "Full name (or First name + Last name)". Headers found: "Record ID", "Email".',
    );
    expect(missingColumnsRefusal('accounts', parsedTable('a.csv', 'Account ID,Account Name\n1,x'), autoMapColumns('accounts', ['Account ID', 'Account Name']))).toBeNull();
  });
});

describe('field parsers', () => {
  it('reads money, dates and datetimes in export formats', () => {
    expect(parseMoney('$45,000.00')).toEqual({ ok: true, value: 45000 });
    expect(parseMoney('USD 1,200.60')).toEqual({ ok: true, value: 1201 });
    expect(parseMoney('45k').ok).toBe(false);
    expect(parseDate('3/1/2027')).toEqual({ ok: true, value: '2027-03-01' });
    expect(parseDate('2026-02-29').ok).toBe(false);
    expect(parseDate('2028-02-29')).toEqual({ ok: true, value: '2028-02-29' });
    expect(parseDate('2026-03-01T10:00:00Z')).toEqual({ ok: true, value: '2026-03-01' });
    expect(parseDateTime('3/2/2026 2:05 PM')).toEqual({ ok: true, value: '2026-03-02T14:05:00.000Z' });
    expect(parseDateTime('2026-03-01T10:00:00+02:00')).toEqual({ ok: true, value: '2026-03-01T08:00:00.000Z' });
    expect(parseDateTime('2026-03-03')).toEqual({ ok: true, value: '2026-03-03T12:00:00.000Z' });
  });
});

describe('validateRows', () => {
  it('types good Salesforce rows: money, US dates, tier synonyms, ARR to MRR', () => {
    const table = parsedTable('sf.csv', fixtureText('salesforce-accounts.csv'));
    const { records, errors } = validateRows('accounts', table, autoMapColumns('accounts', table.headers));
    expect(errors).toEqual([]);
    expect(records.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(records[1]?.fields).toEqual({
      externalId: '0015g00000AAAA2',
      name: 'Globex, Inc.',
      ownerName: 'Ann Lee',
      tier: 'Mid-Market',
      industry: 'Software',
      region: 'Canada',
      domain: 'globex.example',
      mrr: 10000,
      renewalDate: '2026-12-31',
      seatsPurchased: 1200,
      seatsActive: 640,
    });
    expect(records[0]?.fields.domain).toBe('acme.example');
  });

  it('reports each bad cell with file, line and source column, and keeps the good rows', () => {
    const table = parsedTable('bad-accounts.csv', fixtureText('bad-accounts.csv'));
    const { records, errors } = validateRows('accounts', table, autoMapColumns('accounts', table.headers));
    expect(records.map((r) => r.fields.externalId)).toEqual(['A-1', 'A-5']);
    expect(errors).toEqual([
      { file: 'bad-accounts.csv', line: 3, column: 'Licenses Purchased', reason: 'Seats purchased: "ten" is not a whole number' },
      { file: 'bad-accounts.csv', line: 4, column: 'Contract End Date', reason: 'Renewal date: "2027-02-30" is not a real calendar date' },
      { file: 'bad-accounts.csv', line: 5, column: 'Type', reason: 'Tier: "Gigantic" is not one of: Enterprise, Mid-Market, SMB' },
    ]);
  });

  it('reports blank required cells and rows with the wrong number of fields', () => {
    const table = parsedTable('x.csv', 'Account ID,Account Name\nA-1,\nA-2,Two,extra\nA-3,Three,\n');
    const { records, errors } = validateRows('accounts', table, autoMapColumns('accounts', table.headers));
    expect(records.map((r) => r.fields.externalId)).toEqual(['A-3']);
    expect(errors).toEqual([
      { file: 'x.csv', line: 2, column: 'Account Name', reason: 'Account name is required but blank' },
      { file: 'x.csv', line: 3, column: '(row)', reason: 'has 3 fields but the header has 2' },
    ]);
  });

  it('builds contact names from first + last and maps role synonyms', () => {
    const table = parsedTable('hs.csv', fixtureText('hubspot-contacts.csv'));
    const { records, errors } = validateRows('contacts', table, autoMapColumns('contacts', table.headers));
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.fields.name, r.fields.email, r.fields.role])).toEqual([
      ['Dana Scully', 'dana.scully@umbrella.example', 'champion'],
      ['Fox Mulder', 'fox@hooli.example', 'executive_sponsor'],
      ['Walter Skinner', 'walter@hooli.example', 'admin'],
    ]);
  });

  it('reads activity types and feature-event columns', () => {
    const activities = parsedTable('sf-act.csv', fixtureText('salesforce-activities.csv'));
    const acts = validateRows('activities', activities, autoMapColumns('activities', activities.headers));
    expect(acts.errors).toEqual([]);
    expect(acts.records.map((r) => [r.line, r.fields.type, r.fields.occurredAt])).toEqual([
      [2, 'email', '2026-03-01T14:30:00.000Z'],
      [5, 'call', '2026-03-02T14:05:00.000Z'],
      [6, 'note', '2026-03-03T12:00:00.000Z'],
    ]);
    const usage = parsedTable('usage.csv', fixtureText('usage-daily.csv'));
    const days = validateRows('usage', usage, autoMapColumns('usage', usage.headers));
    expect(days.errors).toEqual([]);
    expect(days.records[0]?.fields).toEqual({ accountExternalId: '9001', date: '2026-03-01', activeUsers: 40, featureEvents: { dashboards: 12, api: 300 } });
  });
});
