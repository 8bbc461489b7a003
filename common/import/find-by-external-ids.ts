import type { RxCollection } from 'rxdb';

export const LOOKUP_BATCH = 1000;

/** Live (non-deleted) documents whose externalId is one of `externalIds`, keyed by externalId; looked up in batches. */
export async function findByExternalIds<Doc extends { externalId: string }>(
  collection: RxCollection<Doc>,
  externalIds: readonly string[],
): Promise<Map<string, Doc>> {
  const found = new Map<string, Doc>();
  const unique = [...new Set(externalIds)];
  for (let i = 0; i < unique.length; i += LOOKUP_BATCH) {
    const batch = unique.slice(i, i + LOOKUP_BATCH);
    const docs = await collection.find({ selector: { externalId: { $in: batch } } as never }).exec();
    for (const doc of docs) {
      const data = doc.toJSON() as unknown as Doc;
      if (!found.has(data.externalId)) found.set(data.externalId, data);
    }
  }
  return found;
}
