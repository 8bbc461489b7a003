import { CONTACT_ROLES } from '../model';
import type { ContactRole, IsoDate } from '../model';
import { enumParser, parseDate, parseEmail, textParser } from './field-parsers';
import type { ImportKindSpec } from './field-spec';

export interface ContactImportRow {
  externalId: string;
  outpostId?: string;
  accountExternalId: string;
  name: string;
  email: string;
  title?: string;
  role?: ContactRole;
  status?: 'active' | 'departed';
  departedOn?: IsoDate;
}

export const parseContactRole = enumParser(CONTACT_ROLES, {
  champion: ['Champion', 'Power User', 'Advocate'],
  executive_sponsor: ['Executive Sponsor', 'Exec Sponsor', 'Sponsor', 'Economic Buyer', 'Decision Maker', 'Executive'],
  admin: ['Administrator', 'System Admin', 'Sys Admin', 'Technical Contact'],
  user: ['End User', 'Influencer', 'Other'],
  billing: ['Billing Contact', 'Finance', 'Procurement', 'Accounts Payable'],
});

export const contactsSpec: ImportKindSpec<ContactImportRow> = {
  kind: 'contacts',
  label: 'Contacts',
  fields: [
    { key: 'externalId', label: 'Contact ID', required: true, aliases: ['Contact ID', 'Record ID', 'External ID', 'ID'], parse: textParser(128) },
    {
      key: 'accountExternalId',
      label: 'Account ID',
      required: true,
      aliases: ['Account ID', 'Associated Company ID', 'Associated Company IDs', 'Associated Company IDs (Primary)', 'Company ID', 'Account External ID'],
      parse: textParser(128),
    },
    { key: 'name', label: 'Full name', required: false, aliases: ['Full Name', 'Name', 'Contact Name', 'Contact'], parse: textParser(200), fallback: 'First Name + Last Name' },
    { key: 'firstName', label: 'First name', required: false, aliases: ['First Name', 'FirstName', 'Given Name'], parse: textParser(100) },
    { key: 'lastName', label: 'Last name', required: false, aliases: ['Last Name', 'LastName', 'Surname', 'Family Name'], parse: textParser(100) },
    { key: 'email', label: 'Email', required: true, aliases: ['Email', 'Email Address', 'E-mail', 'Work Email'], parse: parseEmail },
    { key: 'title', label: 'Job title', required: false, aliases: ['Job Title', 'Title'], parse: textParser(200), fallback: 'blank' },
    { values: CONTACT_ROLES, key: 'role', label: 'Role', required: false, aliases: ['Role', 'Contact Role', 'Persona', 'Buying Role'], parse: parseContactRole, fallback: 'user' },
    {
      key: 'status',
      label: 'Status',
      required: false,
      aliases: ['Status', 'Contact Status'],
      parse: enumParser(['active', 'departed'] as const, {
        active: ['Current', 'Employed'],
        departed: ['Left', 'Left Company', 'Inactive', 'No Longer at Company', 'Former'],
      }),
      fallback: 'active (departed when a departure date is given)',
    },
    { key: 'outpostId', label: 'Outpost ID', required: false, aliases: ['Outpost ID'], parse: textParser(128), fallback: 'a new id' },
    { key: 'departedOn', label: 'Departed on', required: false, aliases: ['Departed On', 'Departed Date', 'Departure Date', 'Left On'], parse: parseDate },
  ],
  requiredAlternatives: [{ label: 'Full name (or First name + Last name)', sets: [['name'], ['firstName', 'lastName']] }],
  build(values) {
    const { firstName, lastName, ...rest } = values as Partial<ContactImportRow & { firstName: string; lastName: string }>;
    const name = rest.name ?? [firstName, lastName].filter(Boolean).join(' ');
    if (!name) return { ok: false, problems: [{ field: 'name', reason: 'has no name' }] };
    const row = { ...rest, name } as ContactImportRow;
    if (row.departedOn && row.status === undefined) row.status = 'departed';
    if (row.status === 'active' && row.departedOn) {
      return { ok: false, problems: [{ field: 'status', reason: `is active but has a departure date (${row.departedOn})` }] };
    }
    return { ok: true, record: row };
  },
};
