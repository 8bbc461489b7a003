import { describe, expect, it } from 'vitest';
import { KnownKeys } from './known-keys';

const keys = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe('the keys a store may hold', () => {
  it('are not kept for a store that is only written (a fill of half a million documents keeps no set)', () => {
    const known = new KnownKeys();
    for (let batch = 0; batch < 50; batch += 1) known.writing(keys(1000, `own-${batch}-`))();
    known.reported(keys(5000, 'other-tab-'));
    expect(known.size).toBe(0);
  });

  it('are the stored keys once read, and every write after', async () => {
    const known = new KnownKeys();
    await known.load(async () => ['a', 'b']);
    known.writing(['c'])();
    known.reported(['d']);
    expect(known.mayHold(['a', 'b', 'c', 'd', 'e'])).toEqual(['a', 'b', 'c', 'd']);
  });

  it("include this instance's writes still in flight when the keys are read, which that read may not see", async () => {
    const known = new KnownKeys();
    const settledBefore = known.writing(['done']);
    settledBefore(); // committed before the read: the read itself sees it
    const settleLater = known.writing(['in-flight', 'twice']);
    const alsoTwice = known.writing(['twice']);
    alsoTwice();
    await known.load(async () => ['done']);
    settleLater();
    expect(known.mayHold(['done', 'in-flight', 'twice', 'never'])).toEqual(['done', 'in-flight', 'twice']);
  });

  it('hold every key until loaded, and read the keys again after a failed read', async () => {
    const known = new KnownKeys();
    expect(known.mayHold(['x', 'y'])).toEqual(['x', 'y']);
    await expect(known.load(async () => Promise.reject(new Error('closed')))).rejects.toThrow('closed');
    await known.load(async () => ['x']);
    expect(known.mayHold(['x', 'y'])).toEqual(['x']);
  });
});
