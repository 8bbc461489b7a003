import type { RxCollection, RxDocument, RxQuery } from 'rxdb';
import { refreshCoalescer } from '../../../../common/db/refresh-coalescer';

/** A view bound with `subscribeCoalesced` re-reads at most this often while its collection keeps changing. */
export const VIEW_REFRESH_INTERVAL_MS = 250;

/**
 * Like `query.$.subscribe(onResult)`, but while the collection keeps changing (a fill, a first sync, a whole book
 * rescored: chunk after chunk of writes) the query is re-run and `onResult` called at most once per
 * VIEW_REFRESH_INTERVAL_MS, and once after the last change (common/db/refresh-coalescer.ts). Bound to `query.$`,
 * RxDB re-runs the whole query after every chunk (a chunk brings more changes than its event buffer holds), and the
 * store's subscribers re-render: per chunk of a 10,000-account first sync, a read and render of the whole book. An
 * edit after a quiet spell still shows in the next task. The first result is read at once.
 */
export function subscribeCoalesced<T>(
  collection: RxCollection<T>,
  query: () => RxQuery<T, RxDocument<T>[]>,
  onResult: (docs: RxDocument<T>[]) => void,
): () => void {
  let closed = false;
  let last: RxDocument<T>[] | undefined;
  const coalescer = refreshCoalescer({
    refresh: async () => {
      const docs = await query().exec();
      // RxDB hands back the same array while the result is unchanged: nothing to show again.
      if (closed || docs === last) return;
      last = docs;
      onResult(docs);
    },
    onError: (error) => console.error(`Outpost: refreshing the ${collection.name} view failed`, error),
    minIntervalMs: VIEW_REFRESH_INTERVAL_MS,
    now: () => performance.now(),
    schedule: (task, delayMs) => {
      const handle = setTimeout(task, delayMs);
      return () => clearTimeout(handle);
    },
  });
  const changes = collection.eventBulks$.subscribe(() => coalescer.changed());
  void coalescer.refreshNow();
  return () => {
    closed = true;
    changes.unsubscribe();
    coalescer.dispose();
  };
}
