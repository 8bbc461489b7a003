import { useEffect, useState, type ReactNode } from 'react';
import type { SyncSession } from '../../../../../common/bridge/contract';
import type { OutpostDatabase } from '../../../../../common/db/create-database';
import { DatabaseContext } from '../../db/database-context';
import { getBridge } from '../../bridge/bridge';
import { bindAccountsStore } from '../../stores/accounts-store';
import { holdReactions } from '../../../../../common/db/write-hold';
import { syncStatus } from './sync-status-store';
import { openTeamBook, setActiveTokens } from './team-book';
import { startTeamReplication } from './team-replication';
import { createTokenKeeper } from '../../session/token-keeper';
import { catchUpReplications, registerCatchUp } from '../../../../../common/sync/replica-catch-up';

/**
 * Opens the signed-in user's replica of the team book and keeps it replicating live. The UI opens at once on what
 * the replica holds, so working offline is the same as working online.
 */
export function TeamBookLoader({ session, children }: { session: SyncSession; children: ReactNode }) {
  const [db, setDb] = useState<OutpostDatabase | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let stop: (() => Promise<void>) | undefined;
    (async () => {
      const opened = await openTeamBook(session);
      if (stopped) return;
      const unbind = bindAccountsStore(opened);
      const bridge = getBridge();
      let replication: ReturnType<typeof startTeamReplication> | undefined;
      const tokens = createTokenKeeper(session, {
        save: (next) => bridge.saveSyncSession(next),
        onSessionEnded: (error) => {
          // Nothing will be accepted until the person signs in again; stop asking. The replica keeps every change.
          syncStatus.set({ sessionEnded: `${error.message} in Settings → Team sync. Your changes stay on this device.` });
          void replication?.stop();
        },
      });
      setActiveTokens(tokens);
      syncStatus.set({ mode: 'team', serverUrl: session.serverUrl });
      replication = startTeamReplication({
        db: opened,
        serverUrl: session.serverUrl,
        user: session.user,
        tokens,
        status: syncStatus,
        events: window,
      });
      // How the playbook engine catches the replica up before it runs an account that arrived by sync (a
      // re-assignment): that account's executions replicate on their own (common/playbooks/arrival-hold.ts).
      const started = replication;
      const unregisterCatchUp = registerCatchUp(opened, () => catchUpReplications(started.states));
      // The first sync writes the book chunk after chunk: watchers that react to every write (the scoring engine's
      // per-account rescoring, one query per account and source) wait and react once at its end
      // (common/db/write-hold.ts). A device that is offline does not wait for it: its edits are scored as they come.
      const release = holdReactions(opened);
      const offline = replication.tracker.status$.subscribe((current) => {
        // 'offline' before the first answer is only "not yet reached"; after a failed request it is offline.
        if (current.phase === 'offline' && current.lastError) release();
      });
      const firstSyncOver = () => {
        release();
        offline.unsubscribe();
      };
      // Every collection has pulled what the server had when the book opened (the first-sync benchmark's mark).
      replication.initialSync().then(
        () => {
          performance.mark('outpost:team-synced');
          firstSyncOver();
        },
        firstSyncOver,
      );
      stop = async () => {
        firstSyncOver();
        unregisterCatchUp();
        unbind();
        setActiveTokens(null);
        tokens.stop();
        await replication?.stop();
      };
      setDb(opened);
    })().catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
    return () => {
      stopped = true;
      void stop?.();
    };
  }, [session]);

  if (failure) {
    return (
      <div className="page" role="alert">
        <h1>Outpost could not open your team book</h1>
        <p className="error-text">{failure}</p>
        <p className="muted">Nothing was changed. Reload the window; if it persists, sign out in Settings and report this message.</p>
      </div>
    );
  }
  if (!db) {
    return (
      <div className="page" aria-busy="true">
        <p className="muted">Opening your team book…</p>
      </div>
    );
  }
  return <DatabaseContext.Provider value={db}>{children}</DatabaseContext.Provider>;
}
