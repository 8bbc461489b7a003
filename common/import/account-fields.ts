import { ACCOUNT_STATUSES, ACCOUNT_TIERS, LIFECYCLE_STAGES } from '../model';
import type { AccountStatus, AccountTier, IsoDate, IsoDateTime, LifecycleStage } from '../model';
import {
  enumParser,
  integerParser,
  parseDate,
  parseDateTime,
  parseDomain,
  parseMoney,
  textParser,
} from './field-parsers';
import type { ImportKindSpec } from './field-spec';

/** One valid row of an accounts file; absent fields keep their stored value, or get a default for new accounts. */
export interface AccountImportRow {
  externalId: string;
  /** The document id, from an Outpost export: keeps ids across export and import. */
  outpostId?: string;
  name: string;
  domain?: string;
  industry?: string;
  region?: string;
  tier?: AccountTier;
  status?: AccountStatus;
  lifecycleStage?: LifecycleStage;
  ownerName?: string;
  plan?: string;
  seatsPurchased?: number;
  seatsActive?: number;
  mrr?: number;
  contractStart?: IsoDate;
  renewalDate?: IsoDate;
  createdAt?: IsoDateTime;
}

export const parseTier = enumParser(ACCOUNT_TIERS, {
  Enterprise: ['Ent', 'Large Enterprise', 'Strategic'],
  'Mid-Market': ['Mid Market', 'Midmarket', 'MM', 'Mid', 'Commercial'],
  SMB: ['Small Business', 'Small', 'Small and Medium Business', 'SMB/Startup', 'Startup'],
});

export const accountsSpec: ImportKindSpec<AccountImportRow> = {
  kind: 'accounts',
  label: 'Accounts',
  fields: [
    {
      key: 'externalId',
      label: 'Account ID',
      required: true,
      aliases: ['Account ID', 'Record ID', 'Company ID', 'External ID', 'Customer ID', 'ID', 'Account Number'],
      parse: textParser(128),
    },
    { key: 'name', label: 'Account name', required: true, aliases: ['Account Name', 'Company name', 'Company', 'Name', 'Customer Name'], parse: textParser(200) },
    { key: 'ownerName', label: 'Owner', required: false, aliases: ['Account Owner', 'Company owner', 'Owner', 'Owner Name', 'CSM', 'Customer Success Manager'], parse: textParser(200), fallback: 'you' },
    { values: ACCOUNT_TIERS, key: 'tier', label: 'Tier', required: false, aliases: ['Tier', 'Segment', 'Customer Segment', 'Type', 'Account Tier', 'plan_tier'], parse: parseTier, fallback: 'SMB' },
    { key: 'industry', label: 'Industry', required: false, aliases: ['Industry'], parse: textParser(100), fallback: 'blank' },
    { key: 'region', label: 'Region', required: false, aliases: ['Region', 'Billing Country', 'Country/Region', 'Country', 'Billing Country/Region', 'Geo'], parse: textParser(100), fallback: 'blank' },
    { key: 'domain', label: 'Domain', required: false, aliases: ['Website', 'Company Domain Name', 'Domain', 'Website URL', 'Domain Name'], parse: parseDomain, fallback: 'blank' },
    { key: 'mrr', label: 'MRR', required: false, aliases: ['MRR', 'Monthly Recurring Revenue'], parse: parseMoney, fallback: 'ARR / 12, else 0' },
    { key: 'arr', label: 'ARR', required: false, aliases: ['ARR', 'Annual Revenue', 'Annual Recurring Revenue', 'Annual Contract Value', 'ACV'], parse: parseMoney, fallback: 'not stored; gives MRR when MRR is absent' },
    { key: 'plan', label: 'Plan', required: false, aliases: ['Plan', 'Product', 'Edition', 'Subscription Plan'], parse: textParser(100), fallback: 'blank' },
    { key: 'seatsPurchased', label: 'Seats purchased', required: false, aliases: ['Licenses Purchased', 'Seats Purchased', 'Licenses', 'Seats', 'Purchased Seats'], parse: integerParser(), fallback: '0' },
    { key: 'seatsActive', label: 'Active seats', required: false, aliases: ['Active Users', 'Active Seats', 'Seats Active', 'Active Licenses'], parse: integerParser(), fallback: '0' },
    { key: 'contractStart', label: 'Contract start', required: false, aliases: ['Contract Start Date', 'Contract Start', 'Start Date', 'Customer Since'], parse: parseDate, fallback: 'renewal date minus a year, else today' },
    { key: 'renewalDate', label: 'Renewal date', required: false, aliases: ['Renewal Date', 'Contract End Date', 'Contract End', 'Next Renewal Date', 'End Date'], parse: parseDate, fallback: 'contract start plus a year' },
    { values: ACCOUNT_STATUSES,
      key: 'status',
      label: 'Status',
      required: false,
      aliases: ['Status', 'Account Status', 'Customer Status'],
      parse: enumParser(ACCOUNT_STATUSES, {
        active: ['Customer', 'Current', 'Live', 'Active Customer'],
        churned: ['Churn', 'Cancelled', 'Canceled', 'Inactive', 'Former Customer', 'Lost'],
      }),
      fallback: 'active',
    },
    { values: LIFECYCLE_STAGES,
      key: 'lifecycleStage',
      label: 'Lifecycle stage',
      required: false,
      aliases: ['Lifecycle Stage', 'Customer Stage', 'CS Stage', 'Journey Stage'],
      parse: enumParser(LIFECYCLE_STAGES, {
        onboarding: ['Implementation', 'Kickoff', 'Onboard'],
        adoption: ['Adopting', 'Growth'],
        mature: ['Steady State', 'Established', 'Matured'],
        renewal: ['Renewing', 'Up for Renewal', 'In Renewal'],
      }),
      fallback: 'from the dates: onboarding, renewal, else mature',
    },
    { key: 'outpostId', label: 'Outpost ID', required: false, aliases: ['Outpost ID'], parse: textParser(128), fallback: 'a new id' },
    { key: 'createdAt', label: 'Created', required: false, aliases: ['Created Date', 'Create Date', 'Created At', 'Created'], parse: parseDateTime, fallback: 'now' },
  ],
  build(values) {
    const v = values as Partial<AccountImportRow & { arr: number }>;
    const { arr, ...row } = v;
    if (row.mrr === undefined && arr !== undefined) row.mrr = Math.round(arr / 12);
    if (row.contractStart && row.renewalDate && row.renewalDate < row.contractStart) {
      return { ok: false, problems: [{ field: 'renewalDate', reason: `renewal date ${row.renewalDate} is before the contract start ${row.contractStart}` }] };
    }
    return { ok: true, record: row as AccountImportRow };
  },
};
