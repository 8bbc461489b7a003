// PLACEHOLDER — replaced by the demo-generator work: see the contract below.
import type { OutpostDatabase } from '../db/create-database';
import type { IsoDate } from '../model';

export interface SeedProgress {
  done: number;
  total: number;
}

export interface DemoBookOptions {
  accounts: number;
  seed?: number;
  asOf?: IsoDate;
}

/** Seeds the demo book into an empty database; does nothing if the book already has accounts. */
export async function ensureDemoBook(
  _db: OutpostDatabase,
  _options: DemoBookOptions,
  _onProgress: (progress: SeedProgress) => void,
): Promise<{ seeded: boolean }> {
  throw new Error('not implemented yet');
}
