import { describe, expect, it } from 'vitest';
import { RecentResults } from './recent-results';

describe('RecentResults', () => {
  it('computes once per key and finds the result again by the inputs’ identity', () => {
    const results = new RecentResults<number>(2);
    const book = [1, 2, 3];
    let runs = 0;
    const sum = (list: number[]) => results.get([list, 'q1'], () => (runs++, list.reduce((a, b) => a + b, 0)));
    expect(sum(book)).toBe(6);
    expect(sum(book)).toBe(6);
    expect(runs).toBe(1);
    expect(results.hits).toBe(1);
    // An equal but different array is another book version.
    expect(sum([1, 2, 3])).toBe(6);
    expect(runs).toBe(2);
  });

  it('keeps only the last `size` keys, the most recently used first', () => {
    const results = new RecentResults<string>(2);
    const computed: string[] = [];
    const get = (k: string) => results.get([k], () => (computed.push(k), k.toUpperCase()));
    get('a');
    get('b');
    get('a'); // a is now the most recent
    get('c'); // evicts b
    get('a');
    get('b');
    expect(computed).toEqual(['a', 'b', 'c', 'b']);
  });

  it('tells NaN and -0 apart as Object.is does, and compares keys of different lengths as different', () => {
    const results = new RecentResults<number>(4);
    let runs = 0;
    results.get([NaN], () => ++runs);
    results.get([NaN], () => ++runs);
    results.get([0], () => ++runs);
    results.get([-0], () => ++runs);
    results.get([0, undefined], () => ++runs);
    expect(runs).toBe(4);
  });

  it('peeks without computing or reordering, and keeps a result put from elsewhere as the newest', () => {
    const results = new RecentResults<string>(2);
    expect(results.peek(['a'])).toBeUndefined();
    results.put(['a'], 'A');
    results.put(['b'], 'B');
    expect(results.peek(['a'])).toBe('A');
    expect(results.hits).toBe(0);
    results.put(['c'], 'C'); // 'a' is the oldest still (peek did not use it): it goes
    expect([results.peek(['a']), results.peek(['b']), results.peek(['c'])]).toEqual([undefined, 'B', 'C']);
    results.put(['b'], 'B2');
    expect(results.get(['b'], () => 'x')).toBe('B2');
  });

  it('refuses a size below 1', () => {
    expect(() => new RecentResults(0)).toThrow(/at least 1/);
  });
});
