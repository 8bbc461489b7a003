// @vitest-environment happy-dom
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { mountedEachTest } from '../../testing/mounted-each-test';
import { INITIAL_SYNC_STATUS, useSyncStatus, type SyncStatusState } from './sync-status-store';
import { TeamSyncProgress } from './TeamSyncProgress';

beforeEach(() => useSyncStatus.setState(INITIAL_SYNC_STATUS, true));
const mounted = mountedEachTest(() => <TeamSyncProgress />);

const bar = () => mounted.container.querySelector('[data-testid="arrival-progress"]');
const show = (patch: Partial<SyncStatusState>) => act(async () => useSyncStatus.setState({ mode: 'team', ...patch }));
const online = { ...INITIAL_SYNC_STATUS.status, phase: 'syncing' as const };

describe('the progress of accounts re-assigned to this person', () => {
  it('counts records received of those the server announced, with the time left', async () => {
    await show({ status: online, arrival: { received: 3000, total: 12_000, yours: true, startedAt: Date.now() - 30_000 } });
    expect(bar()?.textContent).toContain('Receiving the accounts re-assigned to you: 3,000 of 12,000 records, about 2 min left');
    const progress = bar()!.querySelector('progress')!;
    expect([progress.max, progress.value]).toEqual([12_000, 3000]);
    expect(bar()!.getAttribute('role')).toBe('status');
    // Beside a first sync's bar, not instead of it.
    await show({ firstSync: { pulled: 5000, total: 9000, startedAt: Date.now() } });
    expect(mounted.container.querySelector('[data-testid="first-sync-progress"]')).not.toBeNull();
    expect(bar()).not.toBeNull();
  });

  it('stays out of the way of small moves, and is gone when over or offline', async () => {
    await show({ status: online, arrival: { received: 10, total: 120, yours: true, startedAt: Date.now() } });
    expect(bar()).toBeNull();
    await show({ arrival: { received: 10, total: 5000, yours: false, startedAt: Date.now() } });
    expect(bar()?.textContent).toContain('Receiving accounts re-assigned within your team: 10 of 5,000 records');
    const offline = { ...online, phase: 'offline' as const, lastError: { code: 'SYNC001' as const, message: 'unreachable', at: new Date().toISOString(), nextRetryAt: null } };
    await show({ status: offline });
    expect(bar()).toBeNull();
    await show({ status: online, arrival: null });
    expect(bar()).toBeNull();
  });
});
