import { useEffect } from 'react';
import { useDatabase } from '../../db/database-context';
import { getBridge } from '../../bridge/bridge';
import { useSyncSession } from '../../session/session-store';
import { bookFilled } from '../../stores/book-fill-store';
import { startupScored } from '../../stores/assessments-store';
import { usePlaybookEngine } from './engine-store';

/** How often due steps and time-based triggers are looked at while the app is open. */
const TICK_MS = 60_000;

/**
 * Runs the playbook engine for the session: after the book is filled and scored at start-up, it follows the book's change streams and
 * ticks once a minute (and at once on start, which catches up everything due while the app was closed, in order).
 * Only the accounts the signed-in user owns are run on this device. Renders nothing.
 */
export function PlaybookEngineService() {
  const db = useDatabase();
  // Primitives, so a renewed access token (a new session object) does not restart the engine.
  const userId = useSyncSession((s) => s.session?.user.id ?? null);
  const role = useSyncSession((s) => s.session?.user.role ?? null);
  const teamId = useSyncSession((s) => s.session?.user.teamId ?? null);
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stop: (() => void) | undefined;
    void (async () => {
      await bookFilled();
      // After the start-up scoring: triggers read today's scores, and the two whole-book reads do not compete.
      await startupScored();
      if (cancelled) return;
      const { RxPlaybookEngine } = await import('../../../../../common/playbooks/rxdb-playbook-engine');
      if (cancelled) return;
      const engine = await RxPlaybookEngine.start({
        db,
        user: userId && role ? { id: userId, role, teamId } : null,
        now: () => new Date().toISOString(),
        notify: (title, body) => void getBridge().notify({ title, body }).catch(() => undefined),
        onError: (error) => usePlaybookEngine.setState({ lastError: error instanceof Error ? error.message : String(error) }),
      });
      if (cancelled) return engine.stop();
      stop = () => engine.stop();
      usePlaybookEngine.setState({ engine });
      await engine.tick();
      timer = setInterval(() => void engine.tick(), TICK_MS);
    })();
    return () => {
      cancelled = true;
      if (timer) clearInterval(timer);
      stop?.();
      usePlaybookEngine.setState({ engine: null });
    };
  }, [db, userId, role, teamId]);
  return null;
}
