import type { RxCollection } from 'rxdb';
import { stampEdit, stampNew, type StampedContent } from '../db/stamp-writes';
import type { SyncFields } from '../model';
import { findByExternalIds } from './find-by-external-ids';
import { describeWriteError, emptySummary, rowError, type ImportProgress, type ImportSummary } from './import-summary';
import type { ImportRecord } from './validate-rows';
import { sameJson } from '../json/json-equality';

export const WRITE_BATCH = 1000;

type Content<Doc> = Omit<Doc, 'id' | 'updatedAt' | 'fieldStamps'>;

/** One row to upsert: the fields the file sets, and the whole content for when no document has its external id. */
export interface UpsertItem<Doc> {
  source: ImportRecord<unknown>;
  externalId: string;
  fields: Partial<Content<Doc>>;
  create(): Content<Doc>;
}

/**
 * Inserts or updates documents keyed by externalId, in batches. Existing documents keep their id, owner and team and
 * get only the changed fields, stamped per field; rows that change nothing are counted unchanged and not written.
 * Write failures become row errors. Duplicate external ids within one import: the first row wins, later ones are errors.
 */
export async function upsertByExternalId<Doc extends SyncFields & { externalId: string }>(
  collection: RxCollection<Doc>,
  items: readonly UpsertItem<Doc>[],
  idColumn: string,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportSummary> {
  const summary = emptySummary();
  const firstLine = new Map<string, number>();
  const unique: UpsertItem<Doc>[] = [];
  for (const item of items) {
    const seen = firstLine.get(item.externalId);
    if (seen === undefined) {
      firstLine.set(item.externalId, item.source.line);
      unique.push(item);
    } else summary.errors.push(rowError(item.source, idColumn, `repeats "${item.externalId}" from line ${seen}; only the first row was imported`));
  }
  const total = items.length;
  let done = items.length - unique.length;
  onProgress({ done, total });
  // Into an empty collection (a first import) every row is new; ids are unique by now, so skip the lookups.
  const startedEmpty = (await collection.count().exec()) === 0;

  for (let start = 0; start < unique.length; start += WRITE_BATCH) {
    const batch = unique.slice(start, start + WRITE_BATCH);
    const existing = startedEmpty
      ? new Map<string, Doc>()
      : await findByExternalIds(collection, batch.map((item) => item.externalId));
    const inserts: Doc[] = [];
    const updates: Doc[] = [];
    const sourceById = new Map<string, ImportRecord<unknown>>();
    for (const item of batch) {
      const current = existing.get(item.externalId);
      if (!current) {
        const doc = stampNew({ id: crypto.randomUUID(), ...item.create() }) as unknown as Doc;
        inserts.push(doc);
        sourceById.set(doc.id, item.source);
        continue;
      }
      const changes: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(item.fields)) {
        if (value !== undefined && !sameJson((current as Record<string, unknown>)[key], value)) changes[key] = value;
      }
      if (Object.keys(changes).length === 0) {
        summary.unchanged += 1;
        continue;
      }
      const { _rev, _meta, _attachments, _deleted, ...data } = current as Record<string, unknown>;
      updates.push({ ...data, ...stampEdit(current as unknown as StampedContent, changes) } as unknown as Doc);
      sourceById.set(current.id, item.source);
    }
    if (inserts.length > 0) {
      const result = await collection.bulkInsert(inserts);
      summary.inserted += result.success.length;
      for (const error of result.error) {
        const source = sourceById.get(error.documentId);
        if (source) summary.errors.push(rowError(source, null, describeWriteError(error as never)));
      }
    }
    if (updates.length > 0) await writeUpdates(collection, updates, sourceById, summary);
    done += batch.length;
    onProgress({ done, total });
  }
  return summary;
}

async function writeUpdates<Doc extends SyncFields>(
  collection: RxCollection<Doc>,
  updates: Doc[],
  sourceById: Map<string, ImportRecord<unknown>>,
  summary: ImportSummary,
): Promise<void> {
  try {
    const result = await collection.bulkUpsert(updates);
    summary.updated += result.success.length;
    for (const error of result.error) {
      const source = sourceById.get(error.documentId);
      if (source) summary.errors.push(rowError(source, null, describeWriteError(error as never)));
    }
  } catch {
    // bulkUpsert rejects as a whole when a conflicting update fails; redo one by one to find which rows failed.
    const results = await Promise.allSettled(updates.map((doc) => collection.upsert(doc)));
    results.forEach((result, i) => {
      const source = sourceById.get(updates[i]!.id);
      if (result.status === 'fulfilled') summary.updated += 1;
      else if (source) summary.errors.push(rowError(source, null, `could not be written: ${String(result.reason?.message ?? result.reason)}`));
    });
  }
}
