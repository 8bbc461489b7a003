/**
 * The primary keys an IndexedDB object store may hold, as far as one storage instance can know them, so that a large
 * read by id asks IndexedDB only for keys that may be there. RxDB's replication reads every id of a pulled page from
 * the collection and from its meta instance before writing it (outside any transaction: it only decides what to
 * write); in a first sync that is one `get` per id and per store, created in one task, every one answering "absent".
 *
 * Nothing is kept for a store until its first large read (`load`): a store only ever written (the demo fill's half a
 * million history documents, in the worker and in the page that hears of them) holds no set of keys. From then on
 * the set is the store's keys read once, plus every key this instance is about to write (`writing`, before the write
 * starts) and every key another tab reports writing (`reported`, from the multi-instance change stream). Before it,
 * nothing needs keeping: IndexedDB orders transactions on one store, so the keys' read sees every write committed
 * before it was asked for (another tab reports a write only once it has committed); this instance's writes still in
 * flight then are kept aside until they settle and join the set if the read starts meanwhile. So a key absent from
 * the set was absent when the keys were read and has not been written since, other than by another tab whose report
 * is still in flight. RxDB's read has that race already (a write may land just after the read), and its write reads
 * the stored state again inside its own transaction, where a document written meanwhile is a conflict, not
 * overwritten. A key is never forgotten (a physically deleted document costs one `get` that answers "absent").
 */
export class KnownKeys {
  private keys: Set<string> | undefined;
  /** This instance's writes not settled yet, per key (how many), while no set is kept. */
  private readonly inFlight = new Map<string, number>();
  private loaded: Promise<void> | undefined;

  /** Keys about to be written by this instance; call the returned function once the write has settled. */
  writing(keys: readonly string[]): () => void {
    if (this.keys) {
      for (const key of keys) this.keys.add(key);
      return () => undefined;
    }
    for (const key of keys) this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    return () => {
      for (const key of keys) {
        const left = (this.inFlight.get(key) ?? 1) - 1;
        if (left > 0) this.inFlight.set(key, left);
        else this.inFlight.delete(key);
      }
    };
  }

  /** Keys another instance (tab) reported writing (committed). */
  reported(keys: Iterable<string>): void {
    if (!this.keys) return; // committed before any read of the keys is asked for: that read sees them
    for (const key of keys) this.keys.add(key);
  }

  /** Reads the store's keys once (the first caller's `readKeys`); later calls wait for the same read. */
  load(readKeys: () => Promise<readonly string[]>): Promise<void> {
    // From here on every write is kept, and so are this instance's writes still in flight.
    this.keys ??= new Set(this.inFlight.keys());
    this.inFlight.clear();
    const keys = this.keys;
    this.loaded ??= readKeys().then(
      (stored) => {
        for (const key of stored) keys.add(key);
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
    const keys = this.keys;
    return keys ? wanted.filter((key) => keys.has(key)) : [...wanted];
  }

  /** How many keys are kept (none until the first large read). */
  get size(): number {
    return this.keys?.size ?? 0;
  }
}
