import type { DemoFillState } from '../../../../common/demo/demo-fill-state';
import type { HistoryWriteSizes } from '../../../../common/demo/fill-demo-book';

/** What the page asks of the book-fill worker: the fill's state once every account is stored. */
export interface BookFillRequest {
  state: DemoFillState;
}

export type BookFillWorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done' }
  | { type: 'failed'; message: string };

/**
 * The history's sizes in the worker: 50 accounts per batch and writes of up to 1,000 documents (on the page: 10 and
 * 100). Nothing here holds the page's thread; what the page still receives per write is one message of its change
 * events (about 1,000 documents' worth to deserialize), so the write size stays bounded.
 */
export const HISTORY_IN_WORKER: HistoryWriteSizes = { batchSize: 50, writeMaxDocuments: 1000 };
