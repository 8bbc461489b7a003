import { normalizeMangoQuery, prepareQuery, type RxCollection, type RxDocumentData } from 'rxdb';
import type { Checkpoint } from './engine-storage';

// Reading a source collection's change order (RxDB's per-document last-write time, ties broken by id), as the feature
// digests' checkpoints follow it (digest-store.ts).

const PAGE = 500;

/**
 * Documents written (or deleted) after `checkpoint`, oldest first, at most PAGE, and the checkpoint after them. Plain
 * ranges on the `_meta.lwt` index that RxDB keeps on every collection; RxDB's own getChangedDocumentsSince query adds
 * an $or for the id tie-break that the memory storage cannot answer from the index, so it tested every document (150
 * ms for "nothing changed" in an 8,000-account book). One bulk write shares its lwt, so the rest of the checkpoint's
 * own write (same lwt, later id) is one range and what came after it (later lwt) another: a checkpoint at the end of
 * an import's 2,000-document chunk reads nothing back (reading its ties to skip them cost 0.25-0.75 s in IndexedDB).
 */
export async function changesSince<T extends { accountId: string }>(
  collection: RxCollection<T>,
  checkpoint: Checkpoint | undefined,
): Promise<{ documents: RxDocumentData<T>[]; checkpoint: Checkpoint | undefined }> {
  const primary = collection.schema.primaryPath as string;
  const schema = collection.storageInstance.schema;
  const page = async (selector: Record<string, unknown>, limit: number) => {
    const sort = [{ '_meta.lwt': 'asc' } as never, { [primary]: 'asc' } as never];
    return (await collection.storageInstance.query(prepareQuery(schema, normalizeMangoQuery(schema, { selector: selector as never, sort, limit })))).documents;
  };
  const ties = checkpoint ? await page({ '_meta.lwt': { $eq: checkpoint.lwt }, [primary]: { $gt: checkpoint.id } }, PAGE) : [];
  const after = ties.length < PAGE ? await page({ '_meta.lwt': checkpoint ? { $gt: checkpoint.lwt } : { $gte: 0 } }, PAGE - ties.length) : [];
  const documents = [...ties, ...after];
  const last = documents[documents.length - 1];
  return { documents, checkpoint: last ? { id: (last as Record<string, unknown>)[primary] as string, lwt: last._meta.lwt } : checkpoint };
}

/** The later of two change checkpoints (null: before any write). */
export const later = (a: Checkpoint | null, b: Checkpoint | null): Checkpoint | null =>
  !a ? b : !b ? a : b.lwt > a.lwt || (b.lwt === a.lwt && b.id > a.id) ? b : a;
