import type { RxCollection } from 'rxdb';
import type { OutpostDatabase } from '../db/create-database';
import { stampEdit, stampNew, type StampedContent } from '../db/stamp-writes';
import { holdReactions } from '../db/write-hold';
import { accountsTouched, type CommitWrite } from './held-histories';
import { forgetDigestsOf, ImportDigests } from './import-digests';
import type { ImportPlan } from './plan-import';
import { canonical, contentOf, sameContent, type Content, type ImportCollection } from './working-set';

/**
 * Import batches: one import = one batch that can be undone in full. The batch's record (who, when, which files,
 * counts, and for every document it wrote the document as it was before and the stamp the batch gave it) is kept in
 * local documents of `accounts` (device-only, never synced), written before the first document is: a commit that is
 * cancelled, or cut off by a closed window, is rolled back from it (`recoverInterruptedImports`).
 *
 * Once committed, the batch stores the feature digests of the accounts whose whole history it wrote
 * (import-digests.ts); a rollback or an undo removes the digests of every account it puts back.
 */
export type BatchStatus = 'writing' | 'committed' | 'cancelled' | 'undone';

export interface ImportBatch {
  id: string;
  who: string;
  at: string;
  files: string[];
  counts: { new: number; updated: number; unchanged: number; rejected: number };
  documents: number;
  status: BatchStatus;
  /** Documents undo left alone because they changed after the import (kept, not overwritten). */
  skippedOnUndo?: number;
}

interface BatchEntry {
  c: ImportCollection;
  id: string;
  /** The document's content before the batch; null when the batch created it. */
  before: Content | null;
  /** The `updatedAt` the batch wrote: a different one at undo means someone changed it since. */
  stamp: string;
  /** A hash of the content the batch wrote: catches a change that kept the stamp (a write that did not restamp). */
  hash: string;
}

/** FNV-1a over the canonical content: a fingerprint, not a security measure. */
function contentHash(content: object): string {
  const text = canonical(contentOf(content));
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36) + text.length.toString(36);
}

interface BatchHead extends ImportBatch {
  chunks: number;
  previousLinks: Record<string, string>;
}

const HISTORY = 'import-history';
const LINKS = 'import-links';
const ENTRY_CHUNK = 2000;
const WRITE_CHUNK = 2000;
/** Collections whose documents carry the id of the batch that last wrote them (the others: see the batch record). */
const CARRIES_BATCH = new Set<ImportCollection>(['accounts', 'activities']);

const headId = (id: string) => `import-batch:${id}`;
const chunkId = (id: string, n: number) => `import-batch:${id}:${n}`;

async function readLocal<T>(db: OutpostDatabase, id: string): Promise<T | null> {
  const doc = await db.accounts.getLocal<Record<string, unknown>>(id);
  return doc ? (doc.toJSON().data as unknown as T) : null;
}

async function writeLocal(db: OutpostDatabase, id: string, data: object): Promise<void> {
  await db.accounts.upsertLocal(id, data as Record<string, unknown>);
}

export async function readSubscriptionLinks(db: OutpostDatabase): Promise<Record<string, string>> {
  return (await readLocal<{ links: Record<string, string> }>(db, LINKS))?.links ?? {};
}

/** Every batch on this device, newest first. */
export async function listImportBatches(db: OutpostDatabase): Promise<ImportBatch[]> {
  const ids = (await readLocal<{ ids: string[] }>(db, HISTORY))?.ids ?? [];
  const heads = await Promise.all(ids.map((id) => readLocal<BatchHead>(db, headId(id))));
  return heads.filter((h): h is BatchHead => h !== null).map(({ chunks: _c, previousLinks: _p, ...batch }) => batch).reverse();
}

export interface CommitOptions {
  who: string;
  files: string[];
  now?: Date;
  batchId?: string;
  onProgress?: (progress: { done: number; total: number }) => void;
  /** Aborting stops the commit between chunks and rolls back what it wrote: no half-written batch. */
  signal?: AbortSignal;
}

export class ImportCancelled extends Error {
  constructor(readonly batch: ImportBatch) {
    super('The import was cancelled; nothing it wrote was kept.');
  }
}

export class BookChangedSincePreview extends Error {
  constructor(readonly documents: number) {
    super(`${documents} record(s) changed in the book since the preview was made; preview the import again.`);
  }
}

function collectionOf(db: OutpostDatabase, c: ImportCollection): RxCollection<any> {
  return db[c] as unknown as RxCollection<any>;
}

async function currentDocs(db: OutpostDatabase, c: ImportCollection, ids: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  const found = await collectionOf(db, c).findByIds([...ids]).exec();
  const out = new Map<string, Record<string, unknown>>();
  for (const [id, doc] of found) out.set(id, doc.toJSON() as Record<string, unknown>);
  return out;
}

function groupByCollection<T extends { c: ImportCollection }>(items: readonly T[]): Map<ImportCollection, T[]> {
  const groups = new Map<ImportCollection, T[]>();
  for (const item of items) {
    const list = groups.get(item.c) ?? [];
    list.push(item);
    groups.set(item.c, list);
  }
  return groups;
}

/**
 * Writes a plan as one batch. Returns null when the plan changes nothing (a re-import). Refuses, writing nothing,
 * when a planned document changed in the book after the preview.
 */
export async function commitPlan(db: OutpostDatabase, plan: ImportPlan, options: CommitOptions): Promise<ImportBatch | null> {
  if (plan.docs.length === 0 && Object.keys(plan.subscriptionLinks).length === 0) return null;
  // Watchers of every write (the scoring engine) react once, after the last chunk, not after each.
  const release = holdReactions(db);
  try {
    return await writePlan(db, plan, options);
  } finally {
    release();
  }
}

/** The tokens of plans (ImportPlan.drawn) this window began to commit: their drawn ids may be in a book since. */
const committedPlans = new Set<string>();

/**
 * The accounts whose ids the plan drew at random, on its first commit (none on a later one: rows of theirs may have
 * been written meanwhile, by this commit's earlier try or by anyone who saw it). Called before anything is written.
 */
function drawnOnFirstCommit(plan: ImportPlan): ReadonlySet<string> {
  if (!plan.drawn || committedPlans.has(plan.drawn.token)) return new Set();
  committedPlans.add(plan.drawn.token);
  return new Set(plan.drawn.ids);
}

async function writePlan(db: OutpostDatabase, plan: ImportPlan, options: CommitOptions): Promise<ImportBatch> {
  const batchId = options.batchId ?? crypto.randomUUID();
  const drawn = drawnOnFirstCommit(plan);
  const writes: CommitWrite[] = [];
  const entries: BatchEntry[] = [];
  let stale = 0;
  const planned = groupByCollection(plan.docs.map((d) => ({ ...d, c: d.collection })));
  for (const [c, docs] of planned) {
    const current = await currentDocs(db, c, docs.map((d) => d.id));
    for (const doc of docs) {
      const stored = current.get(doc.id);
      const fresh = stored ? doc.before !== null && sameContent(contentOf(stored), doc.before) : doc.before === null;
      if (!fresh) {
        stale += 1;
        continue;
      }
      const content = CARRIES_BATCH.has(c) ? { ...doc.after, importBatch: batchId } : doc.after;
      let written: Record<string, unknown>;
      if (!stored) written = stampNew(content);
      else {
        const changed: Record<string, unknown> = {};
        const keys = new Set([...Object.keys(contentOf(stored)), ...Object.keys(content)]);
        for (const key of keys) if (!sameContent(contentOf(stored)[key], content[key])) changed[key] = content[key];
        const stamps = stampEdit(stored as StampedContent, changed);
        written = { ...content, updatedAt: stamps.updatedAt, fieldStamps: stamps.fieldStamps };
      }
      writes.push({ c, doc: written, before: doc.before });
      entries.push({ c, id: doc.id, before: doc.before, stamp: String(written['updatedAt']), hash: contentHash(written) });
    }
  }
  if (stale > 0) throw new BookChangedSincePreview(stale);
  const digests = await ImportDigests.open(db, writes, options.now ?? new Date(), drawn);
  try {
    return await writeBatch(db, plan, options, batchId, writes, entries, digests);
  } finally {
    digests.close();
  }
}

async function writeBatch(
  db: OutpostDatabase,
  plan: ImportPlan,
  options: CommitOptions,
  batchId: string,
  writes: readonly CommitWrite[],
  entries: readonly BatchEntry[],
  digests: ImportDigests,
): Promise<ImportBatch> {
  const previousLinks = await readSubscriptionLinks(db);
  const chunks = Math.ceil(entries.length / ENTRY_CHUNK);
  const head: BatchHead = {
    id: batchId, who: options.who, at: (options.now ?? new Date()).toISOString(), files: options.files, counts: plan.totals,
    documents: entries.length, status: 'writing', chunks, previousLinks,
  };
  for (let n = 0; n < chunks; n += 1) await writeLocal(db, chunkId(batchId, n), { entries: entries.slice(n * ENTRY_CHUNK, (n + 1) * ENTRY_CHUNK) });
  await writeLocal(db, headId(batchId), head);
  const history = (await readLocal<{ ids: string[] }>(db, HISTORY))?.ids ?? [];
  await writeLocal(db, HISTORY, { ids: [...history, batchId] });

  const total = writes.length;
  let done = 0;
  options.onProgress?.({ done, total });
  for (const [c, group] of groupByCollection(writes)) {
    for (let i = 0; i < group.length; i += WRITE_CHUNK) {
      if (options.signal?.aborted) {
        await rollBack(db, head, entries);
        const cancelled = { ...head, status: 'cancelled' as const };
        await writeLocal(db, headId(batchId), cancelled);
        throw new ImportCancelled(publicBatch(cancelled));
      }
      const result = await writeChunk(collectionOf(db, c), group.slice(i, i + WRITE_CHUNK), digests);
      if (result.error.length > 0) {
        await rollBack(db, head, entries);
        await writeLocal(db, headId(batchId), { ...head, status: 'cancelled' });
        const first = result.error[0] as { documentId: string; status: number };
        throw new Error(`The import was not written: the database refused ${result.error.length} record(s) (first: ${c} ${first.documentId}, status ${first.status}); nothing it wrote was kept.`);
      }
      done += Math.min(WRITE_CHUNK, group.length - i);
      options.onProgress?.({ done, total });
    }
  }
  await writeLocal(db, LINKS, { links: { ...previousLinks, ...plan.subscriptionLinks } });
  const committed = { ...head, status: 'committed' as const };
  await writeLocal(db, headId(batchId), committed);
  // The import stands whatever happens to its digests: one not stored or not claimed is rebuilt from the raw history.
  await digests.finish(writes).catch(() => false);
  return publicBatch(committed);
}

/**
 * One chunk of a collection's writes: new history rows of accounts whose whole history the batch holds in the
 * import's own context (their digests are built from them), every other document upserted.
 */
async function writeChunk(collection: RxCollection<any>, chunk: readonly CommitWrite[], digests: ImportDigests): Promise<{ error: { documentId: string; status: number }[] }> {
  const held = chunk.filter((w) => digests.writesAsHeld(w));
  const others = held.length === 0 ? chunk : chunk.filter((w) => !digests.writesAsHeld(w));
  const heldErrors = await digests.insertHeld(collection, held.map((w) => w.doc));
  // Stored meanwhile by someone else under the same id: upserted like any other (its account is then left out).
  const taken = new Set(heldErrors.filter((e) => e.status === 409).map((e) => e.documentId));
  const upserts = [...others.map((w) => w.doc), ...held.filter((w) => taken.has(String(w.doc['id']))).map((w) => w.doc)];
  const result = upserts.length > 0 ? await collection.bulkUpsert(upserts) : { error: [] };
  return { error: [...heldErrors.filter((e) => e.status !== 409), ...result.error] as { documentId: string; status: number }[] };
}

function publicBatch({ chunks: _c, previousLinks: _p, ...batch }: BatchHead): ImportBatch {
  return batch;
}

async function readEntries(db: OutpostDatabase, head: BatchHead): Promise<BatchEntry[]> {
  const entries: BatchEntry[] = [];
  for (let n = 0; n < head.chunks; n += 1) entries.push(...((await readLocal<{ entries: BatchEntry[] }>(db, chunkId(head.id, n)))?.entries ?? []));
  return entries;
}

/**
 * Puts back every document the batch wrote as it was before: removes what it created, restores what it changed.
 * A document someone changed after the batch is left as it is and counted in `skipped`.
 */
async function rollBack(db: OutpostDatabase, head: BatchHead, entries: readonly BatchEntry[]): Promise<{ skipped: number }> {
  let skipped = 0;
  // Accounts whose history is put back: their digests are removed before each write (a window closed halfway keeps
  // none of them) and once more at the end (a refresh that read before a write may have stored one meanwhile).
  const touched = new Set<string>();
  for (const [c, group] of groupByCollection(entries)) {
    const collection = collectionOf(db, c);
    for (let i = 0; i < group.length; i += WRITE_CHUNK) {
      const slice = group.slice(i, i + WRITE_CHUNK);
      const current = await currentDocs(db, c, slice.map((e) => e.id));
      const accounts = slice.flatMap((e) => accountsTouched(c, e.id, [e.before, current.get(e.id)]));
      for (const accountId of accounts) touched.add(accountId);
      await forgetDigestsOf(db, accounts);
      const removals: string[] = [];
      const restores: Record<string, unknown>[] = [];
      for (const entry of slice) {
        const now = current.get(entry.id);
        if (!now) continue; // never written, or already gone
        if (now['updatedAt'] !== entry.stamp || contentHash(now) !== entry.hash) {
          // Not written by this batch (an interrupted commit) or changed since: leave it.
          if (!entry.before || !sameContent(contentOf(now), entry.before)) skipped += 1;
          continue;
        }
        if (!entry.before) {
          removals.push(entry.id);
          continue;
        }
        const changed: Record<string, unknown> = {};
        const keys = new Set([...Object.keys(contentOf(now)), ...Object.keys(entry.before)]);
        for (const key of keys) if (!sameContent(contentOf(now)[key], entry.before[key])) changed[key] = entry.before[key];
        const stamps = stampEdit(now as StampedContent, changed);
        restores.push({ ...entry.before, updatedAt: stamps.updatedAt, fieldStamps: stamps.fieldStamps });
      }
      if (removals.length > 0) await collection.bulkRemove(removals);
      if (restores.length > 0) await collection.bulkUpsert(restores);
    }
  }
  await forgetDigestsOf(db, touched);
  await writeLocal(db, LINKS, { links: head.previousLinks });
  return { skipped };
}

/** Undoes a committed batch in full, later too. */
export async function undoImportBatch(db: OutpostDatabase, batchId: string): Promise<ImportBatch> {
  const head = await readLocal<BatchHead>(db, headId(batchId));
  if (!head) throw new Error(`No import batch ${batchId} is recorded on this device.`);
  if (head.status !== 'committed') throw new Error(`Import batch ${batchId} is ${head.status}; only a committed import can be undone.`);
  const release = holdReactions(db);
  let skipped: number;
  try {
    ({ skipped } = await rollBack(db, head, await readEntries(db, head)));
  } finally {
    release();
  }
  const undone: BatchHead = { ...head, status: 'undone', skippedOnUndo: skipped };
  await writeLocal(db, headId(batchId), undone);
  return publicBatch(undone);
}

/** Rolls back commits a closed window or a crash cut off (batches still "writing"); call when the book opens. */
export async function recoverInterruptedImports(db: OutpostDatabase): Promise<string[]> {
  const ids = (await readLocal<{ ids: string[] }>(db, HISTORY))?.ids ?? [];
  const recovered: string[] = [];
  for (const id of ids) {
    const head = await readLocal<BatchHead>(db, headId(id));
    if (head?.status !== 'writing') continue;
    await rollBack(db, head, await readEntries(db, head));
    await writeLocal(db, headId(id), { ...head, status: 'cancelled' });
    recovered.push(id);
  }
  return recovered;
}
