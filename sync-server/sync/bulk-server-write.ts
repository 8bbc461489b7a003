import type { SyncedDocument } from '../../common/sync/wire-contract';
import type { Database } from '../storage/storage';
import { departedAfter, type StoredDocument } from './stored-document';
import { carriedOver } from './team-keys';

/** A stored document with its PouchDB revision: what a bulk server write last read or wrote. */
export type StoredRevision = StoredDocument & { _rev: string };

/** A document is decided again at most this often when its stored revision keeps changing under it. */
const MAX_ATTEMPTS = 20;

/**
 * Server writes of many documents in one PouchDB bulk request, by storage key (team-keys.ts) (the ingestion rollup: one request per turn instead of
 * a read and a write per document). `change` maps a document's current state (null: none yet) to the next one, or
 * null to leave it. `known` is the caller's cache of stored states (null: known not to exist): a document in it is
 * written against its cached revision without a read; one written by someone else since (a replica's push) conflicts
 * on the revision, is read again and decided again, so no concurrent write is lost. Documents not in `known` are read
 * in one request. `known` is updated with every written state (and forgets any it could not write). Throws when a
 * document could not be written for another reason than a conflict; the others are written.
 */
export async function bulkServerWrite(
  db: Database<StoredDocument>,
  ids: readonly string[],
  change: (id: string, current: SyncedDocument | null) => SyncedDocument | null,
  known: Map<string, StoredRevision | null>,
): Promise<SyncedDocument[]> {
  const written: SyncedDocument[] = [];
  let todo = [...new Set(ids)];
  for (let attempt = 1; todo.length > 0; attempt++) {
    if (attempt > MAX_ATTEMPTS) throw new Error(`${todo.length} documents changed under ${MAX_ATTEMPTS} consecutive writes; giving up`);
    const unknown = todo.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      const read = await db.allDocs({ keys: unknown, include_docs: true });
      for (const row of read.rows) known.set(row.key, 'doc' in row && row.doc ? (row.doc as StoredRevision) : null);
    }
    const puts: (StoredDocument & { _id: string; _rev?: string })[] = [];
    for (const id of todo) {
      const stored = known.get(id) ?? null;
      const next = change(id, stored?.doc ?? null);
      if (!next) continue;
      const departed = departedAfter(stored, next);
      puts.push({ _id: id, ...(stored ? { _rev: stored._rev } : {}), doc: next, ...(departed ? { departed } : {}), ...carriedOver(id, stored) });
    }
    if (puts.length === 0) break;
    const results = await db.bulkDocs(puts);
    todo = [];
    const failed: string[] = [];
    results.forEach((result, i) => {
      const put = puts[i]!;
      if ('ok' in result && result.ok) {
        const { _id, ...stored } = put;
        known.set(_id, { ...stored, _rev: result.rev });
        written.push(put.doc);
        return;
      }
      known.delete(put._id);
      if ((result as { status?: number }).status === 409) todo.push(put._id);
      else failed.push(`${put._id}: ${(result as { message?: string }).message ?? 'storage error'}`);
    });
    if (failed.length > 0) throw new Error(`could not write ${failed.length} documents (${failed.slice(0, 3).join('; ')})`);
  }
  return written;
}
