import type { BulkWriteRow, RxStorage, RxStorageBulkWriteResponse, RxStorageInstance } from 'rxdb';
import { yieldToMain } from '../clock/yield-to-main';
import { checkChunkSizePolicy, fixedChunkSize, nextChunkSize, type ChunkSizePolicy } from './chunk-size-policy';

export interface ChunkedWritesOptions {
  /** Measures a chunk's time (ms); `performance.now` by default. */
  now?: () => number;
  /** Waits between chunks; `yieldToMain` by default (a later task, so the UI answers in between). */
  pause?: () => Promise<void>;
}

/**
 * Wraps a storage so a bulk write of more rows than the current chunk size goes as consecutive writes of at most that
 * many rows, each awaited before the next starts, with a yield to the event loop before each. A pulled or filled batch
 * of thousands of documents is otherwise one IndexedDB transaction whose validation, conversion and `put` calls (each
 * structured-clones its value on the calling thread) run in one main-thread task of seconds; and even in chunks,
 * promise continuations would chain one chunk's change events and the next chunk's validation into one task. The
 * size adapts per collection to how long its chunks take (common/db/chunk-size-policy.ts); a number is a fixed size.
 * RxDB's bulk writes are not atomic across rows (each row succeeds or fails alone), so the answer is the same: the
 * errors of all chunks, in row order.
 */
export function chunkedWrites<Internals, InstanceCreationOptions>(
  storage: RxStorage<Internals, InstanceCreationOptions>,
  chunks: number | ChunkSizePolicy,
  options: ChunkedWritesOptions = {},
): RxStorage<Internals, InstanceCreationOptions> {
  if (typeof chunks === 'number' && (!Number.isInteger(chunks) || chunks < 1)) {
    throw new Error(`writeChunkSize must be a positive integer, got ${chunks}`);
  }
  const policy = typeof chunks === 'number' ? fixedChunkSize(chunks) : chunks;
  checkChunkSizePolicy(policy);
  const now = options.now ?? (() => performance.now());
  const pause = options.pause ?? yieldToMain;
  return {
    ...storage,
    async createStorageInstance(params) {
      const instance: RxStorageInstance<any, Internals, InstanceCreationOptions> = await storage.createStorageInstance(params);
      const write = instance.bulkWrite.bind(instance);
      let size = policy.initial;
      instance.bulkWrite = async (rows: BulkWriteRow<any>[], context: string): Promise<RxStorageBulkWriteResponse<any>> => {
        // A write no chunk could split is left as it is (a user's edit is one row): no pause, no measuring.
        if (rows.length <= policy.min) return write(rows, context);
        const result: RxStorageBulkWriteResponse<any> = { error: [] };
        for (let start = 0; start < rows.length; ) {
          await pause();
          const chunk = rows.slice(start, start + size);
          const started = now();
          const { error } = await write(chunk, context);
          size = nextChunkSize(policy, size, chunk.length, now() - started);
          for (const failed of error) result.error.push(failed);
          start += chunk.length;
        }
        return result;
      };
      return instance;
    },
  };
}
