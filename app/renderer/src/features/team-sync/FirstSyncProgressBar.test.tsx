// @vitest-environment happy-dom
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { mountedEachTest } from '../../testing/mounted-each-test';
import { INITIAL_SYNC_STATUS, useSyncStatus, type SyncStatusState } from './sync-status-store';
import { FirstSyncProgressBar } from './FirstSyncProgressBar';

beforeEach(() => useSyncStatus.setState(INITIAL_SYNC_STATUS, true));
const mounted = mountedEachTest(() => <FirstSyncProgressBar />);
const container = () => mounted.container;

const bar = () => container().querySelector('[data-testid="first-sync-progress"]');
const show = (patch: Partial<SyncStatusState>) => act(async () => useSyncStatus.setState({ mode: 'team', ...patch }));
const online = { ...INITIAL_SYNC_STATUS.status, phase: 'syncing' as const };

describe('first-sync progress bar', () => {
  it('counts records stored of the server’s total, with the time left at this window’s rate', async () => {
    await show({ status: online, firstSync: { pulled: 30_000, total: 110_000, startedAt: Date.now() - 30_000 } });
    expect(bar()?.textContent).toContain('Getting your team book: 30,000 of 110,000 records, about 2 min left');
    const progress = bar()!.querySelector('progress')!;
    expect([progress.max, progress.value]).toEqual([110_000, 30_000]);
    expect(bar()!.getAttribute('role')).toBe('status');
  });

  it('counts without a total from a server that cannot count, and stays out of the way of small catch-ups', async () => {
    await show({ status: online, firstSync: { pulled: 4000, total: null, startedAt: Date.now() } });
    expect(bar()?.textContent).toContain('4,000 records so far');
    expect(bar()!.querySelector('progress')!.hasAttribute('value')).toBe(false);
    await show({ firstSync: { pulled: 10, total: 40, startedAt: Date.now() } });
    expect(bar()).toBeNull();
  });

  it('is gone once the sync has pulled everything, and while the device is offline', async () => {
    await show({ status: online, firstSync: { pulled: 5000, total: 9000, startedAt: Date.now() } });
    expect(bar()).not.toBeNull();
    const offline = { ...online, phase: 'offline' as const, lastError: { code: 'SYNC001' as const, message: 'unreachable', at: new Date().toISOString(), nextRetryAt: null } };
    await show({ status: offline });
    expect(bar()).toBeNull();
    await show({ status: online, firstSync: null });
    expect(bar()).toBeNull();
  });
});
