import { describe, expect, it } from 'vitest';
import { gateUnreachable } from './unreachable-gate';

/** A stand-in network: refuses connections while `down`, counts the requests that reached it. */
function network() {
  const state = { down: true, requests: 0 };
  const fetcher = (async () => {
    state.requests++;
    await Promise.resolve();
    if (state.down) throw new TypeError('Failed to fetch');
    return new Response('{}', { status: 200 });
  }) as unknown as typeof fetch;
  return { state, fetcher };
}

describe('unreachable gate', () => {
  it('while the server is unreachable, one request of a retry cycle probes and the others fail with it, unsent', async () => {
    const { state, fetcher } = network();
    const gated = gateUnreachable(fetcher);
    await expect(gated('http://127.0.0.1:1/sync/accounts/pull')).rejects.toThrow('Failed to fetch');
    expect(state.requests).toBe(1);

    // The next retry cycle: eight replications and the stream at once.
    const cycle = Array.from({ length: 9 }, (_, i) => gated(`http://127.0.0.1:1/sync/c${i}/pull`));
    const results = await Promise.allSettled(cycle);
    expect(results.every((r) => r.status === 'rejected' && String(r.reason).includes('Failed to fetch'))).toBe(true);
    expect(state.requests).toBe(2);
  });

  it('the first answer reopens the gate for every request', async () => {
    const { state, fetcher } = network();
    const gated = gateUnreachable(fetcher);
    await expect(gated('http://127.0.0.1:1/a')).rejects.toThrow();
    state.down = false;
    const cycle = await Promise.all(Array.from({ length: 4 }, () => gated('http://127.0.0.1:1/b')));
    expect(cycle.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(state.requests).toBe(5); // the failed one, the probe, then the three that waited for it
    await gated('http://127.0.0.1:1/c');
    expect(state.requests).toBe(6);
  });

  it('an aborted request does not mark the server unreachable', async () => {
    const controller = new AbortController();
    controller.abort();
    const fetcher = (async () => {
      throw new TypeError('aborted');
    }) as unknown as typeof fetch;
    let calls = 0;
    const gated = gateUnreachable(((...args: Parameters<typeof fetch>) => (calls++, fetcher(...args))) as typeof fetch);
    await expect(gated('http://x/a', { signal: controller.signal })).rejects.toThrow();
    await expect(Promise.allSettled([gated('http://x/b'), gated('http://x/c')])).resolves.toHaveLength(2);
    expect(calls).toBe(3);
  });
});
