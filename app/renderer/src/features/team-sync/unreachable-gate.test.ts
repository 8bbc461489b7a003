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
  it('while the server is unreachable, requests before the next probe fail unsent; at the probe time one probes and the others fail with it', async () => {
    const { state, fetcher } = network();
    let now = 0;
    const gated = gateUnreachable(fetcher, { baseMs: 1_000, maxMs: 4_000 }, () => now);
    await expect(gated('http://127.0.0.1:1/sync/accounts/pull')).rejects.toThrow('Failed to fetch');
    expect(state.requests).toBe(1);

    // The other replications retry on their own schedules before the next probe: none reaches the network.
    now = 999;
    const early = await Promise.allSettled(Array.from({ length: 9 }, (_, i) => gated(`http://127.0.0.1:1/sync/c${i}/pull`)));
    expect(early.every((r) => r.status === 'rejected' && String(r.reason).includes('Failed to fetch'))).toBe(true);
    expect(state.requests).toBe(1);

    // The probe time: eight replications and the stream at once make one request.
    now = 1_000;
    const cycle = await Promise.allSettled(Array.from({ length: 9 }, (_, i) => gated(`http://127.0.0.1:1/sync/c${i}/pull`)));
    expect(cycle.every((r) => r.status === 'rejected' && String(r.reason).includes('Failed to fetch'))).toBe(true);
    expect(state.requests).toBe(2);

    // Probes back off: 2 s after the second failure, 4 s after the third, then every 4 s (the cap).
    const probesAt: number[] = [];
    for (now = 1_000; now <= 20_000; now += 100) {
      const before = state.requests;
      await gated('http://127.0.0.1:1/sync/c0/pull').catch(() => undefined);
      if (state.requests > before) probesAt.push(now);
    }
    expect(probesAt).toEqual([3_000, 7_000, 11_000, 15_000, 19_000]);
  });

  it('probeNow lets the next request try at once (the device is back online)', async () => {
    const { state, fetcher } = network();
    const gated = gateUnreachable(fetcher, { baseMs: 1_000, maxMs: 30_000 }, () => 0);
    await expect(gated('http://127.0.0.1:1/a')).rejects.toThrow();
    await expect(gated('http://127.0.0.1:1/b')).rejects.toThrow();
    expect(state.requests).toBe(1);
    state.down = false;
    gated.probeNow();
    expect((await gated('http://127.0.0.1:1/c')).status).toBe(200);
    expect(state.requests).toBe(2);
  });

  it('requests already under way when the server goes away count as one failure', async () => {
    const { state, fetcher } = network();
    let now = 0;
    const gated = gateUnreachable(fetcher, { baseMs: 1_000, maxMs: 30_000 }, () => now);
    await Promise.allSettled(Array.from({ length: 5 }, () => gated('http://127.0.0.1:1/a')));
    expect(state.requests).toBe(5);
    now = 1_000; // one failure: the first probe is 1 s later, not 16 s
    await expect(gated('http://127.0.0.1:1/b')).rejects.toThrow();
    expect(state.requests).toBe(6);
  });

  it('the first answer reopens the gate for every request', async () => {
    const { state, fetcher } = network();
    let now = 0;
    const gated = gateUnreachable(fetcher, { baseMs: 1_000, maxMs: 30_000 }, () => now);
    await expect(gated('http://127.0.0.1:1/a')).rejects.toThrow();
    state.down = false;
    now = 1_000;
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
