import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RevenueEvent } from '../model';
import { addMonths, dayBefore, monthsBetween, previousQuarter, quarterOf } from './calendar';
import { cohortRetention } from './cohorts';
import { consoleMetrics, consoleMetricSteps, runToEnd, type ConsoleInput, type ConsoleMetrics, type ConsoleProgress } from './console-metrics';
import { TIME_RANGES } from './dashboard-config';
import { expansionAgainstTarget } from './expansion';
import { interventionInputsFrom } from './intervention-steps';
import { interventionSuccess } from './intervention-success';
import { mrrWaterfall } from './mrr-waterfall';
import { forecastVsActual, renewalForecast } from './renewal-forecast';
import { retention } from './retention';
import { scoreTrend } from './score-trend';
import { sliceAccounts } from './slices';
import { consoleBook } from './testing/console-book';
import { csmWorkload } from './workload';

/** The console's metrics as they were computed before the steps: each metric's function over the whole slice, once. */
function onePieceReference(input: ConsoleInput): ConsoleMetrics {
  const { accounts, histories, scores, range, today } = input;
  const waterfall = mrrWaterfall(histories, range.fromMonth, range.toMonth);
  const quarter = quarterOf(today);
  const last = previousQuarter(today);
  const ids = new Set(accounts.map((a) => a.id));
  const events = new Map<string, readonly RevenueEvent[]>();
  for (const [id, list] of input.eventsByAccount) if (ids.has(id)) events.set(id, list);
  const cohortFrom = addMonths(range.toMonth, -11) < range.fromMonth ? addMonths(range.toMonth, -11) : range.fromMonth;
  const inputs = input.executions.length ? interventionInputsFrom({ accounts, histories, scores, executions: input.executions, range }) : { steps: [], comparable: [] };
  return {
    retention: retention(histories, dayBefore(range.start), range.end),
    waterfall,
    cohorts: cohortRetention(histories, cohortFrom, range.toMonth),
    scoreTrend: scoreTrend(accounts, scores, monthsBetween(range.fromMonth, range.toMonth)),
    expansion: expansionAgainstTarget(waterfall.total, input.expansionTargetArr),
    workload: csmWorkload(accounts, input.touches, scores, range.start, range.end, today, input.tasks),
    interventions: interventionSuccess(inputs.steps, inputs.comparable),
    forecast: renewalForecast(accounts, scores, quarter.start, quarter.end),
    lastQuarter: forecastVsActual(events, scores, last.start, last.end),
  };
}

/** The book sliced to one tier (histories position for position), as the console gets a slice. */
function sliced(input: ConsoleInput, tier: string | null): ConsoleInput {
  if (tier === null) return input;
  const accounts = sliceAccounts(input.accounts, { tiers: [tier], ownerIds: [], regions: [], segmentId: null });
  const ids = new Set(accounts.map((a) => a.id));
  return { ...input, accounts, histories: input.histories.filter((h) => ids.has(h.accountId)) };
}

describe('the console metrics in steps', () => {
  it('give what each metric computed over the whole slice in one piece gives, for any step sizes, range and slice', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 30 }),
        fc.constantFrom(...TIME_RANGES),
        fc.constantFrom(null, 'Enterprise', 'Mid-Market', 'SMB'),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 60 }),
        (seed, size, range, tier, accountsPerStep, touchesPerStep) => {
          const input = sliced(consoleBook(seed, size, range), tier);
          const expected = onePieceReference(input);
          const steps = consoleMetricSteps(input, { accountsPerStep, touchesPerStep });
          const progress: ConsoleProgress[] = [];
          let next = steps.next();
          while (!next.done) {
            progress.push(next.value);
            next = steps.next();
          }
          expect(next.value).toEqual(expected);
          expect(consoleMetrics(input)).toEqual(expected);
          // One report per step, counting up to a total known from the start.
          const total = progress[0]!.total;
          expect(progress.map((p) => p.done)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
          expect(progress.every((p) => p.total === total)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('cuts a big book into many small steps, and keeps nothing between runs', () => {
    const input = consoleBook(7, 60);
    const steps = [...(function* () {
      const run = consoleMetricSteps(input, { accountsPerStep: 10, touchesPerStep: 100 });
      for (let next = run.next(); !next.done; next = run.next()) yield next.value;
    })()];
    // 6 chunks of positions, 4 single passes, the touches in chunks of 100, workload, the executions in chunks of 10,
    // 6 chunks of the comparable group, success, forecast, 6 chunks of events, their sum.
    expect(input.executions.length).toBeGreaterThan(10);
    expect(steps.length).toBe(6 + 4 + Math.ceil(input.touches.length / 100) + 1 + Math.ceil(input.executions.length / 10) + 6 + 1 + 1 + Math.ceil(input.eventsByAccount.size / 10) + 1);
    expect(runToEnd(consoleMetricSteps(input))).toEqual(runToEnd(consoleMetricSteps(input)));
  });

  it('a run stopped between steps leaves no trace: a new run of another book gives that book\'s figures', () => {
    const first = consoleBook(11, 25);
    const second = consoleBook(12, 25);
    const stopped = consoleMetricSteps(first, { accountsPerStep: 3, touchesPerStep: 20 });
    for (let i = 0; i < 10; i++) stopped.next();
    stopped.return(undefined as never);
    expect(runToEnd(consoleMetricSteps(second, { accountsPerStep: 3, touchesPerStep: 20 }))).toEqual(onePieceReference(second));
  });
});
