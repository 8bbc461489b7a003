import { describe, expect, it } from 'vitest';
import { deriveSeed, Random } from './seeded-random';

const draw = (rng: Random, n: number) => Array.from({ length: n }, () => rng.next());

describe('Random', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    expect(draw(new Random(42), 20)).toEqual(draw(new Random(42), 20));
    expect(draw(new Random(42), 20)).not.toEqual(draw(new Random(43), 20));
  });

  it('gives unrelated sub-seeds for neighbouring accounts and streams', () => {
    const seeds = new Set<number>();
    for (let account = 0; account < 1000; account += 1) for (let stream = 0; stream < 5; stream += 1) seeds.add(deriveSeed(42, account, stream));
    expect(seeds.size).toBe(5000);
    expect(deriveSeed(42, 1, 2)).toBe(deriveSeed(42, 1, 2));
    expect(deriveSeed(42, 1, 2)).not.toBe(deriveSeed(42, 2, 1));
  });

  it('keeps integers inside their inclusive bounds and reaches both ends', () => {
    const rng = new Random(1);
    const values = Array.from({ length: 2000 }, () => rng.int(3, 7));
    expect(Math.min(...values)).toBe(3);
    expect(Math.max(...values)).toBe(7);
  });

  it('follows the weights of a weighted pick and the moments of a normal', () => {
    const rng = new Random(9);
    const picks = Array.from({ length: 10_000 }, () => rng.weighted([['a', 1], ['b', 3]] as const));
    expect(picks.filter((p) => p === 'b').length / picks.length).toBeCloseTo(0.75, 1);
    const normals = Array.from({ length: 10_000 }, () => rng.normal(5, 2));
    const mean = normals.reduce((s, v) => s + v, 0) / normals.length;
    const sd = Math.sqrt(normals.reduce((s, v) => s + (v - mean) ** 2, 0) / normals.length);
    expect(mean).toBeCloseTo(5, 1);
    expect(sd).toBeCloseTo(2, 1);
  });
});
