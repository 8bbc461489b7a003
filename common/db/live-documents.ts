import type { RxCollection, RxDocumentData } from 'rxdb';
import { applyDocumentChanges, type DocumentChanges } from './keyed-document-list';
import { refreshCoalescer, type RefreshCoalescer, type RefreshCoalescerOptions } from './refresh-coalescer';

/**
 * Every live document of a collection as plain data, in primary-key order (what `collection.find().exec()` answers,
 * without an RxDocument per document), kept up to date from the collection's change events (this window's writes,
 * other windows' through RxDB's multi-instance channel, sync). Read once from the storage; a change replaces only the
 * documents it touches, so an edit never re-reads the collection.
 */
export interface LiveDocuments<T> {
  /** The first read, with every change made since the view was opened. */
  readonly first: Promise<readonly RxDocumentData<T>[]>;
  /**
   * Calls `onResult` with the documents once read, then after changes: at most once per `minIntervalMs` while the
   * collection keeps changing (a fill, a first sync), and once after the last change. Returns the unsubscribe.
   */
  subscribe(onResult: (docs: readonly RxDocumentData<T>[]) => void): () => void;
  /** Stops following the collection. */
  close(): void;
}

export type LiveDocumentsOptions = Pick<RefreshCoalescerOptions, 'minIntervalMs' | 'now' | 'schedule' | 'onError'>;

/**
 * Opens the view: subscribes to the collection's changes first, then reads, so a write that lands while the read is
 * under way is either in what the read returns or among the changes applied over it (never lost). A change seen
 * before the read answers and already in its answer is applied again, which leaves the same state.
 */
export function openLiveDocuments<T>(collection: RxCollection<T>, options: LiveDocumentsOptions): LiveDocuments<T> {
  type Doc = RxDocumentData<T>;
  const primaryPath = collection.schema.primaryPath as string;
  const idOf = (doc: Doc) => (doc as Record<string, unknown>)[primaryPath] as string;
  let pending = new Map<string, Doc | null>();
  let current: Doc[] | undefined;
  let coalescer: RefreshCoalescer | undefined;
  const listeners = new Set<(docs: readonly Doc[]) => void>();
  let delivered: readonly Doc[] | undefined;

  const changes = collection.eventBulks$.subscribe((bulk) => {
    if (bulk.isLocal) return;
    for (const event of bulk.events) {
      const data = event.documentData as Doc;
      pending.set(event.documentId, event.operation === 'DELETE' || data._deleted ? null : data);
    }
    coalescer?.changed();
  });

  /** The documents with the changes seen so far applied (a new array only when there were changes). */
  const latest = (): Doc[] => {
    if (pending.size > 0) {
      const changed: DocumentChanges<Doc> = pending;
      pending = new Map();
      current = applyDocumentChanges(current!, changed, idOf);
    }
    return current!;
  };

  const first = collection.storageInstance
    .query(collection.find().getPreparedQuery())
    .then(({ documents }) => {
      current = documents as Doc[];
      return latest();
    });

  /** Hands every listener the latest documents, unless they have them already. */
  const deliver = () => {
    const docs = latest();
    if (docs === delivered) return;
    delivered = docs;
    for (const listener of listeners) listener(docs);
  };

  return {
    first,
    subscribe(onResult) {
      listeners.add(onResult);
      coalescer ??= refreshCoalescer({ ...options, refresh: () => first.then(deliver) });
      // The first result at once (read already, or as soon as it is), to this listener even when the others have it.
      void first.then(
        () => {
          if (!listeners.has(onResult)) return;
          const had = delivered;
          deliver();
          if (delivered === had) onResult(delivered!);
        },
        (error: unknown) => options.onError(error),
      );
      return () => {
        listeners.delete(onResult);
      };
    },
    close() {
      changes.unsubscribe();
      coalescer?.dispose();
      listeners.clear();
    },
  };
}
