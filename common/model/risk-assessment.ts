import type { IsoDate, IsoDateTime, SyncFields } from './sync-fields';

export const HEALTH_BANDS = ['red', 'yellow', 'green', 'none'] as const;
export type StoredHealthBand = (typeof HEALTH_BANDS)[number];

/** One reason behind a model score, in points on the 0-100 scale (+ raises it). */
export interface StoredFactor {
  feature: string;
  value: number | null;
  points: number;
  text: string;
}

/** An account's scores from `date` on, until the next point (change points), for the history chart and the "health dropped N points in M days" rule. */
export interface ScorePoint {
  date: IsoDate;
  health: number | null;
  risk: number | null;
  expansion: number | null;
}

/**
 * The latest scores of one account plus their history (change points). Id = the account id (one document per account, so the
 * grid joins it by id and sync merges it per field). Written by the on-device scoring engine.
 */
export interface RiskAssessment extends SyncFields {
  accountId: string;
  /**
   * When these scores were stored: the scorecard (and, if `predictedAt` equals it, the models) ran then, and every
   * run since gave the same (an unchanged assessment is not rewritten, not even on a new day).
   */
  scoredAt: IsoDateTime;
  health: number | null;
  healthBand: StoredHealthBand;
  /** Scorecard measures 0-100 (null = no data), e.g. usage 45, adoption 62, support 88. */
  measures: { id: string; score: number | null }[];
  /** Churn probability 0-1 from the churn model; null until a model has scored the account. */
  churnProbability: number | null;
  /** 0-100 = round(100 × churn probability). */
  risk: number | null;
  /** Expansion propensity 0-100. */
  expansion: number | null;
  riskFactors: StoredFactor[];
  expansionFactors: StoredFactor[];
  /** Versions of the models behind risk / expansion, e.g. "churn-2026-06-30-s7 · expansion-2026-06-30-s7". */
  modelVersion: string;
  /** When the models last produced risk / expansion (older than scoredAt when they could not run: ML001). */
  predictedAt: IsoDateTime | null;
  /**
   * Change points, oldest first: a point on each day the health, risk or expansion changed, each holding until the next
   * one (or now). At most 366 points. Readers take the last point on or before a date as that date's scores.
   */
  history: ScorePoint[];
  /**
   * 'not-enough-recent-data': the account's data is older than the feature windows, so the models gave no score
   * (risk, expansion and churnProbability are null) rather than a confident one. Absent when the data is recent.
   */
  dataState?: 'not-enough-recent-data';
}
