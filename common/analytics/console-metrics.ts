import type { Account, IsoDate, RevenueEvent } from '../model';
import type { ExecutionState } from '../playbooks/execution';
import type { ScoresByAccount } from './book-scores';
import { addMonths, dayBefore, monthsBetween, previousQuarter, quarterOf } from './calendar';
import { cohortRetention, type CohortRow } from './cohorts';
import { expansionAgainstTarget, type ExpansionAgainstTarget } from './expansion';
import { comparableAccounts, executionSteps } from './intervention-steps';
import { interventionSuccess, type ComparableAccount, type InterventionStep, type InterventionSuccess } from './intervention-success';
import type { MrrHistory } from './mrr-history';
import { mrrWaterfall, type MrrWaterfall } from './mrr-waterfall';
import { forecastVsActualOf, forecastVsActualRows, renewalForecast, type ForecastVsActual, type ForecastVsActualRow, type RenewalForecast } from './renewal-forecast';
import { retention, type Retention } from './retention';
import { scoreTrend, type ScoreTrendPoint } from './score-trend';
import type { DateRange } from './time-range';
import { countTouches, workloadRows, type CsmWorkload, type OpenTask, type Touch } from './workload';

export interface ConsoleInput {
  accounts: readonly Account[];
  /** Position for position with `accounts` (from MrrHistoryIndex). */
  histories: readonly MrrHistory[];
  eventsByAccount: ReadonlyMap<string, readonly RevenueEvent[]>;
  scores: ScoresByAccount;
  touches: readonly Touch[];
  tasks: readonly OpenTask[] | null;
  /** The book's playbook executions (any account: those on `accounts` are measured); intervention success reads them. */
  executions: readonly ExecutionState[];
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

/** How much of the book one step reads where a metric's pass over it is long (the book's touches, its revenue events). */
export interface ConsoleStepSizes {
  /** Accounts (or their revenue events, or playbook executions) per step of the passes over them. */
  accountsPerStep: number;
  /** Activity records per step of the workload's touch count. */
  touchesPerStep: number;
}

/** The steps the renderer runs one task at a time: each well under 10 ms of CPU on a 10,000-account book in Node. */
export const CONSOLE_STEP_SIZES: ConsoleStepSizes = { accountsPerStep: 2_500, touchesPerStep: 25_000 };

/** Every pass in one step each: `consoleMetrics`. */
const ONE_PIECE: ConsoleStepSizes = { accountsPerStep: Infinity, touchesPerStep: Infinity };

/** After each step: how many of the run's steps are done, of how many. */
export interface ConsoleProgress {
  done: number;
  total: number;
}

const NO_INTERVENTIONS: { steps: readonly InterventionStep[]; comparable: readonly ComparableAccount[] } = { steps: [], comparable: [] };

/** Steps of `size` over `n` items (one when the size is not finite; none for no items). */
function stepsOver(n: number, size: number): number {
  return n === 0 ? 0 : Math.ceil(n / Math.min(size, n));
}

/**
 * Every metric of the analytics console for the accounts given (already sliced), one step at a time: the generator
 * yields its progress after each step and returns the metrics, so a caller can run each step in its own task, and
 * stop between any two by not asking for the next. The steps read only `input` (a snapshot: a run is never a mix of
 * two books). Each metric's definition stays in its own module; the long passes (touches counted for the workload,
 * last quarter's outcomes read account by account) are cut into chunks whose results add up to the one-piece pass.
 */
export function* consoleMetricSteps(input: ConsoleInput, sizes: ConsoleStepSizes = CONSOLE_STEP_SIZES): Generator<ConsoleProgress, ConsoleMetrics, void> {
  const { accounts, histories, scores, range, today, touches } = input;
  const accountSize = Math.max(1, sizes.accountsPerStep);
  const touchSize = Math.max(1, sizes.touchesPerStep);
  const { executions } = input;
  const interventionSteps = executions.length ? stepsOver(executions.length, accountSize) + stepsOver(accounts.length, accountSize) + 1 : 1;
  const progress: ConsoleProgress = {
    done: 0,
    // Positions, then: waterfall, retention, cohorts, trend; touches, workload; interventions (executions, the
    // comparable group, success); forecast; last quarter's rows, its sum.
    total: stepsOver(accounts.length, accountSize) + 4 + stepsOver(touches.length, touchSize) + 1 + interventionSteps + 1 + stepsOver(input.eventsByAccount.size, accountSize) + 1,
  };
  const step = (): ConsoleProgress => {
    progress.done++;
    return { ...progress };
  };

  // Each account's position in the slice (the intervention inputs read its history; last quarter, whether it is in).
  const positions = new Map<string, number>();
  for (let from = 0; from < accounts.length; from += accountSize) {
    const to = Math.min(accounts.length, from + accountSize);
    for (let i = from; i < to; i++) positions.set(accounts[i]!.id, i);
    yield step();
  }

  const waterfall = mrrWaterfall(histories, range.fromMonth, range.toMonth);
  const expansion = expansionAgainstTarget(waterfall.total, input.expansionTargetArr);
  yield step();
  const kept = retention(histories, dayBefore(range.start), range.end);
  yield step();
  const cohortFrom = addMonths(range.toMonth, -11) < range.fromMonth ? addMonths(range.toMonth, -11) : range.fromMonth;
  const cohorts = cohortRetention(histories, cohortFrom, range.toMonth);
  yield step();
  const trend = scoreTrend(accounts, scores, monthsBetween(range.fromMonth, range.toMonth));
  yield step();

  const touchCounts = new Map<string, number>();
  for (let from = 0; from < touches.length; from += touchSize) {
    countTouches(touches, range.start, range.end, touchCounts, from, from + touchSize);
    yield step();
  }
  const workload = workloadRows(accounts, touchCounts, scores, today, input.tasks);
  yield step();

  let inputs = NO_INTERVENTIONS;
  if (executions.length) {
    const args = { accounts, histories, scores, executions, range };
    const touched = new Set<string>();
    const carriedOut: InterventionStep[] = [];
    for (let from = 0; from < executions.length; from += accountSize) {
      executionSteps(args, positions, touched, carriedOut, from, from + accountSize);
      yield step();
    }
    const comparable: ComparableAccount[] = [];
    for (let from = 0; from < accounts.length; from += accountSize) {
      comparableAccounts(args, touched, comparable, from, from + accountSize);
      yield step();
    }
    inputs = { steps: carriedOut, comparable };
  }
  const interventions = interventionSuccess(inputs.steps, inputs.comparable);
  yield step();

  const quarter = quarterOf(today);
  const forecast = renewalForecast(accounts, scores, quarter.start, quarter.end);
  yield step();

  // Last quarter's renewals against their forecast, over the slice's accounts, in the order of `eventsByAccount`.
  const last = previousQuarter(today);
  const rows: ForecastVsActualRow[] = [];
  const entries = input.eventsByAccount.entries();
  for (let from = 0; from < input.eventsByAccount.size; from += accountSize) {
    const chunk: [string, readonly RevenueEvent[]][] = [];
    for (let k = 0; k < accountSize; k++) {
      const next = entries.next();
      if (next.done) break;
      if (positions.has(next.value[0])) chunk.push(next.value);
    }
    forecastVsActualRows(chunk, scores, last.start, last.end, rows);
    yield step();
  }
  const lastQuarter = forecastVsActualOf(rows, last.start, last.end);
  yield step();

  return { retention: kept, waterfall, cohorts, scoreTrend: trend, expansion, workload, interventions, forecast, lastQuarter };
}

/** Runs a stepped computation to its end in the current task. */
export function runToEnd<R>(steps: Generator<unknown, R, void>): R {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Every metric of the analytics console for the accounts given (already sliced), in one piece. */
export function consoleMetrics(input: ConsoleInput): ConsoleMetrics {
  return runToEnd(consoleMetricSteps(input, ONE_PIECE));
}
