import { describe, expect, it } from 'vitest';
import { refreshCoalescer } from './refresh-coalescer';

/** A clock and a task queue the test advances by hand: no real timers. */
function fakeTime() {
  let clock = 0;
  let queue: { at: number; task: () => void; id: number }[] = [];
  let ids = 0;
  return {
    now: () => clock,
    schedule(task: () => void, delayMs: number) {
      const id = ids++;
      queue.push({ at: clock + delayMs, task, id });
      return () => {
        queue = queue.filter((entry) => entry.id !== id);
      };
    },
    /** Moves the clock to `to`, running every task due by then in order (and letting their promises settle). */
    async advanceTo(to: number) {
      for (;;) {
        queue.sort((a, b) => a.at - b.at || a.id - b.id);
        const next = queue[0];
        if (!next || next.at > to) break;
        queue.shift();
        clock = Math.max(clock, next.at);
        next.task();
        await settle();
      }
      clock = to;
    },
    get scheduled() {
      return queue.map((entry) => entry.at);
    },
  };
}

const settle = async () => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

function setUp(refreshImpl?: () => Promise<void>) {
  const time = fakeTime();
  const refreshes: number[] = [];
  const errors: unknown[] = [];
  const coalescer = refreshCoalescer({
    refresh: async () => {
      refreshes.push(time.now());
      await refreshImpl?.();
    },
    onError: (error) => errors.push(error),
    minIntervalMs: 250,
    now: time.now,
    schedule: time.schedule,
  });
  return { time, refreshes, errors, coalescer };
}

describe('refreshCoalescer', () => {
  it('refreshes a change after a quiet spell in the next task, once for all changes of the same task', async () => {
    const { time, refreshes, coalescer } = setUp();
    coalescer.changed();
    coalescer.changed();
    coalescer.changed();
    expect(refreshes).toEqual([]);
    await time.advanceTo(0);
    expect(refreshes).toEqual([0]);
  });

  it('refreshes at most once per interval while changes keep coming, and once after the last', async () => {
    const { time, refreshes, coalescer } = setUp();
    // A change every 20 ms for a second, as chunk after chunk of a fill is written.
    for (let at = 0; at <= 1000; at += 20) {
      await time.advanceTo(at);
      coalescer.changed();
    }
    await time.advanceTo(5000);
    expect(refreshes).toEqual([0, 250, 500, 750, 1000, 1250]);
  });

  it('never runs two refreshes at once: changes during a slow refresh cause exactly one more, after it', async () => {
    let finish: () => void = () => {};
    const { time, refreshes, coalescer } = setUp(() => new Promise<void>((resolve) => (finish = resolve)));
    coalescer.changed();
    await time.advanceTo(0);
    expect(refreshes).toEqual([0]);
    for (let at = 10; at < 900; at += 100) {
      await time.advanceTo(at);
      coalescer.changed();
    }
    expect(time.scheduled).toEqual([]);
    await time.advanceTo(900);
    finish();
    await settle();
    // The refresh took longer than the interval: the next one is due at once.
    await time.advanceTo(900);
    expect(refreshes).toEqual([0, 900]);
    finish();
    await settle();
    await time.advanceTo(5000);
    expect(refreshes).toEqual([0, 900]);
  });

  it('refreshes at once when asked to (the first read), and counts the interval from there', async () => {
    const { time, refreshes, coalescer } = setUp();
    await time.advanceTo(100);
    coalescer.changed();
    await coalescer.refreshNow();
    expect(refreshes).toEqual([100]);
    coalescer.changed();
    await time.advanceTo(1000);
    expect(refreshes).toEqual([100, 350]);
  });

  it('does nothing without a change, and nothing after dispose', async () => {
    const { time, refreshes, coalescer } = setUp();
    await time.advanceTo(1000);
    expect(refreshes).toEqual([]);
    coalescer.changed();
    await time.advanceTo(1000);
    coalescer.changed();
    coalescer.dispose();
    coalescer.changed();
    await time.advanceTo(5000);
    expect(refreshes).toEqual([1000]);
    expect(time.scheduled).toEqual([]);
  });

  it('reports a refresh that failed and carries on', async () => {
    let fail = true;
    const { time, refreshes, errors, coalescer } = setUp(async () => {
      if (fail) throw new Error('query failed');
    });
    coalescer.changed();
    await time.advanceTo(0);
    fail = false;
    coalescer.changed();
    await time.advanceTo(300);
    expect(refreshes).toEqual([0, 250]);
    expect(errors.map((error) => (error as Error).message)).toEqual(['query failed']);
  });
});
