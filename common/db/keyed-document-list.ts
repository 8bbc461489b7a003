/**
 * A collection's live documents as one array in primary-key order (the order of RxDB's `find()` and of the IndexedDB
 * object store), brought up to date with the latest state of the documents that changed since. Pure.
 */

/** The latest state of each changed document by id: its data, or `null` once it is deleted. */
export type DocumentChanges<D> = ReadonlyMap<string, D | null>;

/**
 * A new array holding `list` with `changes` applied: a changed document replaces the one with its id (or joins in key
 * order), a deleted one leaves. Unchanged documents keep their identity (a grid keeps what it derived from them);
 * `list` is not modified. O(n + k log n) for k changes; `list` must be sorted by `idOf` as strings compare.
 */
export function applyDocumentChanges<D>(list: readonly D[], changes: DocumentChanges<D>, idOf: (doc: D) => string): D[] {
  const next = list.slice();
  if (changes.size === 0) return next;
  let removed = false;
  const added: D[] = [];
  for (const [id, doc] of changes) {
    const at = indexOfId(list, id, idOf);
    if (at >= 0) {
      if (doc === null) removed = true;
      next[at] = doc as D;
    } else if (doc !== null) {
      added.push(doc);
    }
  }
  const kept = removed ? next.filter((doc) => doc !== null) : next;
  if (added.length === 0) return kept;
  added.sort((a, b) => compareIds(idOf(a), idOf(b)));
  return mergeSorted(kept, added, idOf);
}

/** Binary search of `id` in a list sorted by id; -1 when absent. */
function indexOfId<D>(list: readonly D[], id: string, idOf: (doc: D) => string): number {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = idOf(list[middle]!);
    if (found === id) return middle;
    if (found < id) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

function mergeSorted<D>(a: readonly D[], b: readonly D[], idOf: (doc: D) => string): D[] {
  const merged: D[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) merged[k++] = compareIds(idOf(a[i]!), idOf(b[j]!)) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) merged[k++] = a[i++]!;
  while (j < b.length) merged[k++] = b[j++]!;
  return merged;
}

/** Ids compare as JavaScript strings (UTF-16 code units), as RxDB's sort and IndexedDB's string keys do. */
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
