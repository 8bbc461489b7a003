import type { SyncErrorCode } from '../../../../../common/sync/error-codes';

/** What the browser says when a request never reached a server (Chromium, Firefox, Safari, Node's fetch). */
const NETWORK_FAILURE = /failed to fetch|networkerror|load failed|fetch failed|network request failed|err_connection|econnrefused/i;

/**
 * The sync indicator's sentence for the last sync error: what happened and what to do, never a bare browser message
 * such as "Failed to fetch". `retryIn` is the seconds until the next automatic retry, when one is planned.
 */
export function syncProblemText(error: { code: SyncErrorCode; message: string }, retryIn: number | null): string {
  if (error.code === 'RATE001') return `Rate limited by the server (RATE001): retrying in ${retryIn ?? '?'} s`;
  if (NETWORK_FAILURE.test(error.message)) {
    return (
      `Cannot reach the sync server (${error.code}): this device is offline or the server is down. ` +
      `Your changes are kept on this device and sync when it is reachable again.${retryIn === null ? '' : ` Retrying in ${retryIn} s.`}`
    );
  }
  // The server's own refusal already says what and carries its code.
  return `${error.message}${retryIn !== null ? `; retrying in ${retryIn} s` : ''}`;
}
