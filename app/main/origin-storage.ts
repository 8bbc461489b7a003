import { join } from 'node:path';

/**
 * Chromium keeps each origin's IndexedDB (the local book, y-indexeddb's offline notes) in a folder named for the
 * origin under `<userData>/IndexedDB`. Moving the renderer from file:// to app://outpost/ changes the origin, so on
 * the first start under app:// the file:// origin's folders are copied (never moved: the old ones stay) to the new
 * origin's names, before any page opens them. Nothing is copied when the new origin already has its own.
 * (Chromium's folder naming, checked against its `<scheme>_<host>_<port>` origin identifiers; not run against a real
 * Electron here, where no Electron binary exists. localStorage is one database for every origin and is not carried.)
 */
export const ORIGIN_FOLDERS = [
  { from: 'file__0.indexeddb.leveldb', to: 'app_outpost_0.indexeddb.leveldb' },
  { from: 'file__0.indexeddb.blob', to: 'app_outpost_0.indexeddb.blob' },
] as const;

export interface OriginStorageFs {
  access(path: string): Promise<void>;
  cp(from: string, to: string, options: { recursive: true; errorOnExist: true; force: false }): Promise<void>;
}

/** Copies the file:// origin's IndexedDB folders to the app:// origin's names where the latter are absent; returns what it copied. */
export async function carryFileOriginStorage(userData: string, fs: OriginStorageFs): Promise<string[]> {
  const exists = (path: string) => fs.access(path).then(() => true, () => false);
  const base = join(userData, 'IndexedDB');
  if (await exists(join(base, ORIGIN_FOLDERS[0].to))) return [];
  const copied: string[] = [];
  for (const { from, to } of ORIGIN_FOLDERS) {
    if (!(await exists(join(base, from))) || (await exists(join(base, to)))) continue;
    await fs.cp(join(base, from), join(base, to), { recursive: true, errorOnExist: true, force: false });
    copied.push(to);
  }
  return copied;
}
