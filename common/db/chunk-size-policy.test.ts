import { describe, expect, it } from 'vitest';
import { checkChunkSizePolicy, fixedChunkSize, nextChunkSize, type ChunkSizePolicy } from './chunk-size-policy';

const policy: ChunkSizePolicy = { initial: 200, min: 20, max: 1000, targetMs: 40 };

describe('nextChunkSize', () => {
  it('shrinks a slow chunk to the rows that fit the target at the measured rate', () => {
    expect(nextChunkSize(policy, 200, 200, 80)).toBe(100);
    expect(nextChunkSize(policy, 200, 200, 400)).toBe(20);
    expect(nextChunkSize(policy, 300, 300, 41)).toBe(292);
  });

  it('never shrinks below the minimum, however slow', () => {
    expect(nextChunkSize(policy, 200, 200, 100_000)).toBe(20);
    expect(nextChunkSize(policy, 20, 20, 500)).toBe(20);
  });

  it('grows a full chunk that was fast, gradually and no further than the measured rate allows', () => {
    expect(nextChunkSize(policy, 200, 200, 10)).toBe(300);
    expect(nextChunkSize(policy, 200, 200, 0)).toBe(300);
    // 200 rows in 16 ms: 500 would fit, growth stops at 1.5x.
    expect(nextChunkSize(policy, 200, 200, 16)).toBe(300);
    // 200 rows in 19 ms: 421 fit the target; 1.5x is 300.
    expect(nextChunkSize(policy, 200, 200, 19)).toBe(300);
    expect(nextChunkSize(policy, 900, 900, 1)).toBe(1000);
  });

  it('keeps the size when the chunk was near the target, or when a short last chunk was fast', () => {
    expect(nextChunkSize(policy, 200, 200, 30)).toBe(200);
    expect(nextChunkSize(policy, 200, 200, 40)).toBe(200);
    expect(nextChunkSize(policy, 200, 7, 1)).toBe(200);
  });

  it('shrinks from a short last chunk too, by its own rate', () => {
    expect(nextChunkSize(policy, 200, 50, 100)).toBe(20);
    expect(nextChunkSize(policy, 200, 100, 50)).toBe(80);
  });

  it('ignores measurements that cannot be right', () => {
    expect(nextChunkSize(policy, 200, 0, 10)).toBe(200);
    expect(nextChunkSize(policy, 200, 200, -5)).toBe(200);
    expect(nextChunkSize(policy, 200, 200, Number.NaN)).toBe(200);
  });

  it('keeps a fixed size fixed', () => {
    const fixed = fixedChunkSize(500);
    expect(nextChunkSize(fixed, 500, 500, 5_000)).toBe(500);
    expect(nextChunkSize(fixed, 500, 500, 0)).toBe(500);
  });
});

describe('checkChunkSizePolicy', () => {
  it('accepts sensible bounds and refuses others', () => {
    expect(() => checkChunkSizePolicy(policy)).not.toThrow();
    expect(() => checkChunkSizePolicy(fixedChunkSize(4))).not.toThrow();
    expect(() => checkChunkSizePolicy({ ...policy, min: 0 })).toThrow(/min must be a positive integer/);
    expect(() => checkChunkSizePolicy({ ...policy, initial: 2.5 })).toThrow(/initial must be a positive integer/);
    expect(() => checkChunkSizePolicy({ ...policy, min: 300 })).toThrow(/min <= initial <= max/);
    expect(() => checkChunkSizePolicy({ ...policy, targetMs: 0 })).toThrow(/targetMs must be positive/);
  });
});
