/**
 * The primary keys an IndexedDB object store may hold, as far as one storage instance can know them, so that a large
 * read by id asks IndexedDB only for keys that may be there. RxDB's replication reads every id of a pulled page from
 * the collection and from its meta instance before writing it (outside any transaction: it only decides what to
 * write); in a first sync that is one `get` per id and per store, created in one task, every one answering "absent".
 *
 * The set is the store's keys read once (`load`), plus every key this instance is about to write (`writing`, before
 * the write starts) and every key another tab reports writing (`reported`, from the multi-instance change stream),
 * from the moment the instance opened: so a key absent from it was absent when the keys were read and has not been
 * written since, other than by another tab whose report is still in flight. RxDB's read has that race already (a
 * write may land just after the read), and its write reads the stored state again inside its own transaction, where
 * a document written meanwhile is a conflict, not overwritten. A key is never forgotten (a physically deleted
 * document costs one `get` that answers "absent").
 */
export class KnownKeys {
  private readonly keys = new Set<string>();
  private loaded: Promise<void> | undefined;

  /** Keys about to be written by this instance (recorded before the write, whether or not it succeeds). */
  writing(keys: Iterable<string>): void {
    for (const key of keys) this.keys.add(key);
  }

  /** Keys another instance (tab) reported writing. */
  reported(keys: Iterable<string>): void {
    for (const key of keys) this.keys.add(key);
  }

  /** Reads the store's keys once (the first caller's `readKeys`); later calls wait for the same read. */
  load(readKeys: () => Promise<readonly string[]>): Promise<void> {
    this.loaded ??= readKeys().then(
      (stored) => {
        for (const key of stored) this.keys.add(key);
      },
      (error: unknown) => {
        // Unreadable now: the next large read tries again (and reads by id meanwhile go to IndexedDB for every key).
        this.loaded = undefined;
        throw error;
      },
    );
    return this.loaded;
  }

  /** The keys of `wanted` the store may hold (only meaningful once `load` has resolved). */
  mayHold(wanted: readonly string[]): string[] {
    return wanted.filter((key) => this.keys.has(key));
  }
}
