// @vitest-environment happy-dom
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { SyncStatusTracker } from '../../../../../common/sync/sync-status';
import { mountedEachTest } from '../../testing/mounted-each-test';
import { INITIAL_SYNC_STATUS, useSyncStatus } from './sync-status-store';
import { SyncStatusIndicator } from './SyncStatusIndicator';

beforeEach(() => useSyncStatus.setState(INITIAL_SYNC_STATUS, true));
const mounted = mountedEachTest(() => <SyncStatusIndicator />);

const byTestId = (id: string) => mounted.container.querySelector(`[data-testid="${id}"]`);

/** Feeds the indicator the way the app does: events into common/sync's tracker, its status into the store. */
async function feed(tracker: SyncStatusTracker, events: Parameters<SyncStatusTracker['record']>[0][]) {
  await act(async () => {
    for (const event of events) tracker.record(event);
    useSyncStatus.setState({ mode: 'team', serverUrl: 'https://sync.example.com', status: tracker.status });
  });
}

describe('sync status indicator', () => {
  it('says "Local book" when not signed in', () => {
    expect(byTestId('sync-status')?.getAttribute('data-state')).toBe('local');
    expect(mounted.container.textContent).toContain('Local book');
  });

  it('shows offline with pending changes, then online with the last sync', async () => {
    const tracker = new SyncStatusTracker();
    await feed(tracker, [
      { type: 'local-change', key: 'accounts:a', version: '1' },
      { type: 'local-change', key: 'accounts:b', version: '1' },
      { type: 'stream-lost', at: '2026-11-23T05:00:00.000Z' },
    ]);
    expect(byTestId('sync-state')?.textContent).toBe('Offline');
    expect(byTestId('sync-pending')?.textContent).toBe('2 pending changes');
    expect(byTestId('sync-last')?.textContent).toBe('Not synced yet');
    await feed(tracker, [
      { type: 'stream-connected', at: '2026-11-23T05:00:01.000Z' },
      { type: 'request-started', at: '2026-11-23T05:00:01.000Z' },
      { type: 'pushed', key: 'accounts:a', version: '1' },
      { type: 'pushed', key: 'accounts:b', version: '1' },
      { type: 'request-succeeded', at: '2026-11-23T05:00:02.000Z' },
    ]);
    expect(byTestId('sync-state')?.textContent).toBe('Online');
    expect(byTestId('sync-pending')?.textContent).toBe('All changes synced');
    expect(byTestId('sync-last')?.textContent).toMatch(/^Last sync /);
  });

  it('shows RATE001 with a countdown and SYNC001 with the server’s message', async () => {
    const tracker = new SyncStatusTracker();
    const inTen = new Date(Date.now() + 10_000).toISOString();
    await feed(tracker, [
      { type: 'request-started', at: new Date().toISOString() },
      { type: 'request-failed', at: new Date().toISOString(), code: 'RATE001', message: 'Too many requests (RATE001)', reachable: true, nextRetryAt: inTen },
    ]);
    expect(byTestId('sync-problem')?.getAttribute('data-code')).toBe('RATE001');
    expect(byTestId('sync-problem')?.textContent).toMatch(/Rate limited by the server \(RATE001\): retrying in (9|10) s/);
    await feed(tracker, [
      { type: 'request-started', at: new Date().toISOString() },
      { type: 'request-failed', at: new Date().toISOString(), code: 'SYNC001', message: 'Internal error (SYNC001)', reachable: true, nextRetryAt: inTen },
    ]);
    expect(byTestId('sync-problem')?.textContent).toMatch(/Internal error \(SYNC001\); retrying in (9|10) s/);
  });

  it('says what happened and what to do when the server cannot be reached, not the browser\'s "Failed to fetch"', async () => {
    const tracker = new SyncStatusTracker();
    await feed(tracker, [
      { type: 'request-started', at: new Date().toISOString() },
      { type: 'request-failed', at: new Date().toISOString(), code: 'SYNC001', message: 'Sync server unreachable: Failed to fetch', reachable: false, nextRetryAt: null },
    ]);
    const text = byTestId('sync-problem')?.textContent ?? '';
    expect(text).not.toContain('Failed to fetch');
    expect(text).toContain('Cannot reach the sync server (SYNC001): this device is offline or the server is down.');
    expect(text).toContain('Your changes are kept on this device');
  });

  it('lists refused writes until dismissed', async () => {
    await act(async () => {
      useSyncStatus.setState({
        mode: 'team',
        refusals: [{ id: 'a', collection: 'accounts', message: 'The server refused your change to account "Acme"; it was rolled back.', at: 1 }],
      });
    });
    expect(byTestId('sync-refusals')?.textContent).toContain('refused your change to account "Acme"');
    await act(async () => byTestId('sync-refusals')!.querySelector('button')!.click());
    expect(byTestId('sync-refusals')).toBeNull();
  });
});
