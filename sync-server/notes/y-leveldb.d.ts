// y-leveldb ships types under dist/ that its package.json "exports" does not point to; this is the part we use.
declare module 'y-leveldb' {
  import type { Doc } from 'yjs';

  export class LeveldbPersistence {
    constructor(location: string, options?: { Level?: unknown; levelOptions?: object });
    getYDoc(docName: string): Promise<Doc>;
    storeUpdate(docName: string, update: Uint8Array): Promise<number>;
    flushDocument(docName: string): Promise<void>;
    clearDocument(docName: string): Promise<void>;
    destroy(): Promise<void>;
  }
}
