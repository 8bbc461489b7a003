import type { SyncSession } from '../../../../common/bridge/contract';
import { refreshSession, SyncAuthError } from './sync-api';

/** Renew this long before the access token expires. */
export const REFRESH_MARGIN_MS = 60_000;

export interface TokenKeeper {
  /** A current access token, refreshed first when it is about to expire (one refresh at a time). */
  getAccessToken(): Promise<string>;
  /** Forces a refresh (after a 401) and returns the new token. */
  renew(): Promise<string>;
  session(): SyncSession;
  stop(): void;
}

export interface TokenKeeperOptions {
  /** Keeps each renewed session (through the bridge) so a restart does not need a new sign-in. */
  save(session: SyncSession): Promise<void>;
  /** Called once when the server ends the session (refresh refused). */
  onSessionEnded(error: SyncAuthError): void;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Keeps the access token fresh: a timer renews it before expiry, and every caller waits for a renewal in flight. */
export function createTokenKeeper(initial: SyncSession, options: TokenKeeperOptions): TokenKeeper {
  const now = options.now ?? Date.now;
  let current = initial;
  let renewing: Promise<SyncSession> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let ended = false;

  const schedule = () => {
    clearTimeout(timer);
    if (stopped) return;
    const wait = Math.max(1_000, current.accessExpiresAt - REFRESH_MARGIN_MS - now());
    timer = setTimeout(() => void renew().catch(() => undefined), wait);
  };

  const renew = (): Promise<string> => {
    renewing ??= refreshSession(current, { ...(options.fetch ? { fetch: options.fetch } : {}), now })
      .then(async (next) => {
        current = next;
        await options.save(next).catch(() => undefined);
        return next;
      })
      .catch((error: unknown) => {
        if (error instanceof SyncAuthError && error.kind === 'session-ended' && !ended) {
          ended = true;
          options.onSessionEnded(error);
        }
        throw error;
      })
      .finally(() => {
        renewing = null;
        schedule();
      });
    return renewing.then((session) => session.accessToken);
  };

  schedule();
  return {
    async getAccessToken() {
      if (renewing) return (await renewing).accessToken;
      if (current.accessExpiresAt - now() < REFRESH_MARGIN_MS / 2) return renew();
      return current.accessToken;
    },
    renew,
    session: () => current,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
