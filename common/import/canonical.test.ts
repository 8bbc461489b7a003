import { describe, expect, it } from 'vitest';
import { canonical, canonicalGeneral } from './working-set';

/** A deterministic generator of JSON-like values, with the odd cases JSON.stringify treats specially. */
function values(seed: number, depth: number): unknown {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648);
  const leaf = (): unknown => {
    const pick = next() % 12;
    return [null, undefined, true, false, 0, -1.5, Number.NaN, Number.POSITIVE_INFINITY, '', 'a "quoted" \\ line\nbreak', 'é ✓ \u2028', 1e21][pick];
  };
  const build = (d: number): unknown => {
    if (d === 0) return leaf();
    const kind = next() % 3;
    if (kind === 0) return leaf();
    if (kind === 1) return Array.from({ length: next() % 5 }, () => build(d - 1));
    const obj: Record<string, unknown> = {};
    for (let i = next() % 6; i > 0; i -= 1) obj[['b', 'a', 'Z', '10', '2', 'k y', '__proto__x'][next() % 7]!] = build(d - 1);
    return obj;
  };
  return build(depth);
}

describe('canonical', () => {
  it('writes the same text as the reference definition for every kind of JSON value', () => {
    for (let seed = 1; seed <= 2000; seed += 1) {
      const value = values(seed, 4);
      expect(canonical(value), JSON.stringify(value)).toBe(canonicalGeneral(value));
    }
  });

  it('sorts keys, leaves out undefined, and takes the general path for dates and toJSON', () => {
    expect(canonical({ b: 1, a: { d: undefined, c: [undefined, 2] } })).toBe('{"a":{"c":[null,2]},"b":1}');
    const when = new Date('2026-06-15T12:00:00Z');
    expect(canonical({ when, n: { toJSON: () => 'x' } })).toBe(canonicalGeneral({ when, n: { toJSON: () => 'x' } }));
    expect(canonical(undefined)).toBe(canonicalGeneral(undefined));
  });
});
