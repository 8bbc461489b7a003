import type { Account } from '../model';
import { annualRecurringRevenue } from '../model/derived-fields';
import type { ScoresByAccount } from './book-scores';

export interface RevenueAtRisk {
  /** Σ ARR × churn probability over active, scored accounts. */
  weightedArr: number;
  /** ARR of the active accounts the sum covers. */
  scoredArr: number;
  scoredAccounts: number;
  /** Active accounts without a churn probability yet: not in the sum, shown beside it. */
  unscoredAccounts: number;
  unscoredArr: number;
}

/** Probability-weighted revenue at risk: Σ over active accounts of 12 × MRR × P(churn). docs/METRICS.md. */
export function revenueAtRisk(accounts: readonly Account[], scores: ScoresByAccount): RevenueAtRisk {
  const result: RevenueAtRisk = { weightedArr: 0, scoredArr: 0, scoredAccounts: 0, unscoredAccounts: 0, unscoredArr: 0 };
  for (const account of accounts) {
    if (account.status !== 'active') continue;
    const arr = annualRecurringRevenue(account.mrr);
    const p = scores.get(account.id)?.churnProbability;
    if (p === null || p === undefined) {
      result.unscoredAccounts++;
      result.unscoredArr += arr;
      continue;
    }
    result.scoredAccounts++;
    result.scoredArr += arr;
    result.weightedArr += arr * p;
  }
  return result;
}

/** Churn-probability bands of the risk-distribution chart, lower bound inclusive. */
export const RISK_BANDS = [
  { id: 'low', label: 'Low (< 20%)', from: 0, to: 0.2 },
  { id: 'moderate', label: 'Moderate (20–40%)', from: 0.2, to: 0.4 },
  { id: 'elevated', label: 'Elevated (40–60%)', from: 0.4, to: 0.6 },
  { id: 'high', label: 'High (60–80%)', from: 0.6, to: 0.8 },
  { id: 'severe', label: 'Severe (≥ 80%)', from: 0.8, to: Infinity },
] as const;
export type RiskBandId = (typeof RISK_BANDS)[number]['id'];

export interface RiskBandRow {
  id: RiskBandId | 'unscored';
  label: string;
  accounts: number;
  arr: number;
}

/** Active accounts and their ARR per churn-probability band, plus the unscored ones. */
export function riskDistribution(accounts: readonly Account[], scores: ScoresByAccount): RiskBandRow[] {
  const rows: RiskBandRow[] = RISK_BANDS.map((band) => ({ id: band.id, label: band.label, accounts: 0, arr: 0 }));
  const unscored: RiskBandRow = { id: 'unscored', label: 'Not scored yet', accounts: 0, arr: 0 };
  for (const account of accounts) {
    if (account.status !== 'active') continue;
    const p = scores.get(account.id)?.churnProbability;
    const row = p === null || p === undefined ? unscored : rows[RISK_BANDS.findIndex((band) => p < band.to)]!;
    row.accounts++;
    row.arr += annualRecurringRevenue(account.mrr);
  }
  return [...rows, unscored];
}

/** Critical (red health) and warning (yellow health) active accounts, with their ARR. */
export function healthCounts(accounts: readonly Account[], scores: ScoresByAccount): { critical: number; criticalArr: number; warning: number; warningArr: number } {
  const counts = { critical: 0, criticalArr: 0, warning: 0, warningArr: 0 };
  for (const account of accounts) {
    if (account.status !== 'active') continue;
    const band = scores.get(account.id)?.healthBand;
    if (band === 'red') {
      counts.critical++;
      counts.criticalArr += annualRecurringRevenue(account.mrr);
    } else if (band === 'yellow') {
      counts.warning++;
      counts.warningArr += annualRecurringRevenue(account.mrr);
    }
  }
  return counts;
}
