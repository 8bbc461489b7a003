import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGoogleCalendarProvider } from './google-provider';
import { GOOGLE_CALENDAR_SCOPES, httpsOnly, signInWithGoogle, type GoogleSignInOptions } from './google-sign-in';
import { LocalGoogleCalendarServer } from './testing/google-calendar-server';

let google: LocalGoogleCalendarServer;
beforeEach(async () => {
  google = new LocalGoogleCalendarServer();
  await google.start();
});
afterEach(async () => {
  await google.stop();
});

interface Visit {
  consentUrl: URL;
  /** Where Google sent the browser back to (the loopback redirect), before any tampering. */
  redirect: URL;
  /** The loopback server's answer. */
  loopback: { status: number; body: string };
}

/**
 * Plays the CSM's browser: opens the consent page (the local server answers as if "Allow" was clicked), then follows
 * the redirect to Outpost's loopback listener. `tamper` may change the redirect first, as an attacker would.
 */
function browser(tamper: (redirect: URL) => URL | Promise<URL> = (r) => r) {
  let opened!: (visit: Promise<Visit>) => void;
  const firstVisit = new Promise<Promise<Visit>>((resolve) => (opened = resolve));
  const open = async (url: string) => {
    const visit = (async () => {
      const consent = await fetch(url, { redirect: 'manual' });
      const redirect = new URL(consent.headers.get('location') ?? 'about:blank');
      const answer = await fetch(await tamper(new URL(redirect)));
      return { consentUrl: new URL(url), redirect, loopback: { status: answer.status, body: await answer.text() } };
    })();
    opened(visit);
  };
  return { open, visit: async () => firstVisit.then((visit) => visit) };
}

function options(open: (url: string) => Promise<void>, extra: Partial<GoogleSignInOptions> = {}): GoogleSignInOptions {
  return { clientId: 'outpost-desktop.apps.googleusercontent.com', authUrl: `${google.url}/o/oauth2/v2/auth`, tokenUrl: `${google.url}/token`, openBrowser: open, timeoutMs: 10_000, ...extra };
}

describe('Google sign-in: loopback redirect with PKCE against the local OAuth endpoints', () => {
  it('opens the consent page with an S256 challenge and a state, takes the code on 127.0.0.1, and exchanges it with the verifier', async () => {
    const b = browser();
    const result = await signInWithGoogle(options(b.open));
    const { consentUrl, redirect, loopback } = await b.visit();

    const sent = Object.fromEntries(consentUrl.searchParams);
    expect(sent).toMatchObject({ response_type: 'code', access_type: 'offline', code_challenge_method: 'S256', client_id: 'outpost-desktop.apps.googleusercontent.com' });
    expect(sent['scope']?.split(' ')).toEqual(GOOGLE_CALENDAR_SCOPES);
    expect(sent['state']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The loopback listener: 127.0.0.1, a random port, closed once the sign-in is over.
    const redirectUri = new URL(sent['redirect_uri']!);
    expect(redirectUri.hostname).toBe('127.0.0.1');
    expect(Number(redirectUri.port)).toBeGreaterThan(0);
    expect(redirect.searchParams.get('state')).toBe(sent['state']);
    expect(loopback.status).toBe(200);
    await expect(fetch(redirectUri)).rejects.toThrow();

    // The verifier went only to the token endpoint, and it is the one the challenge was made from.
    expect(google.codeExchanges).toHaveLength(1);
    const verifier = google.codeExchanges[0]!.codeVerifier!;
    expect(consentUrl.toString()).not.toContain(verifier);
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(sent['code_challenge']);

    // The refresh token works for the calendar (the provider renews access tokens with it).
    expect(result.refreshToken).toMatch(/^1\/\/local-/);
    const calendar = createGoogleCalendarProvider({ clientId: 'outpost-desktop.apps.googleusercontent.com', refreshToken: result.refreshToken, calendarId: 'primary', rootUrl: google.url, tokenUrl: `${google.url}/token` });
    expect(await calendar.sync()).toMatchObject({ fullResync: true, events: [] });
  });

  it('an intercepted code is useless without the verifier: the token endpoint refuses a wrong or missing one', async () => {
    const attempts: { status: number; body: unknown }[] = [];
    // A program that catches the redirect before Outpost does tries the code with its own verifier, then with none.
    const b = browser(async (redirect) => {
      const steal = (verifier?: string) =>
        fetch(`${google.url}/token`, {
          method: 'POST',
          body: new URLSearchParams({ grant_type: 'authorization_code', code: redirect.searchParams.get('code') ?? '', client_id: 'outpost-desktop.apps.googleusercontent.com', redirect_uri: `${redirect.origin}${redirect.pathname}`, ...(verifier ? { code_verifier: verifier } : {}) }),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));
      attempts.push(await steal('x'.repeat(43)), await steal());
      return redirect;
    });
    await expect(signInWithGoogle(options(b.open))).resolves.toMatchObject({ refreshToken: expect.any(String) });
    expect(attempts).toEqual([
      { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid code verifier.' } },
      { status: 400, body: { error: 'invalid_grant', error_description: 'Missing code verifier.' } },
    ]);
    expect(google.codeExchanges.map((e) => e.accepted)).toEqual([false, false, true]);
  });

  it('a redirect with another state is refused, and no code is exchanged', async () => {
    const b = browser((redirect) => {
      redirect.searchParams.set('state', 'forged-state-from-another-page');
      return redirect;
    });
    await expect(signInWithGoogle(options(b.open))).rejects.toMatchObject({ code: 'auth', message: expect.stringContaining('state mismatch') });
    expect((await b.visit()).loopback).toMatchObject({ status: 400, body: expect.stringContaining('Sign-in refused') });
    expect(google.codeExchanges).toEqual([]);
    expect(google.requests.some((r) => r.path === '/token')).toBe(false);
  });

  it('a wrong verifier sent by the app is refused as an auth error (the server checks the S256 challenge)', async () => {
    const b = browser();
    const { OAuth2Client } = await import('google-auth-library');
    const original = OAuth2Client.prototype.generateCodeVerifierAsync;
    // The challenge sent is for one verifier, the exchange uses another: as if the pair were lost between the two steps.
    OAuth2Client.prototype.generateCodeVerifierAsync = async function (this: InstanceType<typeof OAuth2Client>) {
      const pair = await original.call(this);
      return { ...pair, codeVerifier: `${pair.codeVerifier.slice(0, -1)}${pair.codeVerifier.endsWith('A') ? 'B' : 'A'}` };
    };
    try {
      await expect(signInWithGoogle(options(b.open))).rejects.toMatchObject({ code: 'auth', message: expect.stringContaining('Invalid code verifier') });
    } finally {
      OAuth2Client.prototype.generateCodeVerifierAsync = original;
    }
    expect(google.codeExchanges).toEqual([expect.objectContaining({ accepted: false, error: 'Invalid code verifier.' })]);
  });

  it('the person denying access ends the sign-in with a clear message', async () => {
    google.consent = 'deny';
    const b = browser();
    await expect(signInWithGoogle(options(b.open))).rejects.toMatchObject({ code: 'auth', message: expect.stringContaining('not granted') });
    expect((await b.visit()).loopback.status).toBe(200);
  });

  it('gives up after the timeout and closes the loopback listener', async () => {
    let consent = '';
    await expect(signInWithGoogle(options(async (url) => void (consent = url), { timeoutMs: 50 }))).rejects.toMatchObject({ message: expect.stringContaining('timed out') });
    await expect(fetch(new URL(consent).searchParams.get('redirect_uri')!)).rejects.toThrow();
  });

  it('other requests to the loopback listener are not taken for the answer', async () => {
    let consent = '';
    const signedIn = signInWithGoogle(options(async (url) => void (consent = url)));
    await expect.poll(() => consent).not.toBe('');
    const redirectUri = new URL(new URL(consent).searchParams.get('redirect_uri')!);
    expect((await fetch(new URL('/favicon.ico', redirectUri))).status).toBe(404);
    expect((await fetch(redirectUri, { method: 'POST' })).status).toBe(404);
    const b = browser();
    await b.open(consent);
    await b.visit();
    await expect(signedIn).resolves.toMatchObject({ refreshToken: expect.any(String) });
  });
});

describe('httpsOnly: what may be opened in the browser', () => {
  it('opens https pages and refuses every other scheme', async () => {
    const opened: string[] = [];
    const open = httpsOnly(async (url) => void opened.push(url));
    await open('https://accounts.google.com/o/oauth2/v2/auth?client_id=x');
    await expect(open('http://accounts.google.com/o/oauth2/v2/auth')).rejects.toThrow(/only https/);
    await expect(open('file:///etc/passwd')).rejects.toThrow(/only https/);
    await expect(open('javascript:alert(1)')).rejects.toThrow(/only https/);
    await expect(open('not a url')).rejects.toThrow(/not a URL/);
    expect(opened).toEqual(['https://accounts.google.com/o/oauth2/v2/auth?client_id=x']);
  });
});
