/**
 * Error codes the sync server puts in every refusal (`{ error, code }`) and the client shows next to the message.
 * SYNC001 and RATE001 are the product's seed codes; the rest say what the person (or the app) can do about it.
 */
export const SYNC_ERROR_CODES = {
  SYNC001: 'Integration sync failure: the server failed or could not be reached',
  RATE001: 'Rate limited: too many requests, retrying after the time the server asked for',
  AUTH001: 'Not signed in, or the session token expired or is invalid',
  AUTH002: 'Email or password is wrong',
  AUTH003: 'A second-factor (authenticator app) code is required',
  AUTH004: 'The second-factor code is wrong or expired',
  AUTH005: 'The session ended; sign in again',
  AUTH006: 'The account is locked after too many failed sign-ins; an Admin can unlock it',
  AUTH007: 'The account is disabled',
  PERM001: 'Your role does not allow this',
  REQ001: 'The request is malformed',
  REQ002: 'The request is too large',
  REQ003: 'Not found',
  REQ004: 'Method not allowed',
  REQ005: 'Conflicts with existing data',
} as const;

export type SyncErrorCode = keyof typeof SYNC_ERROR_CODES;

/** The code for a status when the thrower did not name a more specific one. */
export function codeForStatus(status: number): SyncErrorCode {
  if (status === 401) return 'AUTH001';
  if (status === 403) return 'PERM001';
  if (status === 404) return 'REQ003';
  if (status === 405) return 'REQ004';
  if (status === 409) return 'REQ005';
  if (status === 413) return 'REQ002';
  if (status === 429) return 'RATE001';
  if (status >= 400 && status < 500) return 'REQ001';
  return 'SYNC001';
}

export function isSyncErrorCode(value: unknown): value is SyncErrorCode {
  return typeof value === 'string' && Object.hasOwn(SYNC_ERROR_CODES, value);
}

/** The body of every refusal. */
export interface SyncErrorBody {
  error: string;
  code: SyncErrorCode;
}
