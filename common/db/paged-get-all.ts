/**
 * `getAll` of an object store or index in pages, one request after another inside the same (read-only) transaction.
 *
 * Why: the browser deserializes a request's whole result in the task that delivers it, on the page's main thread. One
 * `getAll` of a 10,000-account book's assessments, contacts or activities was a single task of several hundred ms (and
 * a garbage collection of all of it right after), which froze the page while it rescored the book at start-up. Pages
 * of `pageSize` records arrive as separate tasks, so input is handled between them. All pages are read in one
 * transaction, so the result is the same consistent snapshot one `getAll` gives.
 *
 * Each page goes on from the key of the last record read, exclusive. For an index, that key must name one record only:
 * RxDB ends every index with the primary key, so its index keys are unique. A source whose key path is not that (or a
 * store with an out-of-line key) is read in one request.
 */

/** A key of a record (IndexedDB's valid keys: numbers, strings, dates, arrays of them). */
type Key = unknown;

/** The two IDBKeyRange factories a paged read needs (the browser's, or fake-indexeddb's in Node tests). */
export interface KeyRangeFactory {
  bound(lower: Key, upper: Key, lowerOpen?: boolean, upperOpen?: boolean): IDBKeyRange;
  lowerBound(lower: Key, open?: boolean): IDBKeyRange;
}

export interface PagedGetAll {
  /** The object store, or one of its indexes. */
  source: IDBObjectStore | IDBIndex;
  /** The key range asked for (none: every record). */
  range: IDBKeyRange | undefined;
  /** At most this many records in all (none: every one in the range). */
  count: number | undefined;
  pageSize: number;
  /** The IDBKeyRange of the IndexedDB in use. */
  keyRange: KeyRangeFactory;
  /** The primary key's path in the stored records. */
  primaryPath: string;
  /** Called with each page's records, in key order, in the task that delivered them. */
  onPage: (records: unknown[]) => void;
}

/** Reads every record of the range into `onPage`, in pages; resolves after the last page. Call inside a transaction. */
export function getAllInPages(read: PagedGetAll): Promise<void> {
  const { source, range, count, keyRange, onPage } = read;
  const keyOf = continuationKey(source, read.primaryPath);
  const pageSize = keyOf ? Math.max(1, Math.floor(read.pageSize)) : Infinity;
  return new Promise<void>((resolve, reject) => {
    let got = 0;
    const ask = (from: IDBKeyRange | undefined) => {
      const left = count === undefined ? Infinity : count - got;
      const size = Math.min(pageSize, left);
      const request = Number.isFinite(size) ? source.getAll(from, size) : source.getAll(from);
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        // A throw here would escape into the event loop and leave the read waiting forever: it rejects instead.
        try {
          const records = request.result as unknown[];
          got += records.length;
          onPage(records);
          if (records.length < size || got === count || !keyOf) return resolve();
          ask(after(keyOf(records[records.length - 1]), range, keyRange));
        } catch (error) {
          reject(error);
        }
      };
    };
    try {
      ask(range);
    } catch (error) {
      reject(error);
    }
  });
}

/** How to read a record's key in `source`, if its keys are unique and readable from the record; else undefined. */
function continuationKey(source: IDBObjectStore | IDBIndex, primaryPath: string): ((record: unknown) => Key) | undefined {
  const path = source.keyPath;
  if (typeof path === 'string') {
    if (path !== primaryPath) return undefined;
    return (record) => valueAt(record, path);
  }
  if (!Array.isArray(path) || path.length === 0 || path[path.length - 1] !== primaryPath) return undefined;
  return (record) => path.map((p) => valueAt(record, p));
}

function valueAt(record: unknown, path: string): unknown {
  let value = record;
  for (const part of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  return value;
}

/** The part of `range` after `key` (exclusive). */
function after(key: Key, range: IDBKeyRange | undefined, keyRange: KeyRangeFactory): IDBKeyRange {
  if (!range || range.upper === undefined) return keyRange.lowerBound(key, true);
  return keyRange.bound(key, range.upper, true, range.upperOpen);
}
