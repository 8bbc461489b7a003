import { describe, expect, it } from 'vitest';
import { syncProblemText } from './sync-problem-text';

describe('sync problem text', () => {
  it('turns "Failed to fetch" into what happened and what to do', () => {
    const text = syncProblemText({ code: 'SYNC001', message: 'Sync server unreachable: Failed to fetch' }, 12);
    expect(text).not.toContain('Failed to fetch');
    expect(text).toBe(
      'Cannot reach the sync server (SYNC001): this device is offline or the server is down. Your changes are kept on this device and sync when it is reachable again. Retrying in 12 s.',
    );
  });
  it('recognises other browsers\' words for a request that never arrived', () => {
    for (const message of ['NetworkError when attempting to fetch resource.', 'Load failed', 'fetch failed']) {
      expect(syncProblemText({ code: 'SYNC001', message }, null)).toMatch(/^Cannot reach the sync server/);
    }
  });
  it('keeps a server\'s own message (which carries its code) with the retry', () => {
    expect(syncProblemText({ code: 'SYNC001', message: 'Internal error (SYNC001)' }, 3)).toBe('Internal error (SYNC001); retrying in 3 s');
    expect(syncProblemText({ code: 'RATE001', message: 'Too many requests' }, 7)).toBe('Rate limited by the server (RATE001): retrying in 7 s');
  });
});
