import type { BulkWriteRow, RxStorage, RxStorageBulkWriteResponse, RxStorageInstance } from 'rxdb';

/**
 * Wraps a storage so a bulk write of more than `chunkSize` rows goes as consecutive writes of at most `chunkSize`
 * rows, each awaited before the next starts. A pulled or filled batch of thousands of documents is otherwise one
 * IndexedDB transaction whose validation, conversion and `put` calls (each structured-clones its value on the calling
 * thread) run in one main-thread task of seconds; in chunks each is its own task and the UI answers in between.
 * RxDB's bulk writes are not atomic across rows (each row succeeds or fails alone), so the answer is the same: the
 * errors of all chunks, in row order.
 */
export function chunkedWrites<Internals, InstanceCreationOptions>(
  storage: RxStorage<Internals, InstanceCreationOptions>,
  chunkSize: number,
): RxStorage<Internals, InstanceCreationOptions> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`writeChunkSize must be a positive integer, got ${chunkSize}`);
  return {
    ...storage,
    async createStorageInstance(params) {
      const instance: RxStorageInstance<any, Internals, InstanceCreationOptions> = await storage.createStorageInstance(params);
      const write = instance.bulkWrite.bind(instance);
      instance.bulkWrite = async (rows: BulkWriteRow<any>[], context: string): Promise<RxStorageBulkWriteResponse<any>> => {
        if (rows.length <= chunkSize) return write(rows, context);
        const result: RxStorageBulkWriteResponse<any> = { error: [] };
        for (let start = 0; start < rows.length; start += chunkSize) {
          const { error } = await write(rows.slice(start, start + chunkSize), context);
          for (const failed of error) result.error.push(failed);
        }
        return result;
      };
      return instance;
    },
  };
}
