import { create } from 'zustand';
import type { OutpostDatabase } from '../../../../common/db/create-database';
import type { EngineStatus } from '../../../../common/intelligence/engine-options';
import type { ScoringEngine } from '../../../../common/intelligence/scoring-engine';
import type { RiskAssessment } from '../../../../common/model';
import { keepScoresView } from '../../../../common/model/assessment-scores';
import type { RxChangeEvent } from 'rxdb';
import { refreshCoalescer } from '../../../../common/db/refresh-coalescer';
import { raw } from '../../../../common/intelligence/engine-storage';
import { VIEW_REFRESH_INTERVAL_MS } from '../db/coalesced-query';
import { whenState } from './when-state';

interface AssessmentsState {
  /** Latest stored assessment per account id: a live view of the riskassessments collection (factors included). */
  byAccount: ReadonlyMap<string, RiskAssessment>;
  /**
   * The assessments as the book-wide views read them (scores and their history, not the factors): the same map until a
   * score of some account changes (common/model/assessment-scores.ts). Opening an account stores its exact factors;
   * keyed on this, the grid's sort keys, segment facts and the dashboard's and console's figures are not redone for
   * that. Read the factors from `byAccount`.
   */
  scores: ReadonlyMap<string, RiskAssessment>;
  /** Bumped when `scores` changes, so the grid recomputes its score columns. */
  revision: number;
  status: EngineStatus;
  /** When this window saw the current scoring run begin, and how far it was then (for its time left); null between runs. */
  runSeen: RunSeen | null;
  engine: ScoringEngine | null;
  /** The start-up scoring of the book has ended (scored, or failed): this window's scores are today's. */
  startupScored: boolean;
}

export interface RunSeen {
  /** When, and at how many done, this window first saw the run. */
  at: number;
  done: number;
  total: number;
  /** Done at its latest status: a status with fewer is another run. */
  latest: number;
}

/** The run `status` belongs to as seen at `now`: the one seen before, or a new one (it began, or restarted from fewer done). */
export function runSeenAt(previous: RunSeen | null, status: EngineStatus, now: number): RunSeen | null {
  if (status.state !== 'scoring') return null;
  if (previous && status.done >= previous.latest && status.total === previous.total) {
    return status.done === previous.latest ? previous : { ...previous, latest: status.done };
  }
  return { at: now, done: status.done, total: status.total, latest: status.done };
}

/** The engine's status into the store, with the run it belongs to. */
export function receiveEngineStatus(status: EngineStatus, now = Date.now()): void {
  useAssessmentsStore.setState((s) => ({ status, runSeen: runSeenAt(s.runSeen, status, now) }));
}

export const useAssessmentsStore = create<AssessmentsState>(() => ({
  byAccount: new Map(),
  scores: new Map(),
  revision: 0,
  status: { state: 'starting', done: 0, total: 0 },
  runSeen: null,
  engine: null,
  startupScored: false,
}));

/**
 * Resolves once the start-up scoring of the book has ended. The playbook engine starts after it: its triggers then
 * read today's scores, and its whole-book read of the book does not compete with the scoring run's for IndexedDB and
 * the page's thread (docs/PERFORMANCE.md, "Rescoring the whole book with the page answering").
 */
export function startupScored(): Promise<void> {
  return whenState(useAssessmentsStore, (state) => state.startupScored);
}

/**
 * Keeps the store bound to the riskassessments collection; returns the unsubscribe. The whole collection is read
 * once; after that only the documents written are applied (from the collection's change events, at most every
 * VIEW_REFRESH_INTERVAL_MS while a run keeps writing: common/db/refresh-coalescer.ts), so a rescore that writes a few
 * hundred assessments no longer has the view read all 10,000 back after each batch (an IndexedDB read of the same
 * store the engine is writing to, between its batches). Local documents (the feature digests) are not assessments.
 */
export function bindAssessmentsStore(db: OutpostDatabase): () => void {
  let closed = false;
  let loaded = false;
  let byAccount: ReadonlyMap<string, RiskAssessment> = new Map();
  let pending: RxChangeEvent<RiskAssessment>[] = [];
  const publish = () => {
    if (closed || !loaded || pending.length === 0) return;
    byAccount = withChanges(byAccount, pending);
    pending = [];
    showAssessments(byAccount);
  };
  const coalescer = refreshCoalescer({
    refresh: async () => publish(),
    onError: (error) => console.error('Outpost: updating the scores view failed', error),
    minIntervalMs: VIEW_REFRESH_INTERVAL_MS,
    now: () => performance.now(),
    schedule: (task, delayMs) => {
      const handle = setTimeout(task, delayMs);
      return () => clearTimeout(handle);
    },
  });
  // Subscribed before the first read: a write during it is applied after it (the same data again at worst).
  const changes = db.riskassessments.eventBulks$.subscribe((bulk) => {
    if (bulk.isLocal) return;
    for (const event of bulk.events) pending.push(event as RxChangeEvent<RiskAssessment>);
    coalescer.changed();
  });
  // Plain documents straight from the storage (no RxDocument per assessment).
  void raw(db.riskassessments)
    .then((docs) => {
      if (closed) return;
      const all = new Map<string, RiskAssessment>();
      for (const doc of docs) all.set(doc.accountId, doc);
      byAccount = all;
      loaded = true;
      showAssessments(byAccount);
      publish();
    })
    .catch((error: unknown) => console.error('Outpost: reading the scores failed', error));
  return () => {
    closed = true;
    changes.unsubscribe();
    coalescer.dispose();
  };
}

/** Stores the view; `scores` (and the revision) move only when some account's scores changed. */
function showAssessments(byAccount: ReadonlyMap<string, RiskAssessment>): void {
  useAssessmentsStore.setState((s) => {
    const scores = keepScoresView(s.scores, byAccount);
    return scores === s.scores ? { byAccount } : { byAccount, scores, revision: s.revision + 1 };
  });
}

/** `current` with the written assessments in and the deleted ones out (a new map: the store's readers compare it). */
export function withChanges(current: ReadonlyMap<string, RiskAssessment>, events: readonly RxChangeEvent<RiskAssessment>[]): ReadonlyMap<string, RiskAssessment> {
  const next = new Map(current);
  for (const event of events) {
    const doc = event.documentData as RiskAssessment & { _deleted?: boolean };
    if (event.operation === 'DELETE' || doc._deleted) next.delete((event.previousDocumentData ?? doc).accountId);
    else next.set(doc.accountId, doc);
  }
  return next;
}

/** The assessment of one account (live). */
export function useAssessment(accountId: string): RiskAssessment | undefined {
  return useAssessmentsStore((s) => s.byAccount.get(accountId));
}

/** Whether the predictions on screen are current: stale after PRED001, missing after ML001. */
export function predictionNotice(status: EngineStatus): string | null {
  if (status.state === 'stale') return `Predictions are stale: the models could not be loaded (${status.message ?? 'PRED001'}). Showing the last stored predictions.`;
  if (status.state === 'scorecard-only') return `Risk scoring failed (${status.message ?? 'ML001'}). Showing the health scorecard only.`;
  return null;
}
