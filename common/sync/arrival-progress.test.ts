import { describe, expect, it } from 'vitest';
import { ArrivalProgress } from './arrival-progress';

const followed = new Set(['accounts', 'contacts', 'activities']);

describe('the progress of documents a re-assignment brings', () => {
  it('counts what arrives against the documents announced for the collections this device follows', () => {
    const progress = new ArrivalProgress(followed);
    expect(progress.summary()).toBeNull();
    progress.receive(50); // nothing announced: an ordinary change, not counted
    progress.arriving('m1', { accounts: 100, contacts: 100, activities: 1000, riskassessments: 100 });
    expect(progress.summary()).toEqual({ received: 0, total: 1200, yours: true });
    progress.receive(700);
    expect(progress.summary()).toEqual({ received: 700, total: 1200, yours: true });
    progress.receive(900);
    expect(progress.summary()).toEqual({ received: 1200, total: 1200, yours: true });
    progress.over('m1');
    expect(progress.summary()).toBeNull();
  });

  it('adds a second move announced meanwhile, ignores a notice heard twice and counts that are not numbers', () => {
    const progress = new ArrivalProgress(followed);
    progress.arriving('m1', { accounts: 10, activities: 90 }, 'team');
    progress.arriving('m1', { accounts: 10, activities: 90 }, 'team');
    expect(progress.summary()).toEqual({ received: 0, total: 100, yours: false });
    progress.arriving('m2', { accounts: 5, contacts: -3, activities: Number.NaN });
    progress.receive(40);
    expect(progress.summary()).toEqual({ received: 40, total: 105, yours: true });
    progress.over('m2');
    expect(progress.summary()).toEqual({ received: 40, total: 105, yours: false });
    progress.over('m1');
    expect(progress.summary()).toBeNull();
    progress.arriving('m3', { accounts: 2 });
    expect(progress.summary()).toEqual({ received: 0, total: 2, yours: true });
    progress.clear();
    expect(progress.summary()).toBeNull();
  });
});
