import type { OutpostDatabase } from '../db/create-database';
import type { Account, Activity, Contact } from '../model';
import type { AccountImportRow } from './account-fields';
import { newAccountFields } from './account-defaults';
import type { ActivityImportRow } from './activity-fields';
import { applyUsage } from './apply-usage';
import type { ContactImportRow } from './contact-fields';
import type { ImportKind } from './field-spec';
import { findByExternalIds } from './find-by-external-ids';
import type { ImportRowByKind } from './import-kinds';
import { rowError, type ImportProgress, type ImportSummary } from './import-summary';
import { upsertByExternalId, type UpsertItem } from './upsert-by-external-id';
import type { UsageImportRow } from './usage-fields';
import type { ImportRecord } from './validate-rows';

export interface ApplyImportOptions {
  /** Owner and team of new accounts (contacts, usage and activities take their account's). */
  ownerId: string;
  /** Owner name of new accounts without an owner column, and actor of activities without one. */
  ownerName: string;
  teamId: string;
  onProgress?: (progress: ImportProgress) => void;
  /** "Today" for defaults (contract dates, lifecycle stage); the current time unless a test pins it. */
  now?: Date;
}

/**
 * Writes validated records into the book, upserting by external id so importing the same file again changes nothing.
 * Rows that cannot be written (unknown account, duplicate id in the file, storage rejection) are returned as errors.
 */
export async function applyImport<K extends ImportKind>(
  db: OutpostDatabase,
  kind: K,
  records: readonly ImportRecord<ImportRowByKind[K]>[],
  options: ApplyImportOptions,
): Promise<ImportSummary> {
  const onProgress = options.onProgress ?? (() => undefined);
  switch (kind) {
    case 'accounts':
      return applyAccounts(db, records as readonly ImportRecord<AccountImportRow>[], options, onProgress);
    case 'contacts':
      return withAccounts(db, records as readonly ImportRecord<ContactImportRow>[], onProgress, (resolved, accounts, progress) =>
        upsertByExternalId(db.contacts, resolved.map((r) => contactItem(r, accounts)), 'externalId', progress),
      );
    case 'activities':
      return withAccounts(db, records as readonly ImportRecord<ActivityImportRow>[], onProgress, (resolved, accounts, progress) =>
        upsertByExternalId(db.activities, resolved.map((r) => activityItem(r, accounts, options)), 'externalId', progress),
      );
    case 'usage': {
      const usage = records as readonly ImportRecord<UsageImportRow>[];
      const accounts = await findByExternalIds(db.accounts, usage.map((r) => r.fields.accountExternalId));
      return applyUsage(db, usage, accounts, onProgress);
    }
    default:
      throw new Error(`applyImport: unknown import kind ${String(kind)}`);
  }
}

function applyAccounts(
  db: OutpostDatabase,
  records: readonly ImportRecord<AccountImportRow>[],
  options: ApplyImportOptions,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportSummary> {
  const now = options.now ?? new Date();
  const items = records.map(
    (source): UpsertItem<Account> => ({
      source,
      externalId: source.fields.externalId,
      fields: { ...source.fields, outpostId: undefined } as Partial<Account>,
      create: () => newAccountFields(source.fields, options, now),
    }),
  );
  return upsertByExternalId(db.accounts, items, 'externalId', onProgress);
}

/** Resolves each record's account by external id; rows whose account is not in the book become errors. */
async function withAccounts<R extends { accountExternalId: string }>(
  db: OutpostDatabase,
  records: readonly ImportRecord<R>[],
  onProgress: (progress: ImportProgress) => void,
  write: (
    resolved: ImportRecord<R>[],
    accounts: ReadonlyMap<string, Account>,
    progress: (progress: ImportProgress) => void,
  ) => Promise<ImportSummary>,
): Promise<ImportSummary> {
  const accounts = await findByExternalIds(db.accounts, records.map((r) => r.fields.accountExternalId));
  const resolved = records.filter((r) => accounts.has(r.fields.accountExternalId));
  const unknown = records.filter((r) => !accounts.has(r.fields.accountExternalId));
  const skipped = records.length - resolved.length;
  const summary = await write(resolved, accounts, ({ done }) => onProgress({ done: done + skipped, total: records.length }));
  const errors = unknown.map((r) =>
    rowError(r, 'accountExternalId', `no account has the ID "${r.fields.accountExternalId}"; import the accounts first`),
  );
  return { ...summary, errors: [...errors, ...summary.errors].sort((a, b) => a.line - b.line) };
}

function contactItem(source: ImportRecord<ContactImportRow>, accounts: ReadonlyMap<string, Account>): UpsertItem<Contact> {
  const { accountExternalId, externalId, outpostId: _id, ...rest } = source.fields;
  const account = accounts.get(accountExternalId)!;
  const fields = { ...rest, accountId: account.id };
  return {
    source,
    externalId,
    fields,
    create: () => ({
      ownerId: account.ownerId,
      teamId: account.teamId,
      externalId,
      title: '',
      role: 'user',
      status: 'active',
      ...fields,
    }),
  };
}

function activityItem(
  source: ImportRecord<ActivityImportRow>,
  accounts: ReadonlyMap<string, Account>,
  options: ApplyImportOptions,
): UpsertItem<Activity> {
  const { accountExternalId, externalId, outpostId: _id, ticketSeverity, ticketStatus, npsScore, ticketClosedAt: _c, ticketResolution: _r, ticketResolutionMinutes: _m, ticketCsat: _s, ticketEscalated: _e, ...rest } = source.fields;
  const account = accounts.get(accountExternalId)!;
  const isTicket = rest.type === 'support_ticket';
  const ticket =
    isTicket && (ticketSeverity || ticketStatus) ? { severity: ticketSeverity ?? 'medium', status: ticketStatus ?? 'open' } : undefined;
  const fields: Partial<Activity> = { ...rest, accountId: account.id };
  if (ticket) fields.ticket = ticket;
  if (npsScore !== undefined) fields.npsScore = npsScore;
  return {
    source,
    externalId,
    fields,
    create: () => ({
      ownerId: account.ownerId,
      teamId: account.teamId,
      externalId,
      accountId: account.id,
      type: rest.type,
      occurredAt: rest.occurredAt,
      subject: rest.subject,
      body: '',
      actorName: options.ownerName,
      result: '',
      ...(isTicket ? { ticket: { severity: 'medium' as const, status: 'open' as const } } : {}),
      ...fields,
    }),
  };
}
