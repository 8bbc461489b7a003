import type { Account, IsoDate, RevenueEvent } from '../model';
import { annualRecurringRevenue, daysToRenewal } from '../model/derived-fields';
import type { ScoresByAccount } from './book-scores';
import { addMonths, dayBefore, monthOf, monthsBetween, previousQuarter, quarterOf } from './calendar';
import { cohortRetention, type CohortRow } from './cohorts';
import type { DashboardConfig } from './dashboard-config';
import { expansionAgainstTarget, expansionPipeline, type ExpansionAgainstTarget, type ExpansionPipeline } from './expansion';
import { interventionSuccess, type ComparableAccount, type InterventionStep, type InterventionSuccess } from './intervention-success';
import { mrrWaterfall, type MrrWaterfall } from './mrr-waterfall';
import type { MrrHistory } from './mrr-history';
import { retention, type Retention } from './retention';
import { forecastVsActual, renewalForecast, type ForecastVsActual, type RenewalForecast } from './renewal-forecast';
import { healthCounts, revenueAtRisk, riskDistribution, type RevenueAtRisk, type RiskBandRow } from './revenue-at-risk';
import { scoreTrend, type ScoreTrendPoint } from './score-trend';
import { csmWorkload, type CsmWorkload, type OpenTask, type Touch } from './workload';
import type { DateRange } from './time-range';

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

export interface ConsoleInput {
  accounts: readonly Account[];
  /** Position for position with `accounts` (from MrrHistoryIndex). */
  histories: readonly MrrHistory[];
  eventsByAccount: ReadonlyMap<string, readonly RevenueEvent[]>;
  scores: ScoresByAccount;
  touches: readonly Touch[];
  tasks: readonly OpenTask[] | null;
  interventions: { steps: readonly InterventionStep[]; comparable: readonly ComparableAccount[] };
  range: DateRange;
  today: IsoDate;
  /** Expansion target (ARR) for the range; null when none is set. */
  expansionTargetArr: number | null;
}

export interface ConsoleMetrics {
  retention: Retention;
  waterfall: MrrWaterfall;
  cohorts: CohortRow[];
  scoreTrend: ScoreTrendPoint[];
  expansion: ExpansionAgainstTarget;
  workload: CsmWorkload[];
  interventions: InterventionSuccess;
  forecast: RenewalForecast;
  lastQuarter: ForecastVsActual;
}

/** Every metric of the analytics console for the accounts given (already sliced). */
export function consoleMetrics(input: ConsoleInput): ConsoleMetrics {
  const { accounts, histories, scores, range, today } = input;
  const waterfall = mrrWaterfall(histories, range.fromMonth, range.toMonth);
  const quarter = quarterOf(today);
  const last = previousQuarter(today);
  const ids = new Set(accounts.map((a) => a.id));
  const events = new Map<string, readonly RevenueEvent[]>();
  for (const [id, list] of input.eventsByAccount) if (ids.has(id)) events.set(id, list);
  const cohortFrom = addMonths(range.toMonth, -11) < range.fromMonth ? addMonths(range.toMonth, -11) : range.fromMonth;
  return {
    retention: retention(histories, dayBefore(range.start), range.end),
    waterfall,
    cohorts: cohortRetention(histories, cohortFrom, range.toMonth),
    scoreTrend: scoreTrend(accounts, scores, monthsBetween(range.fromMonth, range.toMonth)),
    expansion: expansionAgainstTarget(waterfall.total, input.expansionTargetArr),
    workload: csmWorkload(accounts, input.touches, scores, range.start, range.end, today, input.tasks),
    interventions: interventionSuccess(input.interventions.steps, input.interventions.comparable),
    forecast: renewalForecast(accounts, scores, quarter.start, quarter.end),
    lastQuarter: forecastVsActual(events, scores, last.start, last.end),
  };
}
