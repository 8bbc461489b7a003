import { describe, expect, it } from 'vitest';
import { ArrivalHold } from './arrival-hold';

/** Catch-ups the test finishes by hand, in order. */
function manualCatchUps() {
  const pending: (() => void)[] = [];
  return {
    catchUp: () => new Promise<void>((resolve) => pending.push(resolve)),
    finishNext: async () => {
      pending.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    },
    get started() {
      return pending.length;
    },
  };
}

describe('ArrivalHold', () => {
  it('releases an account only after a catch-up that started after it arrived', async () => {
    const catchUps = manualCatchUps();
    const released: string[][] = [];
    const hold = new ArrivalHold(catchUps.catchUp, (ids) => released.push([...ids]), (error) => { throw error; });
    hold.hold('a');
    expect(hold.holds('a')).toBe(true);
    // 'b' arrives while the catch-up for 'a' runs: that catch-up may have asked the server before 'b' moved.
    hold.hold('b');
    await catchUps.finishNext();
    expect(released).toEqual([['a']]);
    expect(hold.holds('b')).toBe(true);
    await catchUps.finishNext();
    expect(released).toEqual([['a'], ['b']]);
    expect(hold.holds('b')).toBe(false);
    expect(catchUps.started).toBe(0);
  });

  it('keeps accounts held when the catch-up fails, and tries again on the next arrival', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const released: string[] = [];
    const hold = new ArrivalHold(async () => { if (fail) throw new Error('offline'); }, (ids) => released.push(...ids), (error) => errors.push(error));
    hold.hold('a');
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toHaveLength(1);
    expect(hold.holds('a')).toBe(true);
    fail = false;
    hold.hold('b');
    await new Promise((resolve) => setImmediate(resolve));
    expect(released.sort()).toEqual(['a', 'b']);
  });
});
