import { ACTIVITY_TYPES, TICKET_SEVERITIES } from '../model';
import type { ActivityType, IsoDateTime, TicketSeverity } from '../model';
import { enumParser, integerParser, parseBoolean, parseDateTime, textParser } from './field-parsers';
import { parseCsat } from './ticket-fields';
import type { ImportKindSpec } from './field-spec';

export interface ActivityImportRow {
  externalId: string;
  outpostId?: string;
  accountExternalId: string;
  type: ActivityType;
  occurredAt: IsoDateTime;
  subject: string;
  body?: string;
  actorName?: string;
  result?: string;
  npsScore?: number;
  ticketSeverity?: TicketSeverity;
  ticketStatus?: 'open' | 'closed';
  ticketClosedAt?: IsoDateTime;
  ticketResolution?: string;
  ticketResolutionMinutes?: number;
  ticketCsat?: number;
  ticketEscalated?: boolean;
}

export const parseActivityType = enumParser(ACTIVITY_TYPES, {
  email: ['E-mail', 'Email Sent', 'Sent Email', 'Incoming Email', 'Outgoing Email'],
  call: ['Phone', 'Phone Call', 'Log a Call', 'Logged Call'],
  meeting: ['Event', 'Video Call', 'Zoom', 'Onsite', 'Meeting Booked'],
  qbr: ['Business Review', 'Quarterly Business Review', 'EBR', 'Executive Business Review'],
  note: ['Task', 'To-do', 'Todo', 'Other', 'Notes', 'Comment'],
  support_ticket: ['Support Ticket', 'Ticket', 'Case', 'Support Case', 'Support'],
  nps: ['NPS Response', 'NPS Survey', 'Survey', 'Survey Response'],
});

export const activitiesSpec: ImportKindSpec<ActivityImportRow> = {
  kind: 'activities',
  label: 'Activities',
  fields: [
    {
      key: 'externalId',
      label: 'Activity ID',
      required: true,
      aliases: ['Activity ID', 'Task ID', 'Event ID', 'Engagement ID', 'Record ID', 'External ID', 'ID'],
      parse: textParser(128),
    },
    {
      key: 'accountExternalId',
      label: 'Account ID',
      required: true,
      aliases: ['Account ID', 'Associated Company ID', 'Associated Company IDs', 'Company ID', 'What ID', 'Related To ID', 'Account External ID'],
      parse: textParser(128),
    },
    { values: ACTIVITY_TYPES, key: 'type', label: 'Type', required: true, aliases: ['Type', 'Activity Type', 'Task Type', 'Engagement Type', 'Task Subtype'], parse: parseActivityType },
    {
      key: 'occurredAt',
      label: 'Date',
      required: true,
      aliases: ['Date', 'Activity Date', 'Occurred At', 'Timestamp', 'Due Date', 'Created Date', 'Create Date', 'Activity Date/Time'],
      parse: parseDateTime,
    },
    { key: 'subject', label: 'Subject', required: true, aliases: ['Subject', 'Title', 'Activity Subject', 'Task Title', 'Summary'], parse: textParser(500) },
    { key: 'body', label: 'Body', required: false, aliases: ['Body', 'Description', 'Comments', 'Full Comments', 'Notes', 'Details', 'Note Body'], parse: textParser(100_000), fallback: 'blank' },
    { key: 'actorName', label: 'Logged by', required: false, aliases: ['Assigned To', 'Activity Owner', 'Owner', 'Created By', 'Logged By', 'Actor', 'Assigned'], parse: textParser(200), fallback: 'you' },
    { key: 'result', label: 'Result', required: false, aliases: ['Result', 'Outcome', 'Call Outcome', 'Disposition'], parse: textParser(200), fallback: 'blank' },
    { key: 'outpostId', label: 'Outpost ID', required: false, aliases: ['Outpost ID'], parse: textParser(128), fallback: 'a new id' },
    { key: 'npsScore', label: 'NPS score', required: false, aliases: ['NPS Score', 'NPS', 'Score'], parse: integerParser(10) },
    {
      key: 'ticketSeverity',
      label: 'Ticket severity',
      required: false,
      aliases: ['Severity', 'Priority', 'Ticket Priority', 'Ticket Severity'],
      parse: enumParser(TICKET_SEVERITIES, { low: ['P4', 'Minor'], medium: ['P3', 'Normal'], high: ['P2', 'Major'], urgent: ['P1', 'Critical', 'Blocker'] }),
      fallback: 'medium (tickets only)',
    },
    {
      key: 'ticketStatus',
      label: 'Ticket status',
      required: false,
      aliases: ['Ticket Status', 'Case Status'],
      parse: enumParser(['open', 'closed'] as const, { open: ['New', 'Pending', 'In Progress', 'Waiting'], closed: ['Resolved', 'Solved', 'Done'] }),
      fallback: 'open (tickets only)',
    },
    { key: 'ticketClosedAt', label: 'Ticket closed', required: false, aliases: ['Ticket Closed', 'Closed At'], parse: parseDateTime },
    { key: 'ticketResolution', label: 'Ticket resolution', required: false, aliases: ['Ticket Resolution'], parse: textParser(2000) },
    { key: 'ticketResolutionMinutes', label: 'Ticket resolution minutes', required: false, aliases: ['Ticket Resolution Minutes'], parse: integerParser(10_000_000) },
    { key: 'ticketCsat', label: 'Ticket CSAT', required: false, aliases: ['Ticket CSAT'], parse: parseCsat },
    { key: 'ticketEscalated', label: 'Ticket escalated', required: false, aliases: ['Ticket Escalated'], parse: parseBoolean },
  ],
  build(values) {
    const row = values as Partial<ActivityImportRow>;
    if (row.npsScore !== undefined && row.type !== 'nps') {
      return { ok: false, problems: [{ field: 'npsScore', reason: `an NPS score only belongs on NPS responses, not on a ${row.type}` }] };
    }
    return { ok: true, record: row as ActivityImportRow };
  },
};
