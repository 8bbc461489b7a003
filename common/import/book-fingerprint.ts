import type { RxCollection } from 'rxdb';
import type { OutpostDatabase } from '../db/create-database';
import { canonical, contentOf, IMPORT_COLLECTIONS } from './working-set';

/**
 * The content of the book's account-scoped collections as one canonical text per collection (documents sorted by id,
 * keys sorted, clock stamps and storage metadata left out): equal fingerprints mean the same book. `ignore` leaves
 * out more fields (the round-trip check leaves out the import batch and the owner).
 */
export async function bookFingerprint(db: OutpostDatabase, ignore: readonly string[] = []): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of IMPORT_COLLECTIONS) {
    const docs = await (db[name] as unknown as RxCollection<any>).find().exec();
    const contents = docs
      .map((d) => {
        const content: Record<string, unknown> = contentOf(d.toJSON());
        for (const key of ignore) delete content[key];
        return content;
      })
      .sort((a, b) => String(a['id']).localeCompare(String(b['id'])));
    out[name] = canonical(contents);
  }
  return out;
}
