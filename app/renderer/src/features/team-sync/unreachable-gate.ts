/** How often an unreachable server is tried again: after 1 s, 2 s, 4 s… up to every 30 s. */
export interface ProbePolicy {
  baseMs: number;
  maxMs: number;
}

export const PROBE_POLICY: ProbePolicy = { baseMs: 1_000, maxMs: 30_000 };

/** A fetch that stops reaching for a server it found unreachable, until its next probe. */
export interface GatedFetch {
  (input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Lets the next request reach the network at once (the browser says the device is back online). */
  probeNow(): void;
}

/** The error a request gets, unsent, while the server is known to be unreachable: what fetch says when no answer came. */
const unsent = () => new TypeError('Failed to fetch');

/**
 * Once the sync server is unreachable (a request failed before any answer: connection refused, no network), the
 * replications of every collection and the live stream no longer each try it on their own retry schedule: a request
 * made before the next probe time fails at once without touching the network, the first one after it probes, and
 * the others made while it is under way wait for its outcome. Probes come after 1 s, 2 s, 4 s… then every 30 s.
 * A browser logs every refused connection to the console ("net::ERR_CONNECTION_REFUSED"), so this is what keeps an
 * offline session to one such error per probe instead of one per collection and retry (about 16 per cycle), and it
 * spares the network too. The first answer of any kind reopens the gate for everyone.
 */
export function gateUnreachable(base: typeof fetch, policy: ProbePolicy = PROBE_POLICY, now: () => number = Date.now): GatedFetch {
  let unreachable = false;
  let failedProbes = 0;
  let nextProbeAt = 0;
  let probe: Promise<void> | null = null;

  const attempt = async (input: RequestInfo | URL, init: RequestInit | undefined, probing: boolean): Promise<Response> => {
    try {
      const response = await base(input, init);
      unreachable = false;
      failedProbes = 0;
      return response;
    } catch (error) {
      // fetch rejects with a TypeError when no answer came; an abort is ours and says nothing about the server.
      // Requests already under way when the server went away fail too, but count as one failure, not one each.
      if (error instanceof TypeError && !init?.signal?.aborted && (probing || !unreachable)) {
        unreachable = true;
        failedProbes += 1;
        nextProbeAt = now() + Math.min(policy.maxMs, policy.baseMs * 2 ** (failedProbes - 1));
      }
      throw error;
    }
  };

  const gated = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (!unreachable) return attempt(input, init, false);
    if (probe) {
      await probe; // rejects as the probe did: this request fails without reaching for the network
      return gated(input, init);
    }
    if (now() < nextProbeAt) throw unsent();
    const own = attempt(input, init, true);
    const outcome = own.then(() => undefined);
    probe = outcome;
    outcome.then(
      () => (probe = null),
      () => (probe = null),
    );
    return own;
  };
  return Object.assign(gated, {
    probeNow() {
      nextProbeAt = 0;
    },
  });
}
