import type { BookIndex } from './book-snapshot';
import type { ColumnMapping } from './column-mapping';
import type { CsvTable, RowError } from './csv-table';
import type { ImportKind } from './field-spec';
import type { ImportRecord, ReadOptions } from './validate-rows';
import type { Content, PlannedDoc, WorkingSet } from './working-set';

/** One file as the person set it up in the wizard. */
export interface FileSetup {
  table: CsvTable;
  kind: ImportKind;
  mapping: ColumnMapping;
  options?: ReadOptions;
  /** Accounts files: unmapped headers kept as custom fields. */
  keep?: readonly string[];
  /** Kept header -> the custom field's name when it is not the header (a saved template's spelling). */
  keepAs?: Readonly<Record<string, string>>;
  /** The vendor export it was recognised as, if any (vendor-templates.ts). */
  template?: { label: string } | null;
  /** The person's saved template it was set up from, if any (saved-templates.ts). */
  savedTemplateId?: string;
}

export interface PlanOptions {
  ownerId: string;
  ownerName: string;
  teamId: string;
  now: Date;
  /** Ids of new documents; random unless a test pins them. */
  newId?: () => string;
}

/** What every part of the planner shares: the book, the documents so far, the owner, subscription links. */
export interface PlanContext {
  index: BookIndex;
  ws: WorkingSet;
  options: PlanOptions;
  newId: () => string;
  links: Record<string, string>;
  /** Account id -> MRR of its latest subscriptions, churned or not: what a churn without an amount took away. */
  lastMrr: Map<string, number>;
  /** The book's own feature keys (not the six): what the book held, and what this import admits (plan-usage.ts). */
  ownFeatures: Set<string>;
  /** The ids of new accounts drawn at random (undefined when a test pins `newId`): ImportPlan.drawn. */
  drawnAccounts: string[] | undefined;
}

/** Rows of a file, as records, and which documents each row touched. */
export class FileRows<R = unknown> {
  readonly touched = new Map<number, Set<PlannedDoc>>();
  readonly errors: RowError[] = [];
  constructor(
    readonly setup: FileSetup,
    readonly records: ImportRecord<R>[],
  ) {}

  touch(line: number, doc: PlannedDoc): void {
    let set = this.touched.get(line);
    if (!set) this.touched.set(line, (set = new Set()));
    set.add(doc);
  }

  reject(record: ImportRecord<unknown>, column: string, reason: string): void {
    this.errors.push({ file: record.file, line: record.line, column, reason });
  }
}

/** The account a row refers to, by account external id, or through a subscription id. */
export function resolveAccount(
  context: PlanContext,
  accountExternalId: string | undefined,
  subscriptionId: string | undefined,
): { account: Content; externalId: string } | { reason: string; column: 'accountExternalId' | 'subscriptionId' } {
  const externalId = accountExternalId ?? (subscriptionId !== undefined ? context.links[subscriptionId] : undefined);
  if (externalId === undefined) {
    return { reason: `no subscription "${subscriptionId}" is known: add the subscriptions file that links it to an account`, column: 'subscriptionId' };
  }
  const id = context.index.idOf('accounts', externalId) ?? context.ws.createdId('accounts', externalId);
  const doc = id ? context.ws.get('accounts', id) : null;
  if (!doc) {
    const via = accountExternalId === undefined ? ` (subscription "${subscriptionId}")` : '';
    return { reason: `no account has the ID "${externalId}"${via}; add the accounts file or import the accounts first`, column: accountExternalId === undefined ? 'subscriptionId' : 'accountExternalId' };
  }
  return { account: doc.after, externalId };
}

