import type { DemoFillState } from '../../../../common/demo/demo-fill-state';
import type { SeedProgress } from '../../../../common/demo/seed-demo-book';
import type { BookFillRequest, BookFillWorkerMessage } from './book-fill-messages';

/**
 * The demo fill's history phase in a Web Worker (`book-fill.worker.ts`): resolves once the whole history is stored,
 * rejects with the worker's own words when it fails. Where workers are missing, the caller writes it on the page.
 */
export function writeHistoryInWorker(state: DemoFillState, onProgress: (progress: SeedProgress) => void): Promise<void> {
  const worker = new Worker(new URL('./book-fill.worker.ts', import.meta.url), { type: 'module', name: 'outpost-book-fill' });
  return new Promise<void>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<BookFillWorkerMessage>) => {
      const message = event.data;
      if (message.type === 'progress') return onProgress(message);
      worker.terminate();
      if (message.type === 'done') resolve();
      else reject(new Error(message.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`the book-fill worker stopped: ${event.message || 'unknown error'}`));
    };
    const request: BookFillRequest = { state };
    worker.postMessage(request);
  });
}

export const workersAvailable = (): boolean => typeof Worker !== 'undefined';
