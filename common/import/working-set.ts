import type { Account, Activity, Contact, RevenueEvent, UsageMonth } from '../model';

/** The collections an import writes. */
export const IMPORT_COLLECTIONS = ['accounts', 'contacts', 'activities', 'revenue', 'usage'] as const;
export type ImportCollection = (typeof IMPORT_COLLECTIONS)[number];

export interface DocByCollection {
  accounts: Account;
  contacts: Contact;
  activities: Activity;
  revenue: RevenueEvent;
  usage: UsageMonth;
}

/** A document's content: what the book holds for it, without the clock stamps and storage metadata. */
export type Content = Record<string, unknown> & { id: string };

/** Fields that are bookkeeping, not content: stamps, storage metadata, and which import last wrote it. */
const NOT_CONTENT = new Set(['updatedAt', 'fieldStamps', '_rev', '_meta', '_attachments', '_deleted']);

export function contentOf(doc: object): Content {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) if (!NOT_CONTENT.has(key) && value !== undefined) out[key] = value;
  return out as Content;
}

/** Key order does not matter; undefined and absent are the same. */
export function sameContent(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/**
 * JSON with object keys sorted and undefined-valued keys left out: the same text as `JSON.stringify` with a replacer
 * that sorts keys (batch records store hashes of it, so the text must never change), built in one pass without the
 * replacer's copy of every object. Values other than plain JSON data (dates, class instances) take the general path.
 */
export function canonical(value: unknown): string {
  const out = write(value);
  return out === undefined ? (undefined as unknown as string) : out;
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const INDEX = /^(0|[1-9]\d*)$/;
const isIndex = (key: string) => INDEX.test(key) && Number(key) < 4294967295;

/** Keys in the order the reference gives them: sorted, except that array-index keys come first, in numeric order. */
function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record).sort(byKey);
  if (!keys.some(isIndex)) return keys;
  const indices = keys.filter(isIndex).sort((a, b) => Number(a) - Number(b));
  return [...indices, ...keys.filter((k) => !isIndex(k))];
}

function write(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'object':
      break;
    default:
      return undefined; // undefined, functions, symbols: left out (or null inside an array)
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) text += ',';
      text += write(value[i]) ?? 'null';
    }
    return `${text}]`;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalGeneral(value);
  const record = value as Record<string, unknown>;
  let text = '{';
  let first = true;
  for (const key of sortedKeys(record)) {
    const item = write(record[key]);
    if (item === undefined) continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:${item}`;
    first = false;
  }
  return `${text}}`;
}

/** The reference definition of `canonical` (also for values that are not plain JSON data). */
export function canonicalGeneral(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** One document the import would write: as the book has it (null: new) and as it would be after. */
export interface PlannedDoc {
  collection: ImportCollection;
  id: string;
  before: Content | null;
  after: Content;
}

/**
 * The documents an import touches, keyed by collection and id, with an index by external id; each starts as the
 * book has it and collects the changes of every file's rows, in file order.
 */
export class WorkingSet {
  private readonly docs = new Map<string, PlannedDoc>();
  private readonly byExternal = new Map<string, string>();

  constructor(private readonly stored: (collection: ImportCollection, id: string) => Content | null) {}

  private static key(collection: ImportCollection, id: string): string {
    return `${collection}\u0000${id}`;
  }

  /** The planned document, loading it from the book the first time; null when neither has it. */
  get(collection: ImportCollection, id: string): PlannedDoc | null {
    const key = WorkingSet.key(collection, id);
    let doc = this.docs.get(key);
    if (!doc) {
      const stored = this.stored(collection, id);
      if (!stored) return null;
      doc = { collection, id, before: stored, after: { ...stored } };
      this.docs.set(key, doc);
    }
    return doc;
  }

  create(collection: ImportCollection, content: Content): PlannedDoc {
    const doc: PlannedDoc = { collection, id: content.id, before: null, after: content };
    this.docs.set(WorkingSet.key(collection, content.id), doc);
    const externalId = content['externalId'];
    if (typeof externalId === 'string' && externalId) this.byExternal.set(WorkingSet.key(collection, externalId), content.id);
    return doc;
  }

  /** Id of a document created in this import by external id. */
  createdId(collection: ImportCollection, externalId: string): string | undefined {
    return this.byExternal.get(WorkingSet.key(collection, externalId));
  }

  /** Sets fields; undefined values are skipped (a blank cell keeps the stored value). */
  set(doc: PlannedDoc, fields: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) doc.after[key] = value;
  }

  all(): PlannedDoc[] {
    return [...this.docs.values()];
  }
}
