import { describe, expect, it } from 'vitest';
import { secondsLeft, timeLeftText } from './time-left';

describe('time left', () => {
  it('extrapolates the rate this window has seen, and says nothing before there is one', () => {
    const started = { done: 100, total: 1100, startedAt: 0, startedDone: 100 };
    expect(secondsLeft(started, 5_000)).toBeNull();
    // 200 done in 10 s: 800 left take 40 s.
    expect(secondsLeft({ ...started, done: 300 }, 10_000)).toBe(40);
    expect(secondsLeft({ ...started, done: 1100 }, 10_000)).toBe(0);
    // More done than the total said (the job grew meanwhile): nothing left, never negative.
    expect(secondsLeft({ ...started, done: 1200 }, 10_000)).toBe(0);
  });

  it('reads in seconds under a minute, else in whole minutes rounded up', () => {
    expect(timeLeftText(null)).toBe('');
    expect(timeLeftText(40)).toBe(', about 40 s left');
    expect(timeLeftText(61)).toBe(', about 2 min left');
  });
});
