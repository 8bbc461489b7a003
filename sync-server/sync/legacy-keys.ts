import type { Database } from '../storage/storage';
import { isConflict, isNotFound } from '../storage/storage';
import type { StoredDocument } from './stored-document';
import { isTeamKey, storageKey } from './team-keys';

/** Written once a database holds no document under a key from before id spaces (a `_local` document: never synced). */
const MIGRATED = '_local/outpost-team-id-spaces';
const PAGE = 1000;

/**
 * Moves every document stored under its plain id (before each team had its own id space) to its team's key
 * (team-keys.ts), then removes the plain key. Departed scopes of other teams become tombstones under those teams'
 * keys (marked `movedTo`), so a replica of the team the document left still drops it; accounts keep their notes room
 * (`notes/<id>`). Safe to run again after a crash and from several instances on one CouchDB: a key already written is
 * left as it is, and the plain key is removed either way.
 */
export async function migrateLegacyKeys(db: Database<StoredDocument>): Promise<number> {
  if (await db.get(MIGRATED).then(() => true, (error: unknown) => (isNotFound(error) ? false : Promise.reject(error)))) return 0;
  let moved = 0;
  let startkey: string | undefined;
  for (;;) {
    const page = await db.allDocs({ include_docs: true, limit: PAGE + 1, ...(startkey !== undefined ? { startkey } : {}) });
    const rows = page.rows.slice(0, PAGE);
    for (const row of rows) {
      const stored = row.doc as (StoredDocument & { _id: string; _rev: string }) | undefined;
      if (row.id.startsWith('_') || isTeamKey(row.id) || !stored?.doc) continue;
      const { doc, departed } = stored;
      const own = departed?.filter((scope) => scope.teamId === doc.teamId);
      await putIfAbsent(db, storageKey(doc.id, doc.teamId), { doc, ...(own?.length ? { departed: own } : {}), room: doc.id });
      const left = new Set<string>();
      for (const scope of departed ?? []) {
        if (scope.teamId === doc.teamId || left.has(scope.teamId)) continue;
        left.add(scope.teamId);
        await putIfAbsent(db, storageKey(doc.id, scope.teamId), { doc: scope.tombstone, movedTo: doc.teamId });
      }
      try {
        await db.remove(row.id, stored._rev);
      } catch (error) {
        if (!isConflict(error) && !isNotFound(error)) throw error;
      }
      moved += 1;
    }
    if (page.rows.length <= PAGE) break;
    startkey = page.rows[PAGE]!.id;
  }
  try {
    await db.put({ _id: MIGRATED, doc: null } as never);
  } catch (error) {
    if (!isConflict(error)) throw error;
  }
  return moved;
}

async function putIfAbsent(db: Database<StoredDocument>, key: string, stored: StoredDocument): Promise<void> {
  try {
    await db.put({ _id: key, ...stored });
  } catch (error) {
    if (!isConflict(error)) throw error;
  }
}
