import { useState, type FormEvent } from 'react';
import { SyncAuthError } from '../../session/sync-api';
import { signInToTeam, signOutOfTeam, useSyncSession } from '../../session/session-store';
import { useSyncStatus } from './sync-status-store';

export const ROLE_LABELS = { admin: 'Admin', 'cs-manager': 'CS Manager', 'cs-rep': 'CS Rep', viewer: 'Viewer' } as const;

/** Settings → Team sync: connect this device to the team's sync server, or go back to the device's own book. */
export function TeamSyncSection() {
  const session = useSyncSession((state) => state.session);
  const sessionEnded = useSyncStatus((state) => state.sessionEnded);
  return (
    <section className="settings-section" aria-labelledby="team-sync-title">
      <h2 id="team-sync-title">Team sync</h2>
      {session ? <SignedIn /> : <SignInForm />}
      {session && sessionEnded && (
        <>
          <p className="error-text">The server ended this session. Sign in again to resume syncing; nothing on this device is lost.</p>
          <SignInForm defaults={{ serverUrl: session.serverUrl, email: session.user.email }} />
        </>
      )}
    </section>
  );
}

function SignedIn() {
  const session = useSyncSession((state) => state.session)!;
  const pending = useSyncStatus((state) => state.status.pendingChanges);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const signOut = async () => {
    setBusy(true);
    setError(null);
    try {
      await signOutOfTeam();
    } catch (e) {
      setBusy(false);
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div data-testid="team-sync-signed-in">
      <p>
        Signed in to <strong>{session.serverUrl}</strong> as <strong>{session.user.name}</strong> ({session.user.email}),{' '}
        role <strong>{ROLE_LABELS[session.user.role]}</strong>. You are working on this device's replica of the team book; it
        syncs whenever the server can be reached.
      </p>
      {pending > 0 && (
        <p className="muted">
          {pending} local {pending === 1 ? 'change has' : 'changes have'} not reached the server yet. They stay in this device's
          replica and are sent the next time you sign in.
        </p>
      )}
      <button type="button" onClick={() => void signOut()} disabled={busy}>
        {busy ? 'Signing out…' : 'Sign out and return to the local book'}
      </button>
      {error && (
        <p className="error-text" role="alert">
          Sign-out failed: {error}
        </p>
      )}
    </div>
  );
}

function SignInForm({ defaults }: { defaults?: { serverUrl: string; email: string } }) {
  const [serverUrl, setServerUrl] = useState(defaults?.serverUrl ?? '');
  const [email, setEmail] = useState(defaults?.email ?? '');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsTotp, setNeedsTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signInToTeam({ serverUrl, email, password, ...(needsTotp && totp ? { totp } : {}) });
    } catch (e) {
      setBusy(false);
      if (e instanceof SyncAuthError && e.kind === 'totp-required') {
        setNeedsTotp(true);
        setError('Enter the 6-digit code from your authenticator app.');
      } else if (e instanceof SyncAuthError && e.kind === 'totp-wrong') {
        setTotp('');
        setError(e.message);
      } else {
        setError(e instanceof Error ? e.message : String(e));
      }
    }
  };

  return (
    <form className="team-sync-form" onSubmit={(event) => void submit(event)} aria-describedby="team-sync-help">
      <p id="team-sync-help" className="muted">
        Connect to the sync server your team lead runs. While signed in you work on a separate replica of the team book;
        this device's own book stays as it is and is never sent to the server.
      </p>
      <label>
        Server URL
        <input type="text" inputMode="url" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} placeholder="https://sync.example.com" required autoComplete="url" />
      </label>
      <label>
        Email
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="username" />
      </label>
      <label>
        Password
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="current-password" />
      </label>
      {needsTotp && (
        <label>
          Authentication code
          <input
            value={totp}
            onChange={(e) => setTotp(e.target.value)}
            inputMode="numeric"
            pattern="[0-9]{6}"
            maxLength={6}
            autoComplete="one-time-code"
            required
            autoFocus
          />
        </label>
      )}
      <div>
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
