// y-leveldb ships types under dist/ that its package.json "exports" does not point to; this is the part we use.
declare module 'y-leveldb' {
  import type { Doc } from 'yjs';

  /** The `level` database y-leveldb keeps (the part we use). */
  interface TransactDb {
    del(key: Buffer, options: { keyEncoding: 'buffer' }): Promise<void>;
    compactRange(start: Buffer, end: Buffer, options: { keyEncoding: 'buffer' }): Promise<void>;
  }

  export class LeveldbPersistence {
    constructor(location: string, options?: { Level?: unknown; levelOptions?: object });
    getYDoc(docName: string): Promise<Doc>;
    storeUpdate(docName: string, update: Uint8Array): Promise<number>;
    flushDocument(docName: string): Promise<void>;
    clearDocument(docName: string): Promise<void>;
    getAllDocNames(): Promise<string[]>;
    destroy(): Promise<void>;
    /** Runs `f` on the underlying `level` database after every write queued so far (y-leveldb's private helper). */
    _transact<T>(f: (db: TransactDb) => Promise<T>): Promise<T>;
  }
}
