import {
  getDefaultRevision,
  getDefaultRxDocumentMeta,
  normalizeMangoQuery,
  prepareQuery,
  type MangoQuerySelector,
  type BulkWriteRow,
  type RxCollection,
  type RxDocumentData,
} from 'rxdb';
import type { Checkpoint } from '../db/last-write';
import { registerTrustedWriteContext } from '../db/validating-storage';

// How the scoring engine reads and writes the book: straight through the collections' storage instances, in bulk.

export type { Checkpoint } from '../db/last-write';

/** Plain documents straight from a storage instance (no RxDocument wrappers), with their change checkpoint's maximum. */
export async function rawQuery<T>(
  collection: RxCollection<T>,
  selector: MangoQuerySelector<T> = {},
  /** false: hand out the stored objects as they are (read-only use, e.g. building digests), saving a copy of each. */
  copy = true,
): Promise<{ docs: T[]; head: Checkpoint | null; stored: RxDocumentData<T>[] }> {
  const schema = collection.schema.jsonSchema;
  const query = prepareQuery(schema, normalizeMangoQuery(schema, { selector: { ...selector, _deleted: { $eq: false } } as MangoQuerySelector<T> }));
  const { documents } = await collection.storageInstance.query(query);
  const primary = collection.schema.primaryPath as string;
  let head: Checkpoint | null = null;
  const docs = documents.map((doc) => {
    const lwt = doc._meta.lwt;
    const id = (doc as Record<string, unknown>)[primary] as string;
    if (!head || lwt > head.lwt || (lwt === head.lwt && id > head.id)) head = { id, lwt };
    if (!copy) return doc as T;
    const plain: Record<string, unknown> = {};
    for (const key in doc) if (key.charCodeAt(0) !== 95) plain[key] = (doc as Record<string, unknown>)[key];
    return plain as T;
  });
  return { docs, head, stored: documents };
}

/** Groups documents by accountId. */
export function groupBy<T extends { accountId: string }>(docs: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const doc of docs) {
    const list = groups.get(doc.accountId);
    if (list) list.push(doc);
    else groups.set(doc.accountId, [doc]);
  }
  return groups;
}

/**
 * Plain documents straight from the storage: no RxDocument wrappers or document cache, which for a whole book is
 * most of the cost. Underscore fields (_rev, _meta…) are dropped.
 */
export async function raw<T>(collection: RxCollection<T>, selector: MangoQuerySelector<T> = {}): Promise<T[]> {
  return (await rawQuery(collection, selector)).docs;
}

/**
 * `found` (documents with ids among `ids`) position for position with `ids`, undefined where none was found: for a
 * whole book, no Map of 100,000 entries to build and then look every account up in. Storages answer findDocumentsById
 * in the order asked, leaving out what they do not have; an answer in any other order is matched by id.
 */
export function alignById<D extends { id: string }>(ids: readonly string[], found: readonly D[]): (D | undefined)[] {
  const aligned = new Array<D | undefined>(ids.length).fill(undefined);
  let next = 0;
  for (let i = 0; i < ids.length && next < found.length; i++) {
    if (found[next]!.id === ids[i]) aligned[i] = found[next++];
  }
  if (next === found.length) return aligned;
  const byId = new Map(found.map((doc) => [doc.id, doc]));
  return ids.map((id) => byId.get(id));
}

/** Documents by primary key (those stored and not deleted), plain and as stored. */
export async function byIds<T>(collection: RxCollection<T>, ids: readonly string[]): Promise<{ docs: T[]; stored: RxDocumentData<T>[] }> {
  const stored = ids.length === 0 ? [] : await collection.storageInstance.findDocumentsById([...ids], false);
  const docs = stored.map((found) => {
    const plain: Record<string, unknown> = {};
    for (const key in found) if (key.charCodeAt(0) !== 95) plain[key] = (found as Record<string, unknown>)[key];
    return plain as T;
  });
  return { docs, stored };
}

/** One document by primary key, plain and as stored. */
export async function byId<T>(collection: RxCollection<T>, id: string): Promise<{ doc: T | undefined; stored: RxDocumentData<T>[] }> {
  const { docs, stored } = await byIds(collection, [id]);
  return { doc: docs[0], stored };
}

// The engine writes documents made from valid stored data; scoring-engine.test.ts checks everything it stores against
// the schemas, so the per-document validation of 100,000 assessments on every full run is skipped. New documents are
// freshly built objects, which RxDB may stamp in place; updates go through RxDB's usual revision bookkeeping.
const INSERT_CONTEXT = 'outpost-scoring-engine-insert';
const UPDATE_CONTEXT = 'outpost-scoring-engine-update';
registerTrustedWriteContext(INSERT_CONTEXT, { insertsOnly: true });
registerTrustedWriteContext(UPDATE_CONTEXT, { insertsOnly: false });

/**
 * The storage's bookkeeping fields as a new document carries them into a write: not deleted, no attachments, and
 * placeholders for `_meta` and `_rev`, which RxDB's write path replaces (an insert gets the batch's shared metadata
 * and first revision, an update a copy with the next revision). Shared and frozen: nothing may change them in place.
 */
export const NEW_DOCUMENT_STORAGE_FIELDS = Object.freeze({
  _deleted: false as const,
  _meta: Object.freeze(getDefaultRxDocumentMeta()),
  _rev: getDefaultRevision(),
  _attachments: Object.freeze({}) as Record<string, never>,
});

/** `fields` as a document for writeDocs: a copy with the storage's bookkeeping fields added. */
export function storageDocument<T extends object>(fields: T): RxDocumentData<T> {
  return { ...fields, ...NEW_DOCUMENT_STORAGE_FIELDS };
}

/**
 * One bulk write per kind (new, changed) through the collection's storage instance, each changed row based on the
 * stored version the engine read (no per-document lookup as bulkUpsert does), in the engine's trusted write contexts.
 * The documents come complete, storage fields included (NEW_DOCUMENT_STORAGE_FIELDS): a whole book of assessments
 * built as one object literal each does not pay for six more properties added to every one of them here.
 * The collection still emits its change events. A row someone else wrote in between (409) is written again with
 * bulkUpsert: the engine's result is the newest, as before.
 */
export async function writeDocs<T extends { id: string }>(
  collection: RxCollection<T>,
  docs: readonly RxDocumentData<T>[],
  stored: Map<string, RxDocumentData<unknown>>,
): Promise<void> {
  if (docs.length === 0) return;
  const inserts: BulkWriteRow<T>[] = [];
  const updates: BulkWriteRow<T>[] = [];
  for (const document of docs) {
    const previous = stored.get(document.id) as RxDocumentData<T> | undefined;
    if (previous) updates.push({ previous, document });
    else inserts.push({ document });
  }
  const results = await Promise.all([
    inserts.length > 0 ? collection.storageInstance.bulkWrite(inserts, INSERT_CONTEXT) : { error: [] },
    updates.length > 0 ? collection.storageInstance.bulkWrite(updates, UPDATE_CONTEXT) : { error: [] },
  ]);
  const result = { error: results.flatMap((r) => r.error) };
  if (result.error.length === 0) return;
  const conflicts = new Set(result.error.filter((e) => e.status === 409).map((e) => e.documentId));
  const failed = result.error.find((e) => e.status !== 409);
  if (failed) throw new Error(`Could not store ${collection.name} ${failed.documentId}: status ${failed.status} ${JSON.stringify((failed as { validationErrors?: unknown }).validationErrors ?? '')}`);
  const again = docs.filter((d) => conflicts.has(d.id)).map((d) => {
    const { _deleted: _d, _meta: _m, _rev: _r, _attachments: _a, ...plain } = d;
    return plain as unknown as T;
  });
  await collection.bulkUpsert(again);
}
