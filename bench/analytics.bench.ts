/**
 * Analytics figures (Node, the code the renderer runs): every dashboard and console metric for a whole book — the MRR
 * histories, dashboard KPIs, goal progress and every console metric for the last 12 months — computed cold (histories
 * built from scratch) and after one account is edited (the history index rebuilds that account only). The book is a
 * 10,000-account demo book generated in memory, with synthetic risk assessments (a seeded churn probability, expansion
 * propensity and a monthly score history per account); no storage is involved (the app reads the history from
 * IndexedDB once per session, in batches with progress, before these run). The reference is one plain pass over the
 * same revenue events in the same run: the floor for anything that reads the history.
 */
import { consoleMetrics, dashboardKpis, goalProgress } from '../common/analytics/book-analytics';
import { consoleMetricSteps } from '../common/analytics/console-metrics';
import type { AccountScores } from '../common/analytics/book-scores';
import { DEFAULT_DASHBOARD_CONFIG } from '../common/analytics/dashboard-config';
import { groupEventsByAccount, MrrHistoryIndex } from '../common/analytics/mrr-history-index';
import { resolveTimeRange } from '../common/analytics/time-range';
import { TOUCH_TYPES, type Touch } from '../common/analytics/workload';
import { generateDemoBook } from '../common/demo/generate-demo-book';
import type { Account, RevenueEvent } from '../common/model';
import { createRandom } from '../common/random/seeded-random';
import { median, round, type Figure } from './figure';
import { spread } from './spread';

const AS_OF = '2026-06-30';

export function benchAnalytics(accountCount: number, runs = 7): Figure[] {
  const accounts: Account[] = [];
  const events: RevenueEvent[] = [];
  const touches: Touch[] = [];
  for (const bundle of generateDemoBook({ seed: 42, accounts: accountCount, asOf: AS_OF })) {
    accounts.push(bundle.account);
    events.push(...bundle.revenue);
    for (const a of bundle.activities) if (TOUCH_TYPES.has(a.type)) touches.push({ accountId: a.accountId, type: a.type, occurredAt: a.occurredAt });
  }
  const random = createRandom(7);
  const scores = new Map<string, AccountScores>();
  for (const account of accounts) {
    const p = random() ** 2;
    const history = Array.from({ length: 12 }, (_, m) => ({ date: `${m < 6 ? 2025 : 2026}-${String(((m + 6) % 12) + 1).padStart(2, '0')}-28`, health: Math.round(100 * (1 - p) * (0.8 + random() * 0.2)), risk: Math.round(100 * p), expansion: null }));
    scores.set(account.id, { churnProbability: p, expansion: Math.round(random() * 100), healthBand: p > 0.6 ? 'red' : p > 0.3 ? 'yellow' : 'green', history });
  }
  const grouped = groupEventsByAccount(events);
  const range = resolveTimeRange('last-12-months', AS_OF);
  const config = { ...DEFAULT_DASHBOARD_CONFIG, targets: { quarterlyExpansionArr: 1_000_000 } };
  const index = new MrrHistoryIndex();

  const everything = (book: readonly Account[]) => {
    const histories = index.update(book, grouped, AS_OF);
    dashboardKpis(book, scores, AS_OF);
    goalProgress(histories, config, AS_OF);
    return consoleMetrics({
      accounts: book, histories, eventsByAccount: grouped, scores, touches, tasks: null,
      executions: [], range, today: AS_OF, expansionTargetArr: config.targets.quarterlyExpansionArr,
    });
  };
  // Wall time, and the process's CPU time beside it: on a shared, loaded machine the wall time includes waiting for a core.
  const cpu: { cold: number[]; edited: number[] } = { cold: [], edited: [] };
  let cpuLast = 0;
  const time = (fn: () => unknown) => {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    fn();
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpuStart);
    cpuLast = (used.user + used.system) / 1000;
    return wall;
  };

  everything(accounts); // warm the JIT once
  const cold: number[] = [];
  for (let r = 0; r < runs; r++) {
    index.update([], grouped, AS_OF); // forget every history
    cold.push(time(() => everything(accounts)));
    cpu.cold.push(cpuLast);
  }
  const edited: number[] = [];
  let book = accounts;
  for (let r = 0; r < runs; r++) {
    const i = (r * 997) % book.length;
    book = book.map((a, j) => (j === i ? { ...a, mrr: a.mrr + 1 } : a));
    everything(book); // settle: the index now holds `book`
    const next = book.map((a, j) => (j === i ? { ...a, mrr: a.mrr + 1 } : a));
    edited.push(time(() => everything(next)));
    cpu.edited.push(cpuLast);
    book = next;
  }
  // The console's metrics as the renderer runs them, a step per task at most: the longest step is the longest task
  // the computation can make (the renderer runs steps up to a 10 ms budget, then gives the main thread back).
  const longestStep: number[] = [];
  let stepCount = 0;
  const stepInput = {
    accounts, histories: index.update(accounts, grouped, AS_OF), eventsByAccount: grouped, scores, touches, tasks: null,
    executions: [], range, today: AS_OF, expansionTargetArr: config.targets.quarterlyExpansionArr,
  };
  for (let r = 0; r < runs; r++) {
    const steps = consoleMetricSteps(stepInput);
    let longest = 0;
    stepCount = 0;
    for (;;) {
      const start = performance.now();
      const next = steps.next();
      longest = Math.max(longest, performance.now() - start);
      if (next.done) break;
      stepCount++;
    }
    longestStep.push(longest);
  }
  const reference: number[] = [];
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    reference.push(
      time(() => {
        for (const e of events) sink += e.mrrAfter;
      }),
    );
  }
  if (sink === -1) console.log(sink);
  const n = accountCount.toLocaleString('en-US');
  const where = 'in memory, Node';
  return [
    { name: `analytics: book of ${n} accounts, revenue events`, value: events.length, unit: 'events' },
    ...spread(`analytics: all dashboard and console metrics, ${n} accounts, cold (${where})`, cold, 'ms'),
    ...spread(`analytics: all metrics, ${n} accounts, cold: process CPU time`, cpu.cold, 'ms'),
    ...spread(`analytics: all metrics after one account edit, ${n} accounts (incremental, ${where})`, edited, 'ms'),
    ...spread(`analytics: all metrics after one account edit, ${n} accounts: process CPU time`, cpu.edited, 'ms'),
    ...spread(`analytics: console metrics in ${stepCount} steps, ${n} accounts: the longest step (wall, ${where})`, longestStep, 'ms', 2),
    ...spread(`analytics: reference, one pass over the ${events.length.toLocaleString('en-US')} revenue events (${where})`, reference, 'ms', 2),
    { name: 'analytics: cold metrics / reference pass (medians)', value: round(median(cold) / median(reference), 0), unit: 'x' },
  ];
}
