import { describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../../../common/intelligence/engine-options';
import { runSeenAt } from './assessments-store';

const scoring = (done: number, total: number): EngineStatus => ({ state: 'scoring', done, total });

describe('the scoring run this window sees (for its time left)', () => {
  it('begins when a run does, keeps its start while it goes on, and ends with it', () => {
    const begun = runSeenAt(null, scoring(0, 8000), 1000);
    expect(begun).toEqual({ at: 1000, done: 0, total: 8000, latest: 0 });
    expect(runSeenAt(begun, scoring(0, 8000), 2000)).toBe(begun);
    expect(runSeenAt(begun, scoring(2000, 8000), 5000)).toEqual({ at: 1000, done: 0, total: 8000, latest: 2000 });
    expect(runSeenAt(begun, { state: 'ready', done: 8000, total: 8000 }, 9000)).toBeNull();
  });

  it('starts again for a new run: fewer done than before, or another total', () => {
    const seen = { at: 1000, done: 0, total: 8000, latest: 0 };
    expect(runSeenAt(runSeenAt(seen, scoring(4000, 8000), 2000), scoring(100, 8000), 3000)).toEqual({ at: 3000, done: 100, total: 8000, latest: 100 });
    expect(runSeenAt(seen, scoring(0, 40), 4000)).toEqual({ at: 4000, done: 0, total: 40, latest: 0 });
  });

  it('joins a run already under way where it stands (a window opened mid-run)', () => {
    expect(runSeenAt(null, scoring(3000, 8000), 7000)).toEqual({ at: 7000, done: 3000, total: 8000, latest: 3000 });
  });
});
