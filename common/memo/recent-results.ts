/**
 * The results of the last few calls of a pure computation, by key: a key is a list of inputs compared one by one by
 * identity (`Object.is`), so an input that is the same object (a store's array, a memoised map) or the same primitive
 * finds the result again. For work done per book version that a page needs again when it is opened again, or for a
 * choice it had a moment ago (the console's time range), without holding more than `size` results.
 */
export class RecentResults<R> {
  private entries: { key: readonly unknown[]; value: R }[] = [];
  /** How many calls were answered from the kept results (tests and benchmarks). */
  hits = 0;

  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`RecentResults needs a size of at least 1, got ${size}`);
  }

  /** The result for `key`: kept if `key` was seen among the last `size` keys, else `compute()`, then kept. */
  get(key: readonly unknown[], compute: () => R): R {
    const at = this.entries.findIndex((entry) => sameKey(entry.key, key));
    if (at >= 0) {
      const [entry] = this.entries.splice(at, 1);
      this.entries.unshift(entry!);
      this.hits++;
      return entry!.value;
    }
    const value = compute();
    this.entries.unshift({ key: [...key], value });
    if (this.entries.length > this.size) this.entries.length = this.size;
    return value;
  }

  /** The kept result for `key`, or undefined; neither computes nor counts as a use (for reading during a render). */
  peek(key: readonly unknown[]): R | undefined {
    return this.entries.find((entry) => sameKey(entry.key, key))?.value;
  }

  /** Keeps `value` as the result for `key` (the newest), e.g. when it was computed elsewhere, in steps. */
  put(key: readonly unknown[], value: R): void {
    const at = this.entries.findIndex((entry) => sameKey(entry.key, key));
    if (at >= 0) this.entries.splice(at, 1);
    this.entries.unshift({ key: [...key], value });
    if (this.entries.length > this.size) this.entries.length = this.size;
  }

  clear(): void {
    this.entries = [];
  }
}

function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}
