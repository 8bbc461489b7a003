import { useEffect } from 'react';
import type { ScoringEngine } from '../../../../../common/intelligence/scoring-engine';
import type { AlertFields } from '../../../../../common/intelligence/alert-rules';
import type { ModelVersionFiles } from '../../../../../common/intelligence/team-model';
import { computesForAccount } from '../../../../../common/sync/push-policy';
import { useDatabase } from '../../db/database-context';
import { useSyncSession } from '../../session/session-store';
import { getBridge } from '../../bridge/bridge';
import { useAccountsStore } from '../../stores/accounts-store';
import { bindAssessmentsStore, receiveEngineStatus, useAssessmentsStore } from '../../stores/assessments-store';
import { bookFilled } from '../../stores/book-fill-store';
import { reactionsFree } from '../../../../../common/db/write-hold';
import { currentTeamId } from './team-settings';
import { openWorkerScorer } from './worker-scorer';

/** Downloads a model version from the team's sync server, when signed in to one. */
function teamModelDownload(): ((version: string) => Promise<ModelVersionFiles | undefined>) | undefined {
  const session = useSyncSession.getState().session;
  if (!session) return undefined;
  return async (version) => {
    const { downloadModelVersion } = await import('../../../../../common/intelligence/team-model-transfer');
    return downloadModelVersion({ serverUrl: session.serverUrl, accessToken: () => useSyncSession.getState().session?.accessToken ?? '' }, version);
  };
}

/** Resolves once the browser is idle after the accounts grid has its data: scoring must not slow the cold start. */
function afterGridInteractive(): Promise<void> {
  return new Promise((resolve) => {
    const idle = () => {
      if ('requestIdleCallback' in window) window.requestIdleCallback(() => resolve(), { timeout: 1500 });
      else setTimeout(resolve, 200);
    };
    if (useAccountsStore.getState().loaded) idle();
    else {
      const unsubscribe = useAccountsStore.subscribe((s) => {
        if (s.loaded) {
          unsubscribe();
          idle();
        }
      });
    }
  });
}

function macrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Desktop notifications: one per alert for a few, one summary for many (e.g. the first scoring of a book). */
function notifyAlerts(alerts: readonly AlertFields[]): void {
  const bridge = getBridge();
  const critical = alerts.filter((a) => a.severity === 'critical');
  if (alerts.length <= 3) {
    for (const alert of alerts) void bridge.notify({ title: `${alert.accountName}: ${alert.title}`, body: alert.detail }).catch(() => undefined);
  } else {
    void bridge
      .notify({ title: `${alerts.length} new alerts`, body: `${critical.length} critical. Open the Alerts centre to review them.` })
      .catch(() => undefined);
  }
}

/**
 * Starts on-device scoring once the grid is interactive: binds the scores store, opens the models in a worker,
 * rescores the whole book, then rescores accounts as their data changes. Renders nothing.
 */
export function IntelligenceService() {
  const db = useDatabase();
  useEffect(() => {
    let cancelled = false;
    let engine: ScoringEngine | undefined;
    let unbind: (() => void) | undefined;
    let unwatch: (() => void) | undefined;
    void (async () => {
      await afterGridInteractive();
      // A first start's book is still filling behind the grid, or a team book's first sync still pulling (it holds
      // reactions: team-sync/TeamBookLoader.tsx): the first scores are computed from the whole history, once.
      await bookFilled();
      await reactionsFree(db);
      if (cancelled) return;
      // The engine (features, scorecard, explanations, alert rules) loads here, not with the first screen.
      const { ScoringEngine } = await import('../../../../../common/intelligence/scoring-engine');
      if (cancelled) return;
      unbind = bindAssessmentsStore(db);
      const teamId = await currentTeamId(db);
      const { teamModelArtifacts } = await import('../../../../../common/intelligence/team-model-artifacts');
      engine = new ScoringEngine(db, {
        // The team's promoted model when it has one on this device, else the shipped models.
        // On a team book a version this device lacks is downloaded from the team's sync server.
        openScorer: () => openWorkerScorer(async (shipped) => (await teamModelArtifacts(db, teamId, shipped, teamModelDownload())).artifacts),
        teamId,
        onStatus: (status) => receiveEngineStatus(status),
        onAlertsRaised: notifyAlerts,
        // For the benchmark (bench/import.bench.ts): each whole-book run's end, with its phases and digest rebuilds.
        onBookScored: (run) => performance.mark('outpost:book-run-scored', { detail: run }),
        yieldBetweenBatches: macrotask,
        // A batch's assembling and its write are each one task of the page's thread: 1,000 accounts made tasks of
        // 100-105 ms on the 2-core machine (docs/PERFORMANCE.md, "Rescoring the whole book with the page answering").
        batchSize: 500,
        scoresAccount: (account) => computesForAccount(useSyncSession.getState().session?.user ?? null, account),
      });
      useAssessmentsStore.setState({ engine });
      unwatch = engine.watch();
      await engine.scoreAll();
      // For the benchmark (bench/scoring-idb.bench.ts): the start-up run's own duration, phases and writes.
      const { lastRunMs, phases, total, written } = engine.getStatus();
      performance.mark('outpost:book-scored', { detail: { lastRunMs, phases, total, written } });
    })()
      .catch((error: unknown) => {
        useAssessmentsStore.setState((s) => ({ status: { ...s.status, message: error instanceof Error ? error.message : String(error) } }));
      })
      .finally(() => {
        if (!cancelled) useAssessmentsStore.setState({ startupScored: true });
      });
    return () => {
      cancelled = true;
      unwatch?.();
      unbind?.();
      void engine?.dispose();
      useAssessmentsStore.setState({ engine: null, startupScored: false });
    };
  }, [db]);
  return null;
}
