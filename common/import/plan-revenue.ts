import type { IsoDate, RevenueEventKind } from '../model';
import type { OutcomeImportRow } from './outcome-fields';
import { resolveAccount, type FileRows, type PlanContext } from './plan-context';
import type { SubscriptionImportRow } from './subscription-fields';
import type { ImportRecord } from './validate-rows';
import type { Content, PlannedDoc } from './working-set';

const isoDay = (date: Date): IsoDate => date.toISOString().slice(0, 10);
const NOTE_MAX = 2000;

/**
 * Subscriptions become the account's revenue state: MRR (ARR is 12 x MRR) and seats summed over its current
 * subscriptions, tier and plan from the largest, contract start and renewal date from their dates, status churned
 * when every subscription ended in churn or cancellation. With no current subscription the latest ones stand (their
 * end date, now past, is the renewal date: flagged for review). Churn, upgrade and downgrade flags become outcome
 * events, unless the same import has an outcomes file for the account (that file is the record of outcomes then).
 * Outcome rows become revenue events (churn / renewal / expansion / contraction, invoices) with their reasons.
 */
export function planRevenue(rows: FileRows<SubscriptionImportRow | OutcomeImportRow>, context: PlanContext, all: readonly FileRows[], ): void {
  if (rows.setup.kind === 'subscriptions') planSubscriptions(rows as FileRows<SubscriptionImportRow>, context, outcomeAccounts(all, context));
  else planOutcomes(rows as FileRows<OutcomeImportRow>, context);
}

function outcomeAccounts(all: readonly FileRows[], context: PlanContext): Set<string> {
  const accounts = new Set<string>();
  for (const file of all) {
    if (file.setup.kind !== 'outcomes') continue;
    for (const record of file.records as ImportRecord<OutcomeImportRow>[]) {
      const ext = record.fields.accountExternalId ?? (record.fields.subscriptionId ? context.links[record.fields.subscriptionId] : undefined);
      if (ext) accounts.add(ext);
    }
  }
  return accounts;
}

function upsertEvent(
  context: PlanContext,
  account: Content,
  event: { outpostId?: string; externalId: string; kind: RevenueEventKind; date: IsoDate; amount: number; mrrAfter: number; note: string },
): PlannedDoc {
  const { ws, index, newId } = context;
  const { outpostId, ...fields } = event;
  const content = { ...fields, accountId: account.id, note: fields.note.slice(0, NOTE_MAX) };
  const existingId = index.idOf('revenue', event.externalId) ?? ws.createdId('revenue', event.externalId);
  if (existingId) {
    const doc = ws.get('revenue', existingId)!;
    ws.set(doc, content);
    return doc;
  }
  return ws.create('revenue', { id: outpostId ?? newId(), ownerId: account['ownerId'], teamId: account['teamId'], ...content } as Content);
}

function planSubscriptions(rows: FileRows<SubscriptionImportRow>, context: PlanContext, withOutcomes: ReadonlySet<string>): void {
  const today = isoDay(context.options.now);
  const firstLine = new Map<string, number>();
  const byAccount = new Map<string, { account: PlannedDoc; externalId: string; records: ImportRecord<SubscriptionImportRow>[] }>();
  for (const record of rows.records) {
    const sub = record.fields;
    const seen = firstLine.get(sub.subscriptionId);
    if (seen !== undefined) {
      rows.reject(record, record.columns['subscriptionId'] ?? 'Subscription ID', `repeats subscription "${sub.subscriptionId}" from line ${seen}; only the first row is imported`);
      continue;
    }
    firstLine.set(sub.subscriptionId, record.line);
    const resolved = resolveAccount(context, sub.accountExternalId, undefined);
    if ('reason' in resolved) {
      rows.reject(record, record.columns[resolved.column] ?? resolved.column, resolved.reason);
      continue;
    }
    const doc = context.ws.get('accounts', resolved.account.id)!;
    let group = byAccount.get(doc.id);
    if (!group) byAccount.set(doc.id, (group = { account: doc, externalId: resolved.externalId, records: [] }));
    group.records.push(record);
  }

  for (const { account, externalId, records } of byAccount.values()) {
    const subs = records.map((r) => r.fields);
    const live = subs.filter((s) => s.active !== false && !s.churned);
    const current = live.filter((s) => (!s.startDate || s.startDate <= today) && (!s.endDate || s.endDate >= today));
    const lastEnd = (list: SubscriptionImportRow[]) => list.reduce<string>((max, s) => (s.endDate && s.endDate > max ? s.endDate : max), '');
    const latestOf = (list: SubscriptionImportRow[]) => {
      const end = lastEnd(list);
      return list.filter((s) => (s.endDate ?? '') === end || !s.endDate);
    };
    const latest = current.length > 0 ? current : latestOf(live);
    context.lastMrr.set(account.id, (current.length > 0 ? current : latestOf(subs)).reduce((n, s) => n + (s.mrr ?? 0), 0));
    const fields: Record<string, unknown> = {};
    const hasMrr = subs.some((s) => s.mrr !== undefined);
    if (latest.length > 0) {
      if (hasMrr) fields['mrr'] = latest.reduce((n, s) => n + (s.mrr ?? 0), 0);
      if (subs.some((s) => s.seats !== undefined)) fields['seatsPurchased'] = latest.reduce((n, s) => n + (s.seats ?? 0), 0);
      const top = [...latest].sort((a, b) => (b.mrr ?? 0) - (a.mrr ?? 0))[0]!;
      if (top.tier) fields['tier'] = top.tier;
      if (top.plan) fields['plan'] = top.plan;
      const starts = latest.map((s) => s.startDate).filter((d): d is string => Boolean(d)).sort();
      if (starts.length > 0) fields['contractStart'] = starts[0];
      const ends = latest.map((s) => s.endDate).filter((d): d is string => Boolean(d)).sort();
      const upcoming = ends.filter((d) => d >= today);
      if (ends.length > 0) fields['renewalDate'] = current.length > 0 && upcoming.length > 0 ? upcoming[0] : ends[ends.length - 1];
      fields['status'] = 'active';
    } else {
      fields['status'] = 'churned';
      if (hasMrr) fields['mrr'] = 0;
    }
    if (typeof fields['renewalDate'] === 'string' && typeof (fields['contractStart'] ?? account.after['contractStart']) === 'string') {
      const start = (fields['contractStart'] ?? account.after['contractStart']) as string;
      if (start > (fields['renewalDate'] as string)) fields['contractStart'] = fields['renewalDate'];
    }
    context.ws.set(account, fields);
    for (const record of records) rows.touch(record.line, account);
    if (withOutcomes.has(externalId)) continue;
    for (const record of records) {
      const s = record.fields;
      const flagged: [boolean | undefined, RevenueEventKind, string][] = [
        [s.churned, 'churn', 'churned'],
        [s.upgraded, 'expansion', 'upgraded'],
        [s.downgraded, 'contraction', 'downgraded'],
      ];
      for (const [flag, kind, word] of flagged) {
        if (!flag) continue;
        const date = (kind === 'churn' ? s.endDate ?? s.startDate : s.startDate ?? s.endDate) ?? today;
        const mrr = s.mrr ?? 0;
        const doc = upsertEvent(context, account.after, {
          externalId: `sub:${s.subscriptionId}:${kind}`, kind, date,
          amount: kind === 'churn' ? -mrr : 0, mrrAfter: kind === 'churn' ? 0 : mrr, note: `Subscription ${s.subscriptionId} ${word}`,
        });
        rows.touch(record.line, doc);
      }
    }
  }
}

function planOutcomes(rows: FileRows<OutcomeImportRow>, context: PlanContext): void {
  const firstLine = new Map<string, number>();
  for (const record of rows.records) {
    const o = record.fields;
    const externalId = o.externalId ?? `outcome:${o.accountExternalId ?? `sub:${o.subscriptionId}`}:${o.kind}:${o.date}`;
    const seen = firstLine.get(externalId);
    if (seen !== undefined) {
      rows.reject(record, record.columns['externalId'] ?? '(row)', `repeats the outcome "${externalId}" from line ${seen}; only the first row is imported`);
      continue;
    }
    firstLine.set(externalId, record.line);
    const resolved = resolveAccount(context, o.accountExternalId, o.subscriptionId);
    if ('reason' in resolved) {
      rows.reject(record, record.columns[resolved.column] ?? resolved.column, resolved.reason);
      continue;
    }
    const account = resolved.account;
    const before = context.ws.get('accounts', account.id)?.before;
    const mrr = Number(account['mrr'] || context.lastMrr.get(account.id) || before?.['mrr'] || 0);
    const note = [o.reason, o.feedback].filter(Boolean).join(' — ');
    const doc = upsertEvent(context, account, {
      ...(o.outpostId ? { outpostId: o.outpostId } : {}),
      externalId, kind: o.kind, date: o.date,
      amount: o.amount ?? (o.kind === 'churn' ? -mrr : 0),
      mrrAfter: o.mrrAfter ?? (o.kind === 'churn' ? 0 : mrr),
      note,
    });
    rows.touch(record.line, doc);
  }
}
