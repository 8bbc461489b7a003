/**
 * Holds pulled pages back until the device has stored those before them. RxDB's first sync asks for the next page as
 * soon as it has one, without waiting for the write, and merges every page not yet stored into its next write: on a
 * fast network a first sync thus writes many pages in one go (one transaction, main-thread tasks of seconds) while
 * the pages pile up in memory. With this gate a page is handed to RxDB only while at most `ahead` pages handed out
 * before it are not yet stored: with `ahead` 1, one page is written while the next waits, so the writer never idles
 * and never takes more than one page at a time.
 *
 * Pages are known by the checkpoint they end at (`keyOf`); RxDB stores the checkpoint of the last page it wrote, and
 * that page and every one before it count as stored (`stored`). A pull from a checkpoint other than the last page's
 * starts a new run: RxDB waits for all writes of a run before it starts another, so nothing earlier is outstanding.
 * Pure: no timers; the caller reports pages and stored checkpoints, and `forget` / `close` release whatever waits (a
 * write that failed never stores its checkpoint; a cancelled replication stores nothing).
 */
export interface PersistedPagesGate<C> {
  /** Resolves when the page after `checkpoint` may be handed to RxDB. */
  beforePage(checkpoint: C | null | undefined): Promise<void>;
  /** A page ending at `checkpoint` was handed to RxDB (only pages with documents). */
  handedOut(checkpoint: C): void;
  /** RxDB stored `checkpoint`: the page ending there and all before it are stored. Other checkpoints are ignored. */
  stored(checkpoint: C): void;
  /** Counts every page handed out as stored (a write failed, so its checkpoint will never be stored). */
  forget(): void;
  /** Stops holding anything back, now and later (the replication was cancelled). */
  close(): void;
  /** Pages handed out and not yet stored, for tests. */
  readonly outstanding: number;
}

export function persistedPagesGate<C>(keyOf: (checkpoint: C) => string, ahead = 1): PersistedPagesGate<C> {
  if (!Number.isInteger(ahead) || ahead < 0) throw new Error(`ahead must be a non-negative integer, got ${ahead}`);
  /** Keys of the pages handed out and not yet stored, oldest first. */
  let pending: string[] = [];
  let lastHandedOut: string | null = null;
  let closed = false;
  let waiters: (() => void)[] = [];
  const wake = () => {
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };
  const mayHandOut = () => closed || pending.length <= ahead;
  return {
    async beforePage(checkpoint) {
      const key = checkpoint == null ? null : keyOf(checkpoint);
      if (key === null || key !== lastHandedOut) {
        // A new run from the stored checkpoint: the pages of the last run were all written before it started.
        pending = [];
        lastHandedOut = null;
      }
      while (!mayHandOut()) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    handedOut(checkpoint) {
      const key = keyOf(checkpoint);
      lastHandedOut = key;
      pending.push(key);
    },
    stored(checkpoint) {
      const at = pending.indexOf(keyOf(checkpoint));
      if (at < 0) return;
      pending = pending.slice(at + 1);
      wake();
    },
    forget() {
      pending = [];
      wake();
    },
    close() {
      closed = true;
      pending = [];
      wake();
    },
    get outstanding() {
      return pending.length;
    },
  };
}
