import type { Account, IsoDate } from '../model';
import { annualRecurringRevenue, daysToRenewal } from '../model/derived-fields';
import type { ScoresByAccount } from './book-scores';
import { monthOf, quarterOf } from './calendar';
import type { DashboardConfig } from './dashboard-config';
import { expansionAgainstTarget, expansionPipeline, type ExpansionAgainstTarget, type ExpansionPipeline } from './expansion';
import { mrrWaterfall } from './mrr-waterfall';
import type { MrrHistory } from './mrr-history';
import { healthCounts, revenueAtRisk, riskDistribution, type RevenueAtRisk, type RiskBandRow } from './revenue-at-risk';

/** Days ahead the dashboard's "renewals due" KPI looks. */
export const RENEWALS_DUE_DAYS = 90;

export interface DashboardKpis {
  critical: number;
  criticalArr: number;
  warning: number;
  warningArr: number;
  revenueAtRisk: RevenueAtRisk;
  expansionPipeline: ExpansionPipeline;
  renewalsDue: number;
  renewalsDueArr: number;
  riskDistribution: RiskBandRow[];
}

/** The dashboard's KPIs that need only the accounts and their scores (shown before revenue history is read). */
export function dashboardKpis(accounts: readonly Account[], scores: ScoresByAccount, today: IsoDate): DashboardKpis {
  let renewalsDue = 0;
  let renewalsDueArr = 0;
  for (const account of accounts) {
    if (account.status !== 'active') continue;
    const days = daysToRenewal(account.renewalDate, today);
    if (days === null || days < 0 || days > RENEWALS_DUE_DAYS) continue;
    renewalsDue++;
    renewalsDueArr += annualRecurringRevenue(account.mrr);
  }
  return {
    ...healthCounts(accounts, scores),
    revenueAtRisk: revenueAtRisk(accounts, scores),
    expansionPipeline: expansionPipeline(accounts, scores),
    renewalsDue,
    renewalsDueArr,
    riskDistribution: riskDistribution(accounts, scores),
  };
}

export interface GoalProgress extends ExpansionAgainstTarget {
  quarterLabel: string;
}

/** The "% of goal" KPI: this quarter's expansion ARR against the configured quarterly target. */
export function goalProgress(histories: readonly MrrHistory[], config: DashboardConfig, today: IsoDate): GoalProgress {
  const q = quarterOf(today);
  const waterfall = mrrWaterfall(histories, monthOf(q.start), monthOf(today));
  return { quarterLabel: q.label, ...expansionAgainstTarget(waterfall.total, config.targets.quarterlyExpansionArr) };
}

export { consoleMetrics, type ConsoleInput, type ConsoleMetrics } from './console-metrics';
