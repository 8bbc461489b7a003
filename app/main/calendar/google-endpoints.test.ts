import { describe, expect, it } from 'vitest';
import { CalendarProviderError } from '../../../common/calendar/provider';
import { CalendarHost } from './calendar-host';
import { checkGoogleEndpoints, GOOGLE_API_ROOT } from './google-endpoints';
import { GOOGLE_AUTH_URL, GOOGLE_TOKEN_URL } from './google-sign-in';

const google = { provider: 'google', clientId: 'client', refreshToken: 'refresh', calendarId: 'primary' } as const;
const signIn = { provider: 'google-sign-in', clientId: 'client', calendarId: 'primary' } as const;

describe('the Google endpoints a connect request may name', () => {
  it("accepts Google's own endpoints, or none, in the desktop app", () => {
    expect(() => checkGoogleEndpoints(google, 'google-only')).not.toThrow();
    expect(() => checkGoogleEndpoints({ ...google, rootUrl: GOOGLE_API_ROOT, tokenUrl: GOOGLE_TOKEN_URL }, 'google-only')).not.toThrow();
    expect(() => checkGoogleEndpoints({ ...signIn, authUrl: GOOGLE_AUTH_URL, tokenUrl: GOOGLE_TOKEN_URL }, 'google-only')).not.toThrow();
  });

  it('refuses, naming the endpoint, a page that points the sign-in or the refresh token at another server', () => {
    expect(() => checkGoogleEndpoints({ ...signIn, tokenUrl: 'https://evil.example/token' }, 'google-only')).toThrow(/token URL must be https:\/\/oauth2\.googleapis\.com\/token .*evil\.example/);
    expect(() => checkGoogleEndpoints({ ...signIn, authUrl: 'https://evil.example/auth' }, 'google-only')).toThrow(/consent page/);
    expect(() => checkGoogleEndpoints({ ...google, rootUrl: 'http://127.0.0.1:9/' }, 'google-only')).toThrow(/API root/);
    expect(() => checkGoogleEndpoints({ ...google, tokenUrl: 'not a url' }, 'google-only')).toThrow(CalendarProviderError);
  });

  it('lets the browser host and tests use the local stand-in', () => {
    expect(() => checkGoogleEndpoints({ ...signIn, authUrl: 'http://127.0.0.1:9/o/oauth2/v2/auth', tokenUrl: 'http://127.0.0.1:9/token' }, 'any')).not.toThrow();
  });

  it('a desktop CalendarHost refuses such a request before it opens any browser or stores anything', async () => {
    const opened: string[] = [];
    const host = new CalendarHost(undefined, undefined, { openBrowser: async (url) => void opened.push(url), googleEndpoints: 'google-only' });
    await expect(host.connect({ ...signIn, tokenUrl: 'https://evil.example/token' })).rejects.toThrow(/token URL/);
    expect(opened).toEqual([]);
    expect(await host.call({ op: 'status' })).toEqual({ ok: true, value: { connected: false } });
  });
});
