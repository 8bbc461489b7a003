import { ownFeatureKeys } from '../model';
import { CUSTOM_FIELD_PREFIX } from '../export/export-book';
import { newAccountFields } from './account-defaults';
import type { AccountImportRow } from './account-fields';
import { BookIndex, type BookSnapshot } from './book-snapshot';
import type { PlanOptions } from './plan-context';
import { missingColumnsRefusal } from './column-mapping';
import type { RowError } from './csv-table';
import { IMPORT_KINDS, type ImportKind } from './field-spec';
import { importKindSpec, type ImportRowByKind } from './import-kinds';
import { FileRows, type FileSetup, type PlanContext } from './plan-context';
import { planAccountLinked } from './plan-linked-rows';
import { planRevenue } from './plan-revenue';
import { planUsage, type FeatureCapDrop, type FeatureCatalogueEntry } from './plan-usage';
import { renewalReviews, type RenewalReview } from './renewal-review';
import { validateRows, type ImportRecord } from './validate-rows';
import { sameContent, WorkingSet, type Content, type PlannedDoc } from './working-set';



/** One changed field of one document, for the preview. */
export interface FieldChange {
  collection: PlannedDoc['collection'];
  id: string;
  /** The record as a person knows it: the account's name, the external id. */
  label: string;
  field: string;
  before: unknown;
  after: unknown;
  /** A change to a name or key field: most likely a wrong mapping. */
  flagged: boolean;
}

export interface DefaultUse {
  field: string;
  label: string;
  fallback: string;
  /** Rows that get it (the column is unmapped or the cell is blank). */
  rows: number;
}

export interface FilePreview {
  file: string;
  kind: ImportKind;
  /** Why the whole file is left out, if it is. */
  refusal?: string;
  rows: number;
  new: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: RowError[];
  /** Field-level changes of a sample of the updated records. */
  diffs: FieldChange[];
  /** Every change of a name or key field this file makes (first 200), and how many there are. */
  flagged: FieldChange[];
  flaggedCount: number;
  unmapped: string[];
  kept: string[];
  defaults: DefaultUse[];
}

export interface ImportPlan {
  files: FilePreview[];
  /** Only the documents the import changes. */
  docs: PlannedDoc[];
  reviews: RenewalReview[];
  features: FeatureCatalogueEntry[];
  /** Per events file, the own features over the book's cap: their events are not stored. */
  featuresDropped: FeatureCapDrop[];
  /** Subscription id -> account external id, as this import links them. */
  subscriptionLinks: Record<string, string>;
  totals: { new: number; updated: number; unchanged: number; rejected: number };
  /**
   * The accounts this plan creates under ids it drew at random (none given in the files, none pinned by a test):
   * until the plan is first committed nothing anywhere refers to them, so no book holds history of theirs (the
   * commit need not ask: import-batches.ts). `token` names the plan, so a second commit of it is known.
   */
  drawn?: DrawnAccounts;
}

export interface DrawnAccounts {
  token: string;
  ids: string[];
}

const FLAGGED_FIELDS: Record<string, ReadonlySet<string>> = {
  accounts: new Set(['name', 'externalId', 'domain']),
  contacts: new Set(['name', 'email', 'accountId', 'externalId']),
  activities: new Set(['accountId', 'externalId', 'type']),
  revenue: new Set(['accountId', 'externalId', 'kind']),
  usage: new Set(['accountId']),
};

const DIFF_SAMPLE = 20;
const FLAGGED_SHOWN = 200;


/**
 * The whole import as one plan, from the files as set up and what the book holds: nothing is written. Files are
 * read in dependency order (accounts, contacts, subscriptions, outcomes, tickets, activities, usage, events) so a
 * file can refer to accounts another file of the same import creates, and usage or tickets keyed by subscription id
 * reach their account through the subscriptions file (or links kept from earlier imports). Every row ends up counted
 * once: new (it creates a document), updated (it changes one), unchanged, or rejected with its file, line, column
 * and reason.
 */
export function planImport(book: BookSnapshot, setups: readonly FileSetup[], options: PlanOptions): ImportPlan {
  const index = new BookIndex(book);
  const ws = new WorkingSet((collection, id) => index.stored(collection, id));
  const newId = options.newId ?? (() => crypto.randomUUID());
  const previews = new Map<FileSetup, FilePreview>();
  const files: FileRows[] = [];

  const ordered = [...setups].sort((a, b) => IMPORT_KINDS.indexOf(a.kind) - IMPORT_KINDS.indexOf(b.kind));
  for (const setup of ordered) {
    const preview = emptyPreview(setup);
    previews.set(setup, preview);
    const refusal = missingColumnsRefusal(setup.kind, setup.table, setup.mapping);
    if (refusal) {
      preview.refusal = refusal.message;
      preview.rejected = setup.table.rows.length;
      continue;
    }
    const { records, errors } = validateRows(setup.kind, setup.table, setup.mapping, setup.options);
    const rows = new FileRows(setup, records as ImportRecord<unknown>[]);
    rows.errors.push(...errors);
    files.push(rows);
  }

  const links: Record<string, string> = { ...book.subscriptionLinks };
  for (const rows of files) {
    if (rows.setup.kind !== 'subscriptions') continue;
    for (const r of rows.records as ImportRecord<ImportRowByKind['subscriptions']>[]) links[r.fields.subscriptionId] = r.fields.accountExternalId;
  }
  const ownFeatures = new Set(book.ownFeatureKeys ?? []);
  for (const month of book.usage) for (const key of ownFeatureKeys(month.featureEvents)) ownFeatures.add(key);
  const drawn: string[] = [];
  const context: PlanContext = { index, ws, options, newId, links, lastMrr: new Map(), ownFeatures, drawnAccounts: options.newId ? undefined : drawn };
  const features: FeatureCatalogueEntry[] = [];
  const featuresDropped: FeatureCapDrop[] = [];
  for (const rows of files) {
    switch (rows.setup.kind) {
      case 'accounts':
        planAccounts(rows as FileRows<AccountImportRow>, context);
        break;
      case 'subscriptions':
      case 'outcomes':
        planRevenue(rows as FileRows<never>, context, files);
        break;
      case 'usage':
      case 'events':
        {
          const usage = planUsage(rows as FileRows<never>, context);
          features.push(...usage.features);
          if (usage.dropped) featuresDropped.push(usage.dropped);
        }
        break;
      default:
        planAccountLinked(rows as FileRows<never>, context);
    }
  }

  const changed = ws.all().filter((doc) => !doc.before || !sameContent(doc.before, doc.after));
  for (const rows of files) summarise(rows, previews.get(rows.setup)!, index);
  const filePreviews = setups.map((s) => previews.get(s)!);
  const totals = { new: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const p of filePreviews) {
    totals.new += p.new;
    totals.updated += p.updated;
    totals.unchanged += p.unchanged;
    totals.rejected += p.rejected;
  }
  const newLinks = Object.fromEntries(Object.entries(links).filter(([sub, acc]) => book.subscriptionLinks[sub] !== acc));
  return {
    files: filePreviews, docs: changed, reviews: renewalReviews(ws, index, options.now), features, featuresDropped, subscriptionLinks: newLinks, totals,
    ...(drawn.length > 0 ? { drawn: { token: crypto.randomUUID(), ids: drawn } } : {}),
  };
}

function emptyPreview(setup: FileSetup): FilePreview {
  const mapped = new Set(Object.values(setup.mapping).filter(Boolean));
  const unmapped = setup.table.headers.filter((h) => !mapped.has(h));
  const kept = setup.kind === 'accounts' || setup.kind === 'usage' ? unmapped.filter((h) => setup.keep?.includes(h)) : [];
  return {
    file: setup.table.fileName, kind: setup.kind, rows: setup.table.rows.length,
    new: 0, updated: 0, unchanged: 0, rejected: 0, errors: [], diffs: [], flagged: [], flaggedCount: 0, unmapped, kept, defaults: [],
  };
}

function planAccounts(rows: FileRows<AccountImportRow>, { index, ws, options, newId, drawnAccounts }: PlanContext): void {
  const firstLine = new Map<string, number>();
  const keptColumns = rows.setup.kind === 'accounts' ? (rows.setup.keep ?? []) : [];
  const table = rows.setup.table;
  const rowByLine = new Map<number, string[]>();
  table.lines.forEach((line, i) => rowByLine.set(line, table.rows[i] ?? []));
  for (const record of rows.records) {
    const { outpostId, ...fields } = record.fields;
    const seen = firstLine.get(fields.externalId);
    if (seen !== undefined) {
      rows.reject(record, record.columns['externalId'] ?? 'Account ID', `repeats "${fields.externalId}" from line ${seen}; only the first row is imported`);
      continue;
    }
    firstLine.set(fields.externalId, record.line);
    const custom: Record<string, string> = {};
    const cells = rowByLine.get(record.line) ?? [];
    for (const header of keptColumns) {
      const value = (cells[table.headers.indexOf(header)] ?? '').trim();
      const name = rows.setup.keepAs?.[header] ?? header;
      if (value) custom[name.startsWith(CUSTOM_FIELD_PREFIX) ? name.slice(CUSTOM_FIELD_PREFIX.length) : name] = value;
    }
    const existingId = index.idOf('accounts', fields.externalId) ?? ws.createdId('accounts', fields.externalId);
    if (existingId) {
      const doc = ws.get('accounts', existingId)!;
      ws.set(doc, fields as unknown as Record<string, unknown>);
      if (Object.keys(custom).length > 0) doc.after['customFields'] = { ...(doc.after['customFields'] as object | undefined), ...custom };
      rows.touch(record.line, doc);
      continue;
    }
    const id = outpostId ?? newId();
    if (!outpostId) drawnAccounts?.push(id);
    const content = { id, ...newAccountFields(fields, options, options.now) } as Content;
    if (Object.keys(custom).length > 0) content['customFields'] = custom;
    rows.touch(record.line, ws.create('accounts', content));
  }
}

function labelOf(doc: PlannedDoc, index: BookIndex): string {
  const after = doc.after;
  if (doc.collection === 'accounts') return `${String(after['name'])} (${String(after['externalId'])})`;
  if (doc.collection === 'usage') {
    const account = index.snapshot.accounts.find((a) => a.id === after['accountId']);
    return `${account?.name ?? String(after['accountId'])} ${String(after['month'])}`;
  }
  return String(after['externalId'] || doc.id);
}

function summarise(rows: FileRows, preview: FilePreview, index: BookIndex): void {
  const setup = rows.setup;
  const lines = new Set(rows.errors.map((e) => e.line));
  preview.errors = [...rows.errors].sort((a, b) => a.line - b.line);
  preview.rejected = lines.size;
  const seenDocs = new Set<PlannedDoc>();
  for (const record of rows.records) {
    if (lines.has(record.line)) continue;
    const docs = rows.touched.get(record.line);
    if (!docs || docs.size === 0) continue;
    const list = [...docs];
    if (list.some((d) => d.before === null)) preview.new += 1;
    else if (list.some((d) => !sameContent(d.before, d.after))) preview.updated += 1;
    else preview.unchanged += 1;
    for (const doc of list) {
      if (!doc.before || seenDocs.has(doc)) continue;
      seenDocs.add(doc);
      const changes = fieldChanges(doc, index);
      if (preview.diffs.length < DIFF_SAMPLE && changes.length > 0) preview.diffs.push(...changes);
      for (const change of changes) {
        if (!change.flagged) continue;
        preview.flaggedCount += 1;
        if (preview.flagged.length < FLAGGED_SHOWN) preview.flagged.push(change);
      }
    }
  }
  // Rows that were valid but reached no document (an unknown account): rejected, with the reason already recorded.
  const spec = importKindSpec(setup.kind);
  for (const field of spec.fields) {
    if (!field.fallback) continue;
    const absent = rows.records.filter((r) => (r.fields as Record<string, unknown>)[field.key] === undefined).length;
    if (absent > 0) preview.defaults.push({ field: field.key, label: field.label, fallback: field.fallback, rows: absent });
  }
}

function fieldChanges(doc: PlannedDoc, index: BookIndex): FieldChange[] {
  const before: Record<string, unknown> = doc.before ?? {};
  const flagged = FLAGGED_FIELDS[doc.collection]!;
  const keys = new Set([...Object.keys(before), ...Object.keys(doc.after)]);
  const changes: FieldChange[] = [];
  for (const field of keys) {
    if (sameContent(before[field], doc.after[field])) continue;
    changes.push({ collection: doc.collection, id: doc.id, label: labelOf(doc, index), field, before: before[field], after: doc.after[field], flagged: flagged.has(field) });
  }
  return changes;
}

export type { FileSetup, PlanOptions } from './plan-context';
