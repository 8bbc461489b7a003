import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import { CalendarProviderError } from '../../../common/calendar/provider';
import { providerError } from './google-provider';

/** Google's consent page and token endpoint; tests point both at the local stand-in. */
export const GOOGLE_AUTH_URL = 'https://accounts.google.com/o/oauth2/v2/auth';
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
/** Events and free/busy of the CSM's calendars: what the Google provider reads and writes. */
export const GOOGLE_CALENDAR_SCOPES = ['https://www.googleapis.com/auth/calendar.events', 'https://www.googleapis.com/auth/calendar.freebusy'];
const CALLBACK_PATH = '/oauth2/callback';

export interface GoogleSignInOptions {
  clientId: string;
  /** Google issues desktop clients a "secret" that is not secret; PKCE is what protects the code. Optional. */
  clientSecret?: string | undefined;
  authUrl?: string | undefined;
  tokenUrl?: string | undefined;
  /** Opens the consent page in the CSM's browser (Electron: shell.openExternal behind `httpsOnly`). */
  openBrowser: (url: string) => Promise<void>;
  /** How long to wait for the CSM to finish in the browser. */
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

export interface GoogleSignInResult {
  refreshToken: string;
  accessToken: string;
  /** Epoch ms, when Google said. */
  expiresAt?: number | undefined;
  scope?: string | undefined;
}

/** Refuses to open anything but an https page (a consent URL is never anything else; a file: or custom scheme could run code). */
export function httpsOnly(open: (url: string) => Promise<void>): (url: string) => Promise<void> {
  return async (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`Not opening "${url}": it is not a URL`);
    }
    if (parsed.protocol !== 'https:') throw new Error(`Not opening ${parsed.protocol}//${parsed.host}: only https consent pages are opened in the browser`);
    await open(parsed.toString());
  };
}

function sameSecret(a: string, b: string): boolean {
  const left = new Uint8Array(Buffer.from(a));
  const right = new Uint8Array(Buffer.from(b));
  return left.length === right.length && timingSafeEqual(left, right);
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><body style="font:16px system-ui;margin:3rem"><h1>${title}</h1><p>${body}</p></body></html>`;

/**
 * Google's "installed app" sign-in (RFC 8252, loopback redirect) with PKCE S256 (RFC 7636): a one-shot HTTP server on
 * 127.0.0.1 at a random port receives the redirect; the consent page opens in the CSM's own browser (never in an app
 * window, which Google refuses and which would see the password); the `state` we sent must come back unchanged; the
 * code is exchanged with the verifier only this process knows, so an app that intercepts the redirect cannot use it.
 * google-auth-library builds the consent URL, the verifier/challenge pair and the token request; the loopback
 * listener is written here because the library offers none.
 */
export async function signInWithGoogle(options: GoogleSignInOptions): Promise<GoogleSignInResult> {
  const state = randomBytes(32).toString('base64url');
  let settle!: { resolve: (code: string) => void; reject: (error: Error) => void };
  const codeArrived = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  // Awaited below; a refusal that comes first (timeout, cancel) must not count as unhandled meanwhile.
  codeArrived.catch(() => undefined);

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const answer = (status: number, title: string, body: string) =>
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' }).end(page(title, body));
    const returnedState = url.searchParams.get('state') ?? '';
    if (!sameSecret(returnedState, state)) {
      // Not the answer to our request (another page, a replay, a forged redirect): refuse it and stop the sign-in.
      answer(400, 'Sign-in refused', 'This answer does not belong to the sign-in Outpost started. Return to Outpost and try again.');
      settle.reject(new CalendarProviderError('auth', 'Google sign-in refused: the answer did not carry the state Outpost sent (state mismatch)'));
      return;
    }
    const error = url.searchParams.get('error');
    if (error) {
      answer(200, 'Sign-in cancelled', 'Outpost was not given access to your calendar. You can close this tab.');
      settle.reject(new CalendarProviderError('auth', error === 'access_denied' ? 'Google sign-in cancelled: access to the calendar was not granted' : `Google sign-in failed: ${error}`));
      return;
    }
    const code = url.searchParams.get('code');
    if (!code) {
      answer(400, 'Sign-in failed', 'Google sent no authorization code. Return to Outpost and try again.');
      settle.reject(new CalendarProviderError('auth', 'Google sign-in failed: the answer carried no authorization code'));
      return;
    }
    answer(200, 'Signed in', 'Outpost can now reach your calendar. You can close this tab and return to Outpost.');
    settle.resolve(code);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}${CALLBACK_PATH}`;
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  const timer = setTimeout(() => settle.reject(new CalendarProviderError('auth', `Google sign-in timed out after ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  const onAbort = () => settle.reject(new CalendarProviderError('auth', 'Google sign-in was cancelled'));
  options.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    const client = new OAuth2Client({
      clientId: options.clientId,
      redirectUri,
      ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
      endpoints: { oauth2AuthBaseUrl: options.authUrl ?? GOOGLE_AUTH_URL, oauth2TokenUrl: options.tokenUrl ?? GOOGLE_TOKEN_URL },
    });
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    const consentUrl = client.generateAuthUrl({
      access_type: 'offline',
      // "consent" makes Google hand out a refresh token again when the CSM connects a second time.
      prompt: 'consent',
      scope: GOOGLE_CALENDAR_SCOPES,
      state,
      code_challenge_method: CodeChallengeMethod.S256,
      ...(codeChallenge ? { code_challenge: codeChallenge } : {}),
    });
    if (options.signal?.aborted) throw new CalendarProviderError('auth', 'Google sign-in was cancelled');
    await options.openBrowser(consentUrl);
    const code = await codeArrived;
    let tokens;
    try {
      ({ tokens } = await client.getToken({ code, codeVerifier, redirect_uri: redirectUri }));
    } catch (error) {
      throw providerError(error);
    }
    if (!tokens.refresh_token || !tokens.access_token) {
      throw new CalendarProviderError('auth', 'Google signed in but gave no refresh token; remove Outpost under myaccount.google.com → Security → Third-party access and sign in again');
    }
    return {
      refreshToken: tokens.refresh_token,
      accessToken: tokens.access_token,
      ...(tokens.expiry_date ? { expiresAt: tokens.expiry_date } : {}),
      ...(tokens.scope ? { scope: tokens.scope } : {}),
    };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
