import { useEffect, type ReactNode } from 'react';
import { BookLoader } from './BookLoader';
import { loadSyncSession, useSyncSession } from '../session/session-store';
import { TeamBookLoader } from '../features/team-sync/TeamBookLoader';

/** The device's own book when signed out (exactly as before team sync), the team replica when signed in. */
export function BookSwitch({ children }: { children: ReactNode }) {
  const { phase, session } = useSyncSession();
  useEffect(() => {
    void loadSyncSession();
  }, []);
  if (phase === 'loading') {
    return (
      <div className="page" aria-busy="true">
        <p className="muted">Opening your book…</p>
      </div>
    );
  }
  return session ? <TeamBookLoader session={session}>{children}</TeamBookLoader> : <BookLoader>{children}</BookLoader>;
}
