import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelayMs } from './backoff';
import { INITIAL_SYNC_STATE, reduceSyncStatus, SyncStatusTracker, type SyncEvent } from './sync-status';

const AT = '2026-01-01T00:00:00.000Z';
const run = (...events: SyncEvent[]) => events.reduce(reduceSyncStatus, INITIAL_SYNC_STATE).status;

describe('sync status', () => {
  it('is offline until the server answers, syncing while requests run or changes wait, then online', () => {
    expect(run().phase).toBe('offline');
    expect(run({ type: 'request-started', at: AT }).phase).toBe('offline');
    const synced = run({ type: 'request-started', at: AT }, { type: 'request-succeeded', at: AT });
    expect(synced).toEqual({ phase: 'online', pendingChanges: 0, lastSyncedAt: AT, lastError: null });
    expect(run({ type: 'stream-connected', at: AT }, { type: 'request-started', at: AT }).phase).toBe('syncing');
  });

  it('counts each changed document once until the push of its latest version is acknowledged', () => {
    const events: SyncEvent[] = [
      { type: 'stream-connected', at: AT },
      { type: 'local-change', key: 'accounts:a', version: 'v1' },
      { type: 'local-change', key: 'accounts:a', version: 'v2' },
      { type: 'local-change', key: 'contacts:c', version: 'v1' },
    ];
    expect(run(...events)).toMatchObject({ phase: 'syncing', pendingChanges: 2 });
    // The push of v1 does not clear a document edited again since.
    expect(run(...events, { type: 'pushed', key: 'accounts:a', version: 'v1' }).pendingChanges).toBe(2);
    const done = run(...events, { type: 'pushed', key: 'accounts:a', version: 'v2' }, { type: 'pushed', key: 'contacts:c', version: 'v1' });
    expect(done).toMatchObject({ phase: 'online', pendingChanges: 0 });
  });

  it("a bulk write's or a push's documents in one event count as the same documents one by one", () => {
    const changes = [
      { key: 'accounts:a', version: 'v1' },
      { key: 'accounts:a', version: 'v2' },
      { key: 'contacts:c', version: 'v1' },
    ];
    const pushes = [
      { key: 'accounts:a', version: 'v1' },
      { key: 'contacts:c', version: 'v1' },
    ];
    const one = (type: 'local-change' | 'pushed', list: typeof changes) => list.map((change): SyncEvent => ({ type, ...change }));
    const connected: SyncEvent = { type: 'stream-connected', at: AT };
    expect(run(connected, { type: 'local-changes', changes })).toEqual(run(connected, ...one('local-change', changes)));
    // The push of v1 leaves accounts:a (v2 waits); contacts:c is done.
    const batched = run(connected, { type: 'local-changes', changes }, { type: 'pushed-changes', changes: pushes });
    expect(batched).toEqual(run(connected, ...one('local-change', changes), ...one('pushed', pushes)));
    expect(batched.pendingChanges).toBe(1);
    expect(run(connected, { type: 'local-changes', changes: [] })).toEqual(run(connected));
  });

  it('keeps the last failure with its code and next retry, offline when unreachable, cleared by a success', () => {
    const failed: SyncEvent = {
      type: 'request-failed',
      at: AT,
      code: 'RATE001',
      message: 'Too many requests',
      reachable: true,
      nextRetryAt: '2026-01-01T00:00:05.000Z',
    };
    const limited = run({ type: 'request-started', at: AT }, failed);
    expect(limited.phase).toBe('online');
    expect(limited.lastError).toEqual({ code: 'RATE001', message: 'Too many requests', at: AT, nextRetryAt: '2026-01-01T00:00:05.000Z' });
    expect(run({ type: 'request-started', at: AT }, { ...failed, code: 'SYNC001', reachable: false }).phase).toBe('offline');
    expect(run(failed, { type: 'request-succeeded', at: AT }).lastError).toBeNull();
  });

  it('publishes changes through an observable', () => {
    const tracker = new SyncStatusTracker();
    const phases: string[] = [];
    const sub = tracker.status$.subscribe((status) => phases.push(status.phase));
    tracker.record({ type: 'stream-connected', at: AT });
    tracker.record({ type: 'request-started', at: AT });
    tracker.record({ type: 'request-succeeded', at: AT });
    sub.unsubscribe();
    expect(phases).toEqual(['offline', 'online', 'syncing', 'online']);
  });
});

describe('backoff', () => {
  it('honours the server’s Retry-After', () => {
    expect(retryDelayMs(1, 7000)).toBe(7000);
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });

  it('doubles up to the cap, with jitter in the upper half', () => {
    const policy = { baseMs: 1000, maxMs: 8000 };
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, null, policy, () => 1))).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, null, policy, () => 0))).toEqual([500, 1000, 2000, 4000, 4000]);
  });
});
