import { create } from 'zustand';
import type { OutpostDatabase } from '../../../../common/db/create-database';
import type { EngineStatus, ScoringEngine } from '../../../../common/intelligence/scoring-engine';
import type { RiskAssessment } from '../../../../common/model';
import { keepScoresView } from '../../../../common/model/assessment-scores';
import { subscribeCoalesced } from '../db/coalesced-query';

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
  engine: ScoringEngine | null;
}

export const useAssessmentsStore = create<AssessmentsState>(() => ({
  byAccount: new Map(),
  scores: new Map(),
  revision: 0,
  status: { state: 'starting', done: 0, total: 0 },
  engine: null,
}));

/**
 * Keeps the store bound to the live riskassessments query, refreshed at most every 250 ms while a whole book is being
 * scored or synced (db/coalesced-query.ts); returns the unsubscribe.
 */
export function bindAssessmentsStore(db: OutpostDatabase): () => void {
  return subscribeCoalesced(db.riskassessments, () => db.riskassessments.find(), (docs) => {
    const byAccount = new Map<string, RiskAssessment>();
    for (const doc of docs) byAccount.set(doc.accountId, doc._data as unknown as RiskAssessment);
    useAssessmentsStore.setState((s) => {
      const scores = keepScoresView(s.scores, byAccount);
      return scores === s.scores ? { byAccount } : { byAccount, scores, revision: s.revision + 1 };
    });
  });
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
