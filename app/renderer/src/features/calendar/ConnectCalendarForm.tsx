import { useState } from 'react';
import type { CalendarConnectRequest } from '../../../../../common/bridge/channels';
import { getBridge } from '../../bridge/bridge';
import { useDatabase } from '../../db/database-context';
import { runCalendarRound } from './calendar-runner';
import { useCalendarStore } from './calendar-store';

/**
 * Connect Google Calendar (OAuth client id and a refresh token; the desktop sign-in flow is not built yet) or a CalDAV
 * calendar. The API root and token URL are advanced settings, there so a local stand-in can be used.
 */
export function ConnectCalendarForm() {
  const db = useDatabase();
  const [provider, setProvider] = useState<'google' | 'caldav'>('google');
  const [fields, setFields] = useState<Record<string, string>>({ calendarId: 'primary', rootUrl: 'https://www.googleapis.com/', tokenUrl: 'https://oauth2.googleapis.com/token' });
  const [error, setError] = useState('');
  const field = (name: string, label: string, type = 'text') => (
    <>
      <label htmlFor={`cal-${name}`}>{label}</label>
      <input id={`cal-${name}`} type={type} value={fields[name] ?? ''} onChange={(e) => setFields({ ...fields, [name]: e.target.value })} autoComplete="off" />
    </>
  );

  async function connect() {
    setError('');
    const request: CalendarConnectRequest =
      provider === 'google'
        ? { provider, clientId: fields['clientId'] ?? '', refreshToken: fields['refreshToken'] ?? '', calendarId: fields['calendarId'] || 'primary', rootUrl: fields['rootUrl'] || undefined, tokenUrl: fields['tokenUrl'] || undefined }
        : { provider, calendarUrl: fields['calendarUrl'] ?? '', username: fields['username'] ?? '', password: fields['password'] ?? '' };
    try {
      const status = await getBridge().calendarConnect(request);
      useCalendarStore.setState({ connection: status, error: null });
      await runCalendarRound(db);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
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
          {field('clientId', 'OAuth client ID')}
          {field('refreshToken', 'Refresh token', 'password')}
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
        <button type="submit" className="primary">
          Connect
        </button>
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
