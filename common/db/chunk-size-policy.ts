/**
 * How many rows the next chunk of a bulk write takes (common/db/chunked-writes.ts), from how long the last chunk took.
 * A chunk's validation, conversion and IndexedDB `put` calls (each structured-clones its value on the calling thread)
 * run on the main thread; how long that takes per row depends on the documents and on how loaded the machine is, so a
 * fixed size is either too large on a busy machine (long tasks) or too small on a quiet one (more transactions than
 * needed). The time measured is the chunk's wall time, which bounds every main-thread task the chunk runs: a chunk
 * that took under `targetMs` ran no task longer than that.
 * Pure: the caller measures and keeps the current size.
 */
export interface ChunkSizePolicy {
  /** The first chunk's size. */
  initial: number;
  min: number;
  max: number;
  /** Aim for chunks that take about this long (ms). */
  targetMs: number;
}

/** A policy that never changes the size: every chunk has `size` rows (the last one fewer). */
export function fixedChunkSize(size: number): ChunkSizePolicy {
  return { initial: size, min: size, max: size, targetMs: Infinity };
}

/** Throws when the bounds do not make sense (a programming error, caught when the book is opened). */
export function checkChunkSizePolicy(policy: ChunkSizePolicy): void {
  const { initial, min, max, targetMs } = policy;
  for (const [name, value] of Object.entries({ initial, min, max })) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`chunk ${name} must be a positive integer, got ${value}`);
  }
  if (min > initial || initial > max) throw new Error(`chunk sizes must satisfy min <= initial <= max, got ${min}, ${initial}, ${max}`);
  if (!(targetMs > 0)) throw new Error(`chunk targetMs must be positive, got ${targetMs}`);
}

/** Growth per fast chunk: gradual, so one fast chunk (a quiet moment) does not double the next task. */
const GROWTH = 1.5;

/**
 * The size of the next chunk after one of `rows` rows (the size was `current`) took `tookMs`:
 *   - slower than the target: the rows that fit the target at the rate just measured (never more than `current`);
 *   - a full chunk faster than half the target: half as large again, but no more than the measured rate allows;
 *   - otherwise unchanged.
 * Always within [min, max].
 */
export function nextChunkSize(policy: ChunkSizePolicy, current: number, rows: number, tookMs: number): number {
  const clamp = (size: number) => Math.max(policy.min, Math.min(policy.max, Math.floor(size)));
  if (rows < 1 || !Number.isFinite(tookMs) || tookMs < 0) return clamp(current);
  const fitting = tookMs === 0 ? Infinity : (rows * policy.targetMs) / tookMs;
  if (tookMs > policy.targetMs) return clamp(Math.min(current, fitting));
  if (rows >= current && tookMs < policy.targetMs / 2) return clamp(Math.min(current * GROWTH, fitting));
  return clamp(current);
}
