import type { RxCollection } from 'rxdb';

export const LOOKUP_BATCH = 500;

/**
 * Live (non-deleted) documents whose externalId is one of `externalIds`, keyed by externalId. One indexed equality
 * lookup per id, a batch at a time: Dexie answers `$in` by scanning the whole index range, which is far slower.
 */
export async function findByExternalIds<Doc extends { externalId: string }>(
  collection: RxCollection<Doc>,
  externalIds: readonly string[],
): Promise<Map<string, Doc>> {
  const found = new Map<string, Doc>();
  const unique = [...new Set(externalIds)];
  for (let i = 0; i < unique.length; i += LOOKUP_BATCH) {
    const docs = await Promise.all(
      unique.slice(i, i + LOOKUP_BATCH).map((externalId) => collection.findOne({ selector: { externalId } as never }).exec()),
    );
    for (const doc of docs) {
      if (doc) found.set((doc.toJSON() as unknown as Doc).externalId, doc.toJSON() as unknown as Doc);
    }
  }
  return found;
}
