import { describe, expect, it } from 'vitest';
import { FirstSyncProgress } from './first-sync-progress';

describe('first-sync progress', () => {
  it('counts documents pulled of what every collection said it would send', () => {
    const progress = new FirstSyncProgress(['accounts', 'activities']);
    expect(progress.summary()).toEqual({ pulled: 0, total: null });
    progress.page('accounts', 1000, 500);
    // One collection has not answered yet: no total, but the count goes on.
    expect(progress.summary()).toEqual({ pulled: 1000, total: null });
    progress.page('activities', 1000, 9000);
    expect(progress.summary()).toEqual({ pulled: 2000, total: 11_500 });
    progress.page('accounts', 500);
    progress.page('activities', 1000);
    expect(progress.summary()).toEqual({ pulled: 3500, total: 11_500 });
  });

  it('grows a total that writes on the server during the sync outran, and takes a recount when one comes', () => {
    const progress = new FirstSyncProgress(['accounts']);
    progress.page('accounts', 2, 0);
    progress.page('accounts', 3);
    expect(progress.summary()).toEqual({ pulled: 5, total: 5 });
    progress.page('accounts', 1, 10);
    expect(progress.summary()).toEqual({ pulled: 6, total: 16 });
  });

  it('refuses a collection it was not told about', () => {
    expect(() => new FirstSyncProgress(['accounts']).page('contacts', 1, 0)).toThrow(/contacts/);
  });
});
