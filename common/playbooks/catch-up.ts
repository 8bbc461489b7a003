export interface Wakeable {
  id: string;
  /** '' when nothing is due. */
  nextWakeAt: string;
}

/**
 * Runs every execution due by `now` in the order their steps fell due, across executions: the earliest first, and
 * an execution whose next step falls after another one's is put back in line (`run` gets the time it may run up
 * to). After a week asleep, step k of every execution runs before any step due later. Returns how many runs it made.
 */
export async function catchUp<T extends Wakeable>(due: readonly T[], now: string, run: (item: T, horizon: string) => Promise<T>): Promise<number> {
  const queue = due.filter((item) => item.nextWakeAt !== '' && item.nextWakeAt <= now).sort(byWake);
  let runs = 0;
  while (queue.length) {
    const item = queue.shift()!;
    const horizon = queue.length && queue[0]!.nextWakeAt < now ? queue[0]!.nextWakeAt : now;
    const after = await run(item, horizon);
    runs++;
    if (after.nextWakeAt !== '' && after.nextWakeAt <= now && after.nextWakeAt > item.nextWakeAt) insertSorted(queue, after);
  }
  return runs;
}

function byWake(a: Wakeable, b: Wakeable): number {
  return a.nextWakeAt < b.nextWakeAt ? -1 : a.nextWakeAt > b.nextWakeAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function insertSorted<T extends Wakeable>(queue: T[], item: T): void {
  let lo = 0;
  let hi = queue.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byWake(queue[mid]!, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  queue.splice(lo, 0, item);
}
