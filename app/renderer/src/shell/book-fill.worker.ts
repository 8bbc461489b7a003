/// <reference lib="webworker" />
import { ALL_COLLECTIONS, createOutpostDatabase } from '../../../../common/db/create-database';
import { getOutpostDexieStorage } from '../../../../common/db/dexie-storage';
import { fillDemoHistory } from '../../../../common/demo/fill-demo-book';
import { LOCAL_BOOK_NAME } from '../db/local-book';
import { HISTORY_IN_WORKER, type BookFillRequest, type BookFillWorkerMessage } from './book-fill-messages';

/**
 * Writes the demo book's history in a Web Worker, on this worker's own instance of the local book (the same IndexedDB
 * databases; `multiInstance`, so the page's instance receives every write's change events, as another tab's would).
 * IndexedDB's structured clone of each value, RxDB's conversion and Dexie's put run here, not on the page's thread,
 * so the history can be written in larger writes without holding up input. The fill's state is kept by
 * `fillDemoHistory` after each batch, as on the page: a window closed halfway continues on reopening.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: BookFillWorkerMessage) => scope.postMessage(message);

scope.onmessage = async (event: MessageEvent<BookFillRequest>) => {
  try {
    const db = await createOutpostDatabase({ name: LOCAL_BOOK_NAME, storage: getOutpostDexieStorage(), multiInstance: true, collections: ALL_COLLECTIONS });
    try {
      await fillDemoHistory(db, event.data.state, (progress) => post({ type: 'progress', ...progress }), HISTORY_IN_WORKER);
    } finally {
      await db.close();
    }
    post({ type: 'done' });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
