import { describe, expect, it } from 'vitest';
import { fixedRowWindow } from './use-fixed-row-window';

describe('fixedRowWindow', () => {
  it('covers every row that meets the viewport, and the overscan on each side', () => {
    for (const scrollTop of [0, 1, 33, 34, 35, 500, 3399, 9_000]) {
      for (const height of [0, 100, 400, 899]) {
        const { first, last } = fixedRowWindow(scrollTop, height, 34, 1000, 3);
        for (let index = 0; index < 1000; index++) {
          const top = index * 34;
          const meets = top + 34 > scrollTop && top < scrollTop + height;
          if (meets) {
            expect(first).toBeLessThanOrEqual(Math.max(0, index - 3));
            expect(last).toBeGreaterThanOrEqual(Math.min(999, index + 3));
          }
        }
        expect(first).toBeGreaterThanOrEqual(0);
        expect(last).toBeLessThanOrEqual(999);
        // No more than the rows in view, one partly shown at each edge, and the overscan.
        expect(last - first + 1).toBeLessThanOrEqual(Math.ceil(height / 34) + 1 + 2 * 3 + 1);
      }
    }
  });

  it('stays inside the list when it is scrolled past its end (rows removed by a filter) or is empty', () => {
    expect(fixedRowWindow(100_000, 400, 34, 10, 6)).toEqual({ first: 3, last: 9 });
    expect(fixedRowWindow(0, 400, 34, 0, 6)).toEqual({ first: 0, last: -1 });
    expect(fixedRowWindow(-20, 400, 34, 5, 6)).toEqual({ first: 0, last: 4 });
  });
});
