import { describe, expect, it } from 'vitest';
import { persistedPagesGate } from './persisted-pages-gate';

type Checkpoint = { seq: number };
const at = (seq: number): Checkpoint => ({ seq });
const gate = () => persistedPagesGate<Checkpoint>((checkpoint) => String(checkpoint.seq));

/** Whether the promise has settled once pending microtasks ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
  return done;
}

describe('persistedPagesGate', () => {
  it('hands out a page while one earlier page is being written, and the next only when that one is stored', async () => {
    const pages = gate();
    await pages.beforePage(undefined);
    pages.handedOut(at(10));
    // Page 2 may wait beside page 1 while page 1 is written.
    await pages.beforePage(at(10));
    pages.handedOut(at(20));
    const third = pages.beforePage(at(20));
    expect(await settled(third)).toBe(false);
    expect(pages.outstanding).toBe(2);
    pages.stored(at(10));
    expect(await settled(third)).toBe(true);
    expect(pages.outstanding).toBe(1);
  });

  it('counts every page up to a stored checkpoint as stored (RxDB writes the pages waiting together)', async () => {
    const pages = persistedPagesGate<Checkpoint>((checkpoint) => String(checkpoint.seq), 2);
    await pages.beforePage(undefined);
    for (const seq of [10, 20, 30]) {
      if (seq > 10) await pages.beforePage(at(seq - 10));
      pages.handedOut(at(seq));
    }
    const fourth = pages.beforePage(at(30));
    expect(await settled(fourth)).toBe(false);
    pages.stored(at(20));
    expect(await settled(fourth)).toBe(true);
    expect(pages.outstanding).toBe(1);
  });

  it('ignores checkpoints of no page handed out (live changes, another tab)', async () => {
    const pages = gate();
    await pages.beforePage(undefined);
    pages.handedOut(at(10));
    await pages.beforePage(at(10));
    pages.handedOut(at(20));
    const third = pages.beforePage(at(20));
    pages.stored(at(15));
    expect(await settled(third)).toBe(false);
    pages.stored(at(20));
    expect(await settled(third)).toBe(true);
  });

  it('starts over for a pull from another checkpoint (a new run after every write of the last one)', async () => {
    const pages = gate();
    await pages.beforePage(undefined);
    pages.handedOut(at(10));
    await pages.beforePage(at(10));
    pages.handedOut(at(20));
    expect(await settled(pages.beforePage(at(5)))).toBe(true);
    expect(pages.outstanding).toBe(0);
  });

  it('lets a waiting pull go when a write failed (forget) or the replication was cancelled (close)', async () => {
    const pages = gate();
    await pages.beforePage(undefined);
    pages.handedOut(at(10));
    await pages.beforePage(at(10));
    pages.handedOut(at(20));
    const waiting = pages.beforePage(at(20));
    pages.forget();
    expect(await settled(waiting)).toBe(true);

    pages.handedOut(at(30));
    await pages.beforePage(at(30));
    pages.handedOut(at(40));
    const afterClose = pages.beforePage(at(40));
    pages.close();
    expect(await settled(afterClose)).toBe(true);
    pages.handedOut(at(50));
    pages.handedOut(at(60));
    expect(await settled(pages.beforePage(at(60)))).toBe(true);
  });
});
