import { TICKET_SEVERITIES } from '../model';
import type { IsoDateTime, TicketSeverity } from '../model';
import { decimalParser, enumParser, integerParser, parseBoolean, parseDateTime, textParser } from './field-parsers';
import type { FieldParser } from './field-parsers';
import { YES_NO, type ImportKindSpec } from './field-spec';

/** One support ticket (Zendesk, Salesforce cases, a help desk's export). */
export interface TicketImportRow {
  externalId: string;
  accountExternalId?: string;
  subscriptionId?: string;
  subject?: string;
  occurredAt: IsoDateTime;
  closedAt?: IsoDateTime;
  status?: 'open' | 'closed';
  severity?: TicketSeverity;
  resolution?: string;
  resolutionMinutes?: number;
  csat?: number;
  escalated?: boolean;
  actorName?: string;
}

/** CSAT on 1-5; Zendesk's Good / Bad read as 5 / 1 ("Offered" / "Unoffered" mean no rating: map them to blank). */
export const parseCsat: FieldParser<number> = (raw) => {
  const word = raw.trim().toLowerCase();
  if (word === 'good' || word === 'satisfied') return { ok: true, value: 5 };
  if (word === 'bad' || word === 'dissatisfied') return { ok: true, value: 1 };
  const n = Number(word);
  return Number.isFinite(n) && n >= 1 && n <= 5 ? { ok: true, value: n } : { ok: false, reason: `"${raw}" is not a rating from 1 to 5 (or Good / Bad)` };
};

const hours = decimalParser(100_000);

export const ticketsSpec: ImportKindSpec<TicketImportRow> = {
  kind: 'tickets',
  label: 'Support tickets',
  fields: [
    { key: 'externalId', label: 'Ticket ID', required: true, aliases: ['ticket_id', 'Ticket ID', 'Id', 'Case Number', 'Case ID', 'ID'], parse: textParser(128) },
    { key: 'accountExternalId', label: 'Account ID', required: false, aliases: ['account_id', 'Account ID', 'Organization ID', 'Account External ID', 'Company ID'], parse: textParser(128) },
    { key: 'subscriptionId', label: 'Subscription ID', required: false, aliases: ['subscription_id', 'Subscription ID'], parse: textParser(128) },
    { key: 'subject', label: 'Subject', required: false, aliases: ['Subject', 'subject', 'Title', 'Summary'], parse: textParser(500), fallback: '"Support ticket <id>"' },
    { key: 'occurredAt', label: 'Opened', required: true, aliases: ['submitted_at', 'Created at', 'Created Date', 'Date/Time Opened', 'created_at', 'Opened'], parse: parseDateTime },
    { key: 'closedAt', label: 'Closed', required: false, aliases: ['closed_at', 'Solved at', 'Closed Date', 'Date/Time Closed', 'Closed'], parse: parseDateTime, fallback: 'open' },
    { values: ['open', 'closed'], key: 'status', label: 'Status', required: false, aliases: ['Status', 'status', 'Case Status', 'Ticket Status'], parse: enumParser(['open', 'closed'] as const, { open: ['New', 'Pending', 'Hold', 'On-hold', 'In Progress', 'Waiting', 'Escalated'], closed: ['Solved', 'Resolved', 'Done', 'Closed'] }), fallback: 'closed when it has a closing date, else open' },
    { values: TICKET_SEVERITIES, key: 'severity', label: 'Priority', required: false, aliases: ['priority', 'Priority', 'Severity', 'Ticket Priority'], parse: enumParser(TICKET_SEVERITIES, { low: ['P4', 'Minor'], medium: ['P3', 'Normal'], high: ['P2', 'Major'], urgent: ['P1', 'Critical', 'Blocker'] }), fallback: 'medium' },
    { key: 'resolution', label: 'Resolution', required: false, aliases: ['Resolution', 'resolution', 'Resolution Notes', 'Solution'], parse: textParser(2000), fallback: 'blank' },
    { key: 'resolutionMinutes', label: 'Resolution time (minutes)', required: false, aliases: ['Full resolution time in minutes', 'Resolution time in minutes', 'resolution_time_minutes'], parse: integerParser(10_000_000) },
    { key: 'resolutionHours', label: 'Resolution time (hours)', required: false, aliases: ['resolution_time_hours', 'Resolution Time (Hours)', 'Resolution time'], parse: hours },
    { values: ['1', '2', '3', '4', '5'], key: 'csat', label: 'CSAT (1-5)', required: false, aliases: ['satisfaction_score', 'Satisfaction Score', 'CSAT', 'Satisfaction', 'Rating'], parse: parseCsat, fallback: 'no rating' },
    { values: YES_NO, key: 'escalated', label: 'Escalated', required: false, aliases: ['escalation_flag', 'Escalated', 'Is Escalated'], parse: parseBoolean, fallback: 'no' },
    { key: 'actorName', label: 'Assignee', required: false, aliases: ['Assignee', 'Case Owner', 'Owner', 'agent'], parse: textParser(200), fallback: 'you' },
  ],
  requiredAlternatives: [{ label: 'Account ID (or Subscription ID)', sets: [['accountExternalId'], ['subscriptionId']] }],
  build(values) {
    const { resolutionHours, ...row } = values as Partial<TicketImportRow & { resolutionHours: number }>;
    if (row.resolutionMinutes === undefined && resolutionHours !== undefined) row.resolutionMinutes = Math.round(resolutionHours * 60);
    if (row.closedAt && row.occurredAt && row.closedAt < row.occurredAt) {
      return { ok: false, problems: [{ field: 'closedAt', reason: `closed ${row.closedAt}, before it was opened ${row.occurredAt}` }] };
    }
    row.status ??= row.closedAt ? 'closed' : 'open';
    return { ok: true, record: row as TicketImportRow };
  },
};
