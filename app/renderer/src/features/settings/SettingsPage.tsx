import { useEffect, useState } from 'react';
import { useThemeStore, type Theme } from '../../stores/theme-store';
import { useDatabase } from '../../db/database-context';
import { getBridge } from '../../bridge/bridge';
import type { AppInfo } from '../../../../../common/bridge/channels';
import { useSyncSession } from '../../session/session-store';
import { TeamSyncSection } from '../team-sync/TeamSyncSection';
import './settings-page.css';

const THEMES: readonly { value: Theme; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function SettingsPage() {
  const { theme, setTheme } = useThemeStore();
  const signedIn = useSyncSession((state) => state.session !== null);
  return (
    <div className="page settings-page">
      <h1>Settings</h1>
      <section className="settings-section" aria-labelledby="appearance-title">
        <h2 id="appearance-title">Appearance</h2>
        <fieldset className="theme-choice">
          <legend>Theme</legend>
          {THEMES.map((option) => (
            <label key={option.value}>
              <input
                type="radio"
                name="theme"
                value={option.value}
                checked={theme === option.value}
                onChange={() => setTheme(option.value)}
              />
              {option.label}
            </label>
          ))}
        </fieldset>
      </section>
      <TeamSyncSection />
      <AboutSection />
      {!signedIn && <ResetDemoBook />}
    </div>
  );
}

function AboutSection() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    getBridge()
      .appInfo()
      .then((value) => !cancelled && setInfo(value))
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, []);

  return (
    <section className="settings-section" aria-labelledby="about-title" data-testid="about">
      <h2 id="about-title">About</h2>
      {error && <p className="error-text">Could not read the app information: {error}</p>}
      {info ? (
        <dl className="about-list">
          <dt>Name</dt>
          <dd>{info.name}</dd>
          <dt>Version</dt>
          <dd>{info.version}</dd>
          <dt>Host</dt>
          <dd>
            {info.host === 'electron' ? 'Desktop app (Electron)' : 'Browser'} · {info.platform}
          </dd>
        </dl>
      ) : (
        !error && <p className="muted">Loading…</p>
      )}
    </section>
  );
}

function ResetDemoBook() {
  const db = useDatabase();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reset = async () => {
    setBusy(true);
    setError(null);
    try {
      await db.remove();
      window.location.reload();
    } catch (e) {
      setBusy(false);
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="settings-section danger-zone" aria-labelledby="reset-title">
      <h2 id="reset-title">Reset demo book</h2>
      <p>
        Deletes the local book on this device and starts again with a freshly generated demo book.{' '}
        <strong>All local changes are lost</strong>: notes, edits, imported accounts and saved grid views.
      </p>
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)}>
          Reset demo book…
        </button>
      ) : (
        <div role="alertdialog" aria-labelledby="reset-confirm-text" className="reset-confirm">
          <p id="reset-confirm-text" className="error-text">
            Really delete everything in the local book and re-seed the demo? This cannot be undone.
          </p>
          <button type="button" className="danger" disabled={busy} onClick={() => void reset()}>
            {busy ? 'Resetting…' : 'Yes, delete and reset'}
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => setConfirming(false)} autoFocus>
            Cancel
          </button>
        </div>
      )}
      {error && (
        <p className="error-text" role="alert">
          Reset failed: {error}. Close other Outpost windows and try again.
        </p>
      )}
    </section>
  );
}
