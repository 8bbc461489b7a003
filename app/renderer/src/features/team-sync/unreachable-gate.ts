/**
 * Once the sync server is unreachable (a request failed before any answer: connection refused, no network), the
 * eight replications and the live stream no longer each try it on their own retry: one request probes, the others
 * wait for its outcome and fail with it without a request of their own. A browser logs every refused connection to
 * the console ("net::ERR_CONNECTION_REFUSED"), so this is what keeps an offline session from printing a dozen errors
 * per retry cycle, and it spares the network too. The first answer of any kind reopens the gate for everyone.
 */
export function gateUnreachable(base: typeof fetch): typeof fetch {
  let unreachable = false;
  let probe: Promise<void> | null = null;

  const attempt = async (input: RequestInfo | URL, init: RequestInit | undefined): Promise<Response> => {
    try {
      const response = await base(input, init);
      unreachable = false;
      return response;
    } catch (error) {
      // fetch rejects with a TypeError when no answer came; an abort is ours and says nothing about the server.
      if (error instanceof TypeError && !init?.signal?.aborted) unreachable = true;
      throw error;
    }
  };

  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (!unreachable) return attempt(input, init);
    if (probe) {
      await probe; // rejects as the probe did: this request fails without reaching for the network
      return attempt(input, init);
    }
    const own = attempt(input, init);
    const outcome = own.then(() => undefined);
    probe = outcome;
    outcome.then(
      () => (probe = null),
      () => (probe = null),
    );
    return own;
  }) as typeof fetch;
}
