import type { CalendarConnectRequest } from '../../../common/bridge/channels';
import { CalendarProviderError } from '../../../common/calendar/provider';
import { GOOGLE_AUTH_URL, GOOGLE_TOKEN_URL } from './google-sign-in';

/** Where googleapis sends Calendar v3 calls when no root is given. */
export const GOOGLE_API_ROOT = 'https://www.googleapis.com/';

/**
 * Which Google endpoints a connect request may name. The page sends the API root, consent page and token URL so the
 * tests can point them at the local Calendar v3 stand-in; in the desktop app that would let a compromised page send
 * the CSM's authorization code and PKCE verifier, or their refresh token, to a server of its choosing. So the desktop
 * app accepts only Google's own endpoints ('google-only') unless it was started for tests; the browser host (a
 * development and test host) accepts any ('any').
 */
export type GoogleEndpointPolicy = 'google-only' | 'any';

function sameUrl(given: string, expected: string): boolean {
  try {
    return new URL(given).href === new URL(expected).href;
  } catch {
    return false;
  }
}

/** Throws a clear "invalid" error when the request names an endpoint the policy does not allow. */
export function checkGoogleEndpoints(request: CalendarConnectRequest | null, policy: GoogleEndpointPolicy): void {
  if (policy === 'any' || !request || (request.provider !== 'google' && request.provider !== 'google-sign-in')) return;
  const named: [string, string | undefined, string][] = [
    ['API root', request.rootUrl, GOOGLE_API_ROOT],
    ['token URL', request.tokenUrl, GOOGLE_TOKEN_URL],
    ['consent page', request.provider === 'google-sign-in' ? request.authUrl : undefined, GOOGLE_AUTH_URL],
  ];
  for (const [what, given, expected] of named) {
    if (given !== undefined && given !== '' && !sameUrl(given, expected)) {
      throw new CalendarProviderError('invalid', `Google's ${what} must be ${expected} in the desktop app (got ${given})`);
    }
  }
}
