/**
 * Coalesces change notifications into refreshes: at most one refresh per `minIntervalMs`, never two at once, and
 * always one after the last change. While a fill or a first sync writes a collection chunk after chunk, a view bound to
 * a live query would otherwise re-read the collection (RxDB re-runs the whole query once a write brings more changes
 * than its event buffer holds, 100) and re-render for every chunk. A change after a quiet spell is refreshed in the
 * next task (an edit shows at once); changes during a refresh cause exactly one more, after it.
 * Pure: the clock and the scheduling are injected (the renderer passes `performance.now` and `setTimeout`).
 */
export interface RefreshCoalescerOptions {
  /** Re-reads and shows; awaited before the next refresh may start. */
  refresh: () => void | Promise<void>;
  /** A refresh that threw or rejected; the coalescer carries on. */
  onError: (error: unknown) => void;
  minIntervalMs: number;
  now: () => number;
  /** Runs `task` in a later task after about `delayMs` (0: as soon as possible); returns a cancel. */
  schedule: (task: () => void, delayMs: number) => () => void;
}

export interface RefreshCoalescer {
  /** Something changed: a refresh follows. */
  changed(): void;
  /** Refreshes in this task (the first read, which nothing should wait for), unless a refresh is running already. */
  refreshNow(): Promise<void>;
  /** Nothing scheduled runs any more. */
  dispose(): void;
}

export function refreshCoalescer(options: RefreshCoalescerOptions): RefreshCoalescer {
  const { refresh, onError, minIntervalMs, now, schedule } = options;
  let dirty = false;
  let running = false;
  let disposed = false;
  let cancelScheduled: (() => void) | null = null;
  let lastStart = -Infinity;

  const scheduleNext = () => {
    const delay = Math.max(0, lastStart + minIntervalMs - now());
    cancelScheduled = schedule(() => void run(), delay);
  };

  const run = async (force = false) => {
    cancelScheduled = null;
    if (disposed || (!dirty && !force)) return;
    dirty = false;
    running = true;
    lastStart = now();
    try {
      await refresh();
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
    if (dirty && !disposed) scheduleNext();
  };

  return {
    changed() {
      if (disposed) return;
      dirty = true;
      if (running || cancelScheduled) return;
      scheduleNext();
    },
    async refreshNow() {
      if (disposed || running) return;
      cancelScheduled?.();
      await run(true);
    },
    dispose() {
      disposed = true;
      cancelScheduled?.();
      cancelScheduled = null;
    },
  };
}
