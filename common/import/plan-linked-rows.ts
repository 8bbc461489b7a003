import { OUTPOST_EXTERNAL_PREFIX } from '../export/export-book';
import type { ActivityImportRow } from './activity-fields';
import type { ContactImportRow } from './contact-fields';
import { resolveAccount, type FileRows, type PlanContext } from './plan-context';
import type { TicketImportRow } from './ticket-fields';
import type { ImportRecord } from './validate-rows';
import type { Content, ImportCollection } from './working-set';

type Row = ContactImportRow | ActivityImportRow | TicketImportRow;

/**
 * Contacts, support tickets and other activities: each row is one document, upserted by its external id, on the
 * account its account id (or subscription id) names. A later row repeating an external id is rejected.
 */
export function planAccountLinked(rows: FileRows<Row>, context: PlanContext): void {
  const { index, ws } = context;
  const collection: ImportCollection = rows.setup.kind === 'contacts' ? 'contacts' : 'activities';
  const firstLine = new Map<string, number>();
  for (const record of rows.records) {
    const fields = record.fields as Row & { subscriptionId?: string };
    const seen = firstLine.get(fields.externalId);
    if (seen !== undefined) {
      rows.reject(record, record.columns['externalId'] ?? 'ID', `repeats "${fields.externalId}" from line ${seen}; only the first row is imported`);
      continue;
    }
    firstLine.set(fields.externalId, record.line);
    const resolved = resolveAccount(context, fields.accountExternalId, fields.subscriptionId);
    if ('reason' in resolved) {
      rows.reject(record, record.columns[resolved.column] ?? resolved.column, resolved.reason);
      continue;
    }
    const account = resolved.account;
    const { fields: set, create } = documentFields(rows.setup.kind, record as ImportRecord<Row>, account, context);
    const outpostId = (fields as { outpostId?: string }).outpostId;
    const existingId =
      (outpostId && index.stored(collection, outpostId) ? outpostId : undefined) ??
      index.idOf(collection, fields.externalId) ??
      ws.createdId(collection, fields.externalId);
    if (existingId) {
      const doc = ws.get(collection, existingId)!;
      ws.set(doc, set);
      if (set['ticket'] && doc.before?.['ticket']) doc.after['ticket'] = { ...(doc.before['ticket'] as object), ...(set['ticket'] as object) };
      rows.touch(record.line, doc);
    } else {
      rows.touch(record.line, ws.create(collection, create()));
    }
  }
}

function withoutUndefined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

function documentFields(
  kind: string,
  record: ImportRecord<Row>,
  account: Content,
  { options, newId }: PlanContext,
): { fields: Record<string, unknown>; create(): Content } {
  const owner = { ownerId: account['ownerId'], teamId: account['teamId'] };
  if (kind === 'contacts') {
    const { accountExternalId: _a, outpostId, ...rest } = record.fields as ContactImportRow;
    const fields = withoutUndefined({ ...rest, accountId: account.id });
    return { fields, create: () => ({ id: outpostId ?? newId(), ...owner, title: '', role: 'user', status: 'active', ...fields }) as Content };
  }
  if (kind === 'tickets') {
    const t = record.fields as TicketImportRow;
    const ticket = withoutUndefined({
      severity: t.severity, status: t.status, closedAt: t.closedAt, resolution: t.resolution,
      resolutionMinutes: t.resolutionMinutes, csat: t.csat, escalated: t.escalated,
    });
    const fields = withoutUndefined({
      externalId: t.externalId, accountId: account.id, type: 'support_ticket', occurredAt: t.occurredAt, subject: t.subject, actorName: t.actorName, ticket,
    });
    return {
      fields,
      create: () => ({
        id: newId(), ...owner, body: '', actorName: options.ownerName, result: '', subject: `Support ticket ${t.externalId}`,
        ...fields, ticket: { severity: 'medium', ...ticket },
      }) as Content,
    };
  }
  const a = { ...(record.fields as ActivityImportRow) };
  if (a.externalId.startsWith(OUTPOST_EXTERNAL_PREFIX)) a.externalId = '';
  const { accountExternalId: _a, outpostId, ticketSeverity, ticketStatus, ticketClosedAt, ticketResolution, ticketResolutionMinutes, ticketCsat, ticketEscalated, ...rest } = a;
  const isTicket = rest.type === 'support_ticket';
  const ticketParts = withoutUndefined({
    severity: ticketSeverity, status: ticketStatus, closedAt: ticketClosedAt, resolution: ticketResolution,
    resolutionMinutes: ticketResolutionMinutes, csat: ticketCsat, escalated: ticketEscalated,
  });
  const fields = withoutUndefined({ ...rest, accountId: account.id, ...(isTicket && Object.keys(ticketParts).length > 0 ? { ticket: ticketParts } : {}) });
  return {
    fields,
    create: () => ({
      id: outpostId ?? newId(), ...owner, body: '', actorName: options.ownerName, result: '', ...fields,
      ...(isTicket ? { ticket: { severity: 'medium', status: 'open', ...ticketParts } } : {}),
    }) as Content,
  };
}
