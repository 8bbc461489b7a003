import { ownFeatureKeys, PRODUCT_FEATURES, type Account, type Activity, type Contact, type ProductFeature, type RevenueEvent, type UsageMonth } from '../model';
import { toCsv, type CsvColumn } from './to-csv';

/** The records an export holds: the whole book, or the accounts of the current view with their history. */
export interface BookRecords {
  accounts: readonly Account[];
  contacts: readonly Contact[];
  activities: readonly Activity[];
  revenue: readonly RevenueEvent[];
  usage: readonly UsageMonth[];
}

export interface ExportFile {
  name: string;
  text: string;
}

/** Custom fields are exported as `Custom: <name>` columns; the import keeps them as custom fields again. */
export const CUSTOM_FIELD_PREFIX = 'Custom: ';
/** The usage file's columns of the team's own features (feature-keys.ts): `Feature: <key>`; the import reads them back. */
export const OWN_FEATURE_PREFIX = 'Feature: ';
/** Activities made in Outpost have no external id; the export writes this plus the Outpost id, the import reads it back as none. */
export const OUTPOST_EXTERNAL_PREFIX = 'outpost:';

const FEATURE_HEADERS: Record<ProductFeature, string> = {
  dashboards: 'Dashboards Events', reports: 'Reports Events', integrations: 'Integrations Events', automation: 'Automation Events', api: 'API Events', sso: 'SSO Events',
};

function accountColumns(customNames: readonly string[]): CsvColumn<Account>[] {
  return [
    { header: 'Outpost ID', value: (a) => a.id },
    { header: 'Account ID', value: (a) => a.externalId },
    { header: 'Account Name', value: (a) => a.name },
    { header: 'Account Owner', value: (a) => a.ownerName },
    { header: 'Tier', value: (a) => a.tier },
    { header: 'Industry', value: (a) => a.industry },
    { header: 'Region', value: (a) => a.region },
    { header: 'Domain', value: (a) => a.domain },
    { header: 'Status', value: (a) => a.status },
    { header: 'Lifecycle Stage', value: (a) => a.lifecycleStage },
    { header: 'Plan', value: (a) => a.plan },
    { header: 'Seats Purchased', value: (a) => a.seatsPurchased },
    { header: 'Active Seats', value: (a) => a.seatsActive },
    { header: 'MRR', value: (a) => a.mrr },
    { header: 'Contract Start', value: (a) => a.contractStart },
    { header: 'Renewal Date', value: (a) => a.renewalDate },
    { header: 'Created', value: (a) => a.createdAt },
    ...customNames.map((name) => ({ header: `${CUSTOM_FIELD_PREFIX}${name}`, value: (a: Account) => a.customFields?.[name] })),
  ];
}

function contactColumns(ext: (accountId: string) => string): CsvColumn<Contact>[] {
  return [
    { header: 'Outpost ID', value: (c) => c.id },
    { header: 'Contact ID', value: (c) => c.externalId },
    { header: 'Account ID', value: (c) => ext(c.accountId) },
    { header: 'Full Name', value: (c) => c.name },
    { header: 'Email', value: (c) => c.email },
    { header: 'Job Title', value: (c) => c.title },
    { header: 'Role', value: (c) => c.role },
    { header: 'Status', value: (c) => c.status },
    { header: 'Departed On', value: (c) => c.departedOn },
  ];
}

function activityColumns(ext: (accountId: string) => string): CsvColumn<Activity>[] {
  return [
    { header: 'Outpost ID', value: (a) => a.id },
    { header: 'Activity ID', value: (a) => a.externalId || `${OUTPOST_EXTERNAL_PREFIX}${a.id}` },
    { header: 'Account ID', value: (a) => ext(a.accountId) },
    { header: 'Type', value: (a) => a.type },
    { header: 'Date', value: (a) => a.occurredAt },
    { header: 'Subject', value: (a) => a.subject },
    { header: 'Body', value: (a) => a.body },
    { header: 'Logged By', value: (a) => a.actorName },
    { header: 'Result', value: (a) => a.result },
    { header: 'NPS Score', value: (a) => a.npsScore },
    { header: 'Ticket Severity', value: (a) => a.ticket?.severity },
    { header: 'Ticket Status', value: (a) => a.ticket?.status },
    { header: 'Ticket Closed', value: (a) => a.ticket?.closedAt },
    { header: 'Ticket Resolution', value: (a) => a.ticket?.resolution },
    { header: 'Ticket Resolution Minutes', value: (a) => a.ticket?.resolutionMinutes },
    { header: 'Ticket CSAT', value: (a) => a.ticket?.csat },
    { header: 'Ticket Escalated', value: (a) => (a.ticket?.escalated === undefined ? undefined : a.ticket.escalated ? 'true' : 'false') },
  ];
}

function revenueColumns(ext: (accountId: string) => string): CsvColumn<RevenueEvent>[] {
  return [
    { header: 'Outpost ID', value: (r) => r.id },
    { header: 'Event ID', value: (r) => r.externalId },
    { header: 'Account ID', value: (r) => ext(r.accountId) },
    { header: 'Outcome', value: (r) => r.kind },
    { header: 'Date', value: (r) => r.date },
    { header: 'MRR Change', value: (r) => r.amount },
    { header: 'MRR After', value: (r) => r.mrrAfter },
    { header: 'Reason', value: (r) => r.note },
  ];
}

interface UsageDay {
  account: string;
  date: string;
  users: number | null;
  features: Partial<Record<string, number>>;
}

/** Usage as one row per account-day with data; a month's feature totals ride on its first exported day. */
function usageRows(usage: readonly UsageMonth[], ext: (accountId: string) => string): UsageDay[] {
  const rows: UsageDay[] = [];
  for (const month of [...usage].sort((a, b) => a.id.localeCompare(b.id))) {
    const days = month.activeUsers.map((users, i) => ({ users, day: i + 1 })).filter((d) => d.users !== null);
    // A month without any data still exists (known to have none): its first day carries it, all blank.
    if (days.length === 0) days.push({ users: null, day: 1 });
    days.forEach(({ users, day }, i) => {
      rows.push({ account: ext(month.accountId), date: `${month.month}-${String(day).padStart(2, '0')}`, users, features: i === 0 ? month.featureEvents : {} });
    });
  }
  return rows;
}

/**
 * The book as files in the formats the import reads, with Outpost ids, so export then import into an empty book
 * gives the same book: accounts (custom fields as `Custom: ` columns), contacts, activities (tickets with their
 * resolution, CSAT and escalation), revenue events and outcomes, and usage as daily rows. Account links are the
 * accounts' external ids, as in the source systems' exports.
 */
export function exportBookFiles(book: BookRecords): ExportFile[] {
  const externalIds = new Map(book.accounts.map((a) => [a.id, a.externalId]));
  const ext = (accountId: string) => externalIds.get(accountId) ?? '';
  const customNames = [...new Set(book.accounts.flatMap((a) => Object.keys(a.customFields ?? {})))].sort();
  const byId = <T extends { id: string }>(docs: readonly T[]) => [...docs].sort((a, b) => a.id.localeCompare(b.id));
  const ownNames = [...new Set(book.usage.flatMap((m) => ownFeatureKeys(m.featureEvents)))].sort();
  const usageColumns: CsvColumn<UsageDay>[] = [
    { header: 'Account ID', value: (u) => u.account },
    { header: 'Date', value: (u) => u.date },
    { header: 'Active Users', value: (u) => u.users },
    ...PRODUCT_FEATURES.map((f) => ({ header: FEATURE_HEADERS[f], value: (u: UsageDay) => u.features[f] })),
    ...ownNames.map((key) => ({ header: `${OWN_FEATURE_PREFIX}${key}`, value: (u: UsageDay) => u.features[key] })),
  ];
  const files = [
    { name: 'accounts.csv', text: toCsv(accountColumns(customNames), byId(book.accounts)) },
    { name: 'contacts.csv', text: toCsv(contactColumns(ext), byId(book.contacts)) },
    { name: 'activities.csv', text: toCsv(activityColumns(ext), byId(book.activities)) },
    { name: 'revenue.csv', text: toCsv(revenueColumns(ext), byId(book.revenue)) },
    { name: 'usage.csv', text: toCsv(usageColumns, usageRows(book.usage, ext)) },
  ];
  // A kind with no records has no file (a header alone is not an importable file).
  return files.filter((f) => f.text.includes('\n'));
}
