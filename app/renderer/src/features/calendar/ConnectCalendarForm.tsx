import { useEffect, useRef, useState } from 'react';
import type { CalendarConnectRequest } from '../../../../../common/bridge/channels';
import { getBridge } from '../../bridge/bridge';
import { useDatabase } from '../../db/database-context';
import { runCalendarRound } from './calendar-runner';
import { useCalendarStore } from './calendar-store';

/**
 * Connect Google Calendar or a CalDAV calendar. Google: in the desktop app, "Sign in with Google" (the main process
 * opens Google's consent page in the browser, loopback redirect with PKCE, and keeps the refresh token); in the browser
 * host, which cannot run that sign-in, an OAuth client id and a refresh token. The API root and token URL are advanced
 * settings, there so a local stand-in can be used.
 */
export function ConnectCalendarForm() {
  const db = useDatabase();
  const [provider, setProvider] = useState<'google' | 'caldav'>('google');
  const [fields, setFields] = useState<Record<string, string>>({ calendarId: 'primary', rootUrl: 'https://www.googleapis.com/', tokenUrl: 'https://oauth2.googleapis.com/token' });
  const [error, setError] = useState('');
  const [desktop, setDesktop] = useState(false);
  const [googleAccess, setGoogleAccess] = useState<'sign-in' | 'token'>('token');
  const [busy, setBusy] = useState(false);
  // A new sign-in replaces one under way (the host cancels the first); only the latest attempt's answer is shown.
  const attempt = useRef(0);
  const signingIn = provider === 'google' && googleAccess === 'sign-in';
  useEffect(() => {
    let live = true;
    void getBridge()
      .appInfo()
      .then((info) => {
        if (!live || info.host !== 'electron') return;
        setDesktop(true);
        setGoogleAccess('sign-in');
      });
    return () => {
      live = false;
    };
  }, []);
  const field = (name: string, label: string, type = 'text') => (
    <>
      <label htmlFor={`cal-${name}`}>{label}</label>
      <input id={`cal-${name}`} type={type} value={fields[name] ?? ''} onChange={(e) => setFields({ ...fields, [name]: e.target.value })} autoComplete="off" />
    </>
  );

  async function connect() {
    setError('');
    const google = { clientId: fields['clientId'] ?? '', calendarId: fields['calendarId'] || 'primary', rootUrl: fields['rootUrl'] || undefined, tokenUrl: fields['tokenUrl'] || undefined };
    const request: CalendarConnectRequest =
      provider === 'caldav'
        ? { provider, calendarUrl: fields['calendarUrl'] ?? '', username: fields['username'] ?? '', password: fields['password'] ?? '' }
        : googleAccess === 'sign-in'
          ? { provider: 'google-sign-in', ...google }
          : { provider, ...google, refreshToken: fields['refreshToken'] ?? '' };
    setBusy(true);
    const mine = ++attempt.current;
    try {
      const status = await getBridge().calendarConnect(request);
      if (mine !== attempt.current) return;
      useCalendarStore.setState({ connection: status, error: null });
      await runCalendarRound(db);
    } catch (e) {
      if (mine === attempt.current) setError(e instanceof Error ? e.message : String(e));
    } finally {
      if (mine === attempt.current) setBusy(false);
    }
  }

  return (
    <form
      className="connect-form"
      aria-label="Connect a calendar"
      onSubmit={(e) => {
        e.preventDefault();
        void connect();
      }}
    >
      <label htmlFor="cal-provider">Calendar</label>
      <select id="cal-provider" value={provider} onChange={(e) => setProvider(e.target.value as 'google' | 'caldav')}>
        <option value="google">Google Calendar</option>
        <option value="caldav">CalDAV (Fastmail, iCloud, Nextcloud, …)</option>
      </select>
      {provider === 'google' ? (
        <>
          <label htmlFor="cal-google-access">Access</label>
          <select id="cal-google-access" value={googleAccess} onChange={(e) => setGoogleAccess(e.target.value as 'sign-in' | 'token')}>
            <option value="sign-in" disabled={!desktop}>
              Sign in with Google{desktop ? '' : ' (desktop app only)'}
            </option>
            <option value="token">Refresh token</option>
          </select>
          {field('clientId', 'OAuth client ID')}
          {googleAccess === 'token' && field('refreshToken', 'Refresh token', 'password')}
          {field('calendarId', 'Calendar ID')}
          {field('rootUrl', 'API root URL')}
          {field('tokenUrl', 'Token URL')}
        </>
      ) : (
        <>
          {field('calendarUrl', 'Calendar URL')}
          {field('username', 'User name')}
          {field('password', 'Password', 'password')}
        </>
      )}
      <span />
      <div>
        <button type="submit" className="primary" disabled={busy && !signingIn}>
          {signingIn ? (busy ? 'Sign in with Google again…' : 'Sign in with Google…') : 'Connect'}
        </button>
        {busy && signingIn && <span role="status"> Finish signing in in your browser (the page Outpost opened).</span>}
        {error && (
          <span role="alert" className="error">
            {' '}
            {error}
          </span>
        )}
      </div>
    </form>
  );
}
