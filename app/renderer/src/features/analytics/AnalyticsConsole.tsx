import { memo, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { Link } from 'wouter';
import type { ConsoleMetrics } from '../../../../../common/analytics/console-metrics';
import type { CohortRow } from '../../../../../common/analytics/cohorts';
import { TIME_RANGES } from '../../../../../common/analytics/dashboard-config';
import type { MonthMovements } from '../../../../../common/analytics/mrr-waterfall';
import { INTERVENTION_IMPACT_CAVEAT, type InterventionSuccessRow } from '../../../../../common/analytics/intervention-success';
import type { CsmWorkload } from '../../../../../common/analytics/workload';
import type { ForecastRollup, ForecastVsActualRow, RenewalForecastRow } from '../../../../../common/analytics/renewal-forecast';
import type { ScoreTrendPoint } from '../../../../../common/analytics/score-trend';
import type { Slice } from '../../../../../common/analytics/slices';
import { resolveTimeRange, type DateRange } from '../../../../../common/analytics/time-range';
import { todayIsoDate } from '../../../../../common/model/derived-fields';
import type { Account } from '../../../../../common/model';
import { formatCount, formatIsoDate, formatPercent, formatUsd, formatUsdCompact, humanize } from '../../../../../common/format/format';
import { useAccountsStore } from '../../stores/accounts-store';
import { useAssessmentsStore } from '../../stores/assessments-store';
import { useAnalyticsData } from './analytics-data-store';
import { ChartPanel } from './ChartPanel';
import { cohortOption, expansionOption, forecastOption, scoreTrendOption, waterfallOption, workloadOption } from './chart-options';
import { useExecutionsForConsole } from './console-executions';
import { ConsoleMetricsRunner, type ConsoleRequest } from './console-metrics-runner';
import { ForecastCallSelect } from './ForecastCallSelect';
import { HistoryProgress } from './HistoryProgress';
import { KpiCard } from './KpiCard';
import { MetricTable, type MetricColumn } from './MetricTable';
import { usePrintMode } from './print-mode';
import { useSlicedBook } from './use-book-analytics';
import { useChartColors } from './use-chart-colors';

/**
 * The console's metrics for the session, kept per book version (the inputs' identities), slice, range and target
 * (every preset range of two slices): opening the console again, or going to a range computed ahead, shows them at
 * once. A range not kept is computed a few steps per task, with progress, stopped when something else is asked for.
 */
const runner = new ConsoleMetricsRunner({ keep: 2 * TIME_RANGES.length });

type ConsoleBook = Omit<ConsoleRequest['input'], 'range' | 'today' | 'expansionTargetArr' | 'tasks'>;

function requestFor(book: ConsoleBook, range: DateRange, today: string, expansionTargetArr: number | null): ConsoleRequest {
  const { accounts, histories, eventsByAccount, scores, touches, executions } = book;
  return {
    key: [accounts, histories, eventsByAccount, scores, touches, executions, range.start, range.end, range.label, today, expansionTargetArr],
    input: { ...book, tasks: null, range, today, expansionTargetArr },
  };
}

const usd = (n: number | null) => (n === null ? '—' : formatUsd(Math.round(n)));

export const GRR_FORMULA = 'GRR = Σ min(MRR at end, MRR at start) ÷ Σ MRR at start, over the accounts paying at the start of the range (expansion not counted, churn and contraction counted).';
export const NRR_FORMULA = 'NRR = Σ MRR at end ÷ Σ MRR at start, over the same accounts (expansion counted; accounts new in the range left out).';
export const LOGO_FORMULA = 'Logo retention = accounts of that cohort still paying at the end ÷ accounts paying at the start.';

/** Every metric of the analytics console for the slice and range; in the print layout, charts as SVG and all tables open. */
export function AnalyticsConsole(props: { range: DateRange; slice: Slice; expansionTargetArr: number | null }) {
  const { range, slice, expansionTargetArr } = props;
  const printing = usePrintMode();
  const { accounts, histories } = useSlicedBook(slice);
  const scores = useAssessmentsStore((s) => s.scores);
  const { eventsByAccount, touches } = useAnalyticsData();
  const executions = useExecutionsForConsole();
  const today = todayIsoDate();
  const book = useMemo<ConsoleBook | null>(
    () => (histories && executions ? { accounts, histories, eventsByAccount, scores, touches, executions } : null),
    [accounts, histories, eventsByAccount, scores, touches, executions],
  );
  const request = useMemo(() => (book ? requestFor(book, range, today, expansionTargetArr) : null), [book, range, today, expansionTargetArr]);
  const kept = useSyncExternalStore(runner.subscribe, () => (request ? runner.result(request.key) : undefined));
  // The print layout prints once its content is there: it computes in one piece what is not kept.
  const metrics = printing && request ? runner.computeNow(request) : kept;
  // The figures of the last range, slice or book version stay on screen, marked as updating, until the new ones are in.
  const shown = useRef<ConsoleMetrics | undefined>(undefined);
  if (metrics) shown.current = metrics;

  useEffect(() => {
    if (request && !metrics) void runner.request(request);
  }, [request, metrics]);
  useEffect(() => () => runner.stop(), []);
  // Once the figures asked for have painted: the other preset ranges for this slice, ahead, in idle time.
  useEffect(() => {
    if (!book || !metrics || printing) return;
    const frame = requestAnimationFrame(() => runner.computeAhead(TIME_RANGES.map((r) => requestFor(book, resolveTimeRange(r, today), today, expansionTargetArr))));
    return () => cancelAnimationFrame(frame);
  }, [book, metrics, printing, today, expansionTargetArr]);

  if (!histories) return <HistoryProgress />;
  const displayed = metrics ?? shown.current;
  if (!displayed) return <UpdatingStatus label={range.label} request={request} first />;
  const updating = displayed !== metrics;
  return (
    <div className={updating ? 'analytics-console updating' : 'analytics-console'} data-testid="analytics-console" aria-busy={updating}>
      {updating && <UpdatingStatus label={range.label} request={request} />}
      <ConsoleFigures metrics={displayed} printing={printing} />
    </div>
  );
}

/** "Updating for <range>…" with the run's progress (its own subscription: a step's progress renders this line only). */
function UpdatingStatus({ label, request, first = false }: { label: string; request: ConsoleRequest | null; first?: boolean }) {
  const progress = useSyncExternalStore(runner.subscribe, () => (request ? runner.progress(request.key) : null));
  return (
    <p className={first ? 'analytics-progress muted' : 'analytics-updating muted'} role="status" data-testid="console-progress">
      <span>{first ? `Computing the console for ${label}…` : `Updating for ${label}…`}</span>
      <progress value={progress?.done ?? 0} max={progress?.total ?? 1} aria-label={`Computing ${label}`} />
    </p>
  );
}

/** The console's figures; the same metrics render nothing again (a progress step or the updating line leaves them be). */
const ConsoleFigures = memo(function ConsoleFigures({ metrics, printing }: { metrics: ConsoleMetrics; printing: boolean }) {
  const colors = useChartColors();
  const byId = useAccountsStore((s) => s.accounts);
  const accountById = useMemo(() => new Map(byId.map((a) => [a.id, a])), [byId]);
  const r = metrics.retention;
  const cohortMonths = Math.max(0, ...metrics.cohorts.map((c) => c.logoRetention.length));

  return (
    <>
      <section className="kpi-grid" aria-label="Retention">
        <KpiCard label="Gross revenue retention" value={formatPercent(r.grossRevenueRetention)} detail={`${formatUsdCompact(r.retainedMrr)} of ${formatUsdCompact(r.openingMrr)} MRR kept`} testId="kpi-grr" />
        <KpiCard label="Net revenue retention" value={formatPercent(r.netRevenueRetention)} detail={`${formatUsdCompact(r.closingCohortMrr)} MRR at the end`} testId="kpi-nrr" />
        <KpiCard label="Logo retention" value={formatPercent(r.logoRetention)} detail={`${formatCount(r.retainedLogos)} of ${formatCount(r.startingLogos)} accounts`} testId="kpi-logo" />
        <KpiCard
          label="Expansion ARR"
          value={formatUsdCompact(metrics.expansion.expansionArr)}
          exact={formatUsd(metrics.expansion.expansionArr)}
          detail={metrics.expansion.percentOfTarget === null ? 'No target set' : `${formatPercent(metrics.expansion.percentOfTarget, 0)} of ${formatUsdCompact(metrics.expansion.targetArr ?? 0)} target`}
          testId="kpi-expansion"
        />
      </section>
      <section className="analytics-panel" aria-labelledby="retention-formulas-title">
        <h2 id="retention-formulas-title">How retention is computed</h2>
        <ul className="analytics-formula muted" data-testid="retention-formulas">
          <li>{GRR_FORMULA}</li>
          <li>{NRR_FORMULA}</li>
          <li>{LOGO_FORMULA}</li>
          <li>
            Start = the close of {formatIsoDate(r.start)}; end = the close of {formatIsoDate(r.end)}. Definitions: docs/METRICS.md.
          </li>
        </ul>
      </section>

      <div className="analytics-panels">
        <ChartPanel
          id="waterfall"
          title="MRR movements"
          formula="Opening + new + reactivation + expansion − contraction − churn = closing; each month compares every account's MRR at the close of the month before with the close of the month."
          option={waterfallOption(metrics.waterfall.total, colors)}
          summary={`opening ${usd(metrics.waterfall.total.opening)}, new ${usd(metrics.waterfall.total.new)}, reactivation ${usd(metrics.waterfall.total.reactivation)}, expansion ${usd(metrics.waterfall.total.expansion)}, contraction ${usd(metrics.waterfall.total.contraction)}, churn ${usd(metrics.waterfall.total.churn)}, closing ${usd(metrics.waterfall.total.closing)}`}
          table={<MetricTable caption="MRR movements by month" columns={waterfallColumns} rows={metrics.waterfall.months} rowKey={(m) => m.month} fileName="mrr-movements" testId="table-waterfall" />}
        />
        <ChartPanel
          id="cohorts"
          title="Cohort retention by start month"
          formula="Accounts grouped by the month they first paid; each later month, the share still paying at its close."
          option={cohortOption(metrics.cohorts, colors)}
          summary={`${metrics.cohorts.length} cohorts`}
          table={<MetricTable caption="Logo retention by cohort and months since start" columns={cohortColumns(cohortMonths)} rows={metrics.cohorts} rowKey={(c) => c.cohort} fileName="cohort-retention" testId="table-cohorts" />}
        />
        <ChartPanel
          id="trend"
          title="Health and risk trend"
          formula="Monthly mean of each active account's last health score and churn risk (0-100) in the month, from the daily score history."
          option={scoreTrendOption(metrics.scoreTrend, colors)}
          summary={metrics.scoreTrend.map((p) => `${p.month}: health ${p.meanHealth?.toFixed(1) ?? '—'}, risk ${p.meanRisk?.toFixed(1) ?? '—'}`).join('; ')}
          table={<MetricTable caption="Mean health and risk by month" columns={trendColumns} rows={metrics.scoreTrend} rowKey={(p) => p.month} fileName="health-risk-trend" testId="table-trend" />}
        />
        <ChartPanel
          id="expansion"
          title="Expansion revenue against target"
          formula="Expansion ARR = 12 × the expansion MRR of the range's waterfall; % of target = expansion ARR ÷ the target the manager set."
          option={expansionOption(metrics.expansion.expansionArr, metrics.expansion.targetArr, colors)}
          summary={`${usd(metrics.expansion.expansionArr)} expansion ARR against ${metrics.expansion.targetArr === null ? 'no target' : usd(metrics.expansion.targetArr)}`}
          table={
            <MetricTable
              caption="Expansion against target"
              columns={[
                { header: 'Expansion ARR', value: (e) => e.expansionArr, display: (e) => usd(e.expansionArr), num: true },
                { header: 'Target ARR', value: (e) => e.targetArr, display: (e) => usd(e.targetArr), num: true },
                { header: '% of target', value: (e) => e.percentOfTarget, display: (e) => formatPercent(e.percentOfTarget), num: true },
              ]}
              rows={[metrics.expansion]}
              rowKey={() => 'expansion'}
              fileName="expansion-vs-target"
            />
          }
        />
        <ChartPanel
          id="workload"
          title="CSM workload and coverage"
          formula="Per CSM: active accounts, touches (emails, calls, meetings, QBRs) per account in the range, and coverage = accounts touched at least once ÷ accounts."
          option={workloadOption(metrics.workload, colors)}
          summary={metrics.workload.map((w) => `${w.ownerName}: ${w.accounts} accounts, ${w.touchesPerAccount.toFixed(1)} touches per account`).join('; ')}
          table={<MetricTable caption="CSM workload" columns={workloadColumns} rows={metrics.workload} rowKey={(w) => w.ownerId} fileName="csm-workload" testId="table-workload" />}
        />
      </div>

      <section className="analytics-panel" aria-labelledby="interventions-title" data-testid="panel-interventions">
        <h2 id="interventions-title">Intervention success</h2>
        <p className="analytics-formula muted">
          Playbook runs started in the range (cancelled ones left out); each step carried out counts once with its run&apos;s outcome: saved, renewed or expanded = success; churned, no effect or failed = failure; still running or awaiting its revenue outcome = pending. Revenue impact = the runs&apos; ARR change minus what the same tier and risk band without a playbook lost or gained over the range, rate for rate.
        </p>
        <p className="analytics-formula muted">{INTERVENTION_IMPACT_CAVEAT}</p>
        {metrics.interventions.byPlaybook.length === 0 ? (
          <p className="muted">No playbook ran on these accounts in this range.</p>
        ) : (
          <>
            <MetricTable caption="By playbook" columns={interventionColumns('Playbook')} rows={metrics.interventions.byPlaybook} rowKey={(row) => row.key} fileName="interventions-by-playbook" testId="table-interventions-playbook" />
            <MetricTable caption="By step type" columns={interventionColumns('Step type')} rows={metrics.interventions.byStepType} rowKey={(row) => row.key} fileName="interventions-by-step" testId="table-interventions-step" />
          </>
        )}
      </section>

      <div className="analytics-panels">
        <ChartPanel
          id="forecast"
          title={`Renewal forecast: ${metrics.forecast.start.slice(0, 4)} Q${Math.floor(Number(metrics.forecast.start.slice(5, 7)) / 3) + 1}`}
          formula="Expected ARR = Σ ARR × (1 − churn probability) from the calibrated churn model; the model calls commit below 25 %, best case below 50 %, at risk above. Best case includes commit."
          option={forecastOption(metrics.forecast.byCsm, colors)}
          summary={`team: ${metrics.forecast.team.renewals} renewals, ${usd(metrics.forecast.team.arr)} ARR, ${usd(metrics.forecast.team.expectedArr)} expected`}
          table={<MetricTable caption="Forecast by CSM and team" columns={rollupColumns} rows={[...metrics.forecast.byCsm, metrics.forecast.team]} rowKey={(f) => f.ownerId || 'team'} fileName="renewal-forecast-by-csm" testId="table-forecast-rollup" />}
        />
      </div>
      <section className="analytics-panel" aria-labelledby="renewals-title">
        <h2 id="renewals-title">This quarter&apos;s renewals: the model&apos;s call and the CSM&apos;s</h2>
        <MetricTable
          caption="Renewals this quarter"
          columns={renewalColumns((id) => accountById.get(id), printing)}
          rows={metrics.forecast.rows}
          rowKey={(row) => row.accountId}
          fileName="renewals-this-quarter"
          testId="table-renewals"
        />
      </section>
      <section className="analytics-panel" aria-labelledby="last-quarter-title">
        <h2 id="last-quarter-title">Last quarter: forecast against what happened</h2>
        <p className="analytics-formula muted" data-testid="last-quarter-summary">
          {metrics.lastQuarter.rows.length === 0
            ? 'No renewal outcomes were recorded last quarter.'
            : `Forecast ${usd(metrics.lastQuarter.forecastArr)}, actual ${usd(metrics.lastQuarter.actualArrForecasted)} (${metrics.lastQuarter.error === null ? 'no forecast on record' : `${metrics.lastQuarter.error >= 0 ? '+' : ''}${formatPercent(metrics.lastQuarter.error)}`}) over the renewals the model had scored on the quarter's first day; ${metrics.lastQuarter.unforecast} renewals had no score on record then (${usd(metrics.lastQuarter.unforecastActualArr)} actual ARR).`}
        </p>
        <MetricTable caption="Last quarter's renewals" columns={lastQuarterColumns((id) => accountById.get(id)?.name ?? id)} rows={metrics.lastQuarter.rows} rowKey={(row, i) => `${row.accountId}:${i}`} fileName="forecast-vs-actual" />
      </section>
    </>
  );
});

const pct = (v: number | null) => formatPercent(v);

const waterfallColumns: MetricColumn<MonthMovements>[] = [
  { header: 'Month', value: (m) => m.month },
  { header: 'Opening MRR', value: (m) => m.opening, display: (m) => usd(m.opening), num: true },
  { header: 'New', value: (m) => m.new, display: (m) => usd(m.new), num: true },
  { header: 'Reactivation', value: (m) => m.reactivation, display: (m) => usd(m.reactivation), num: true },
  { header: 'Expansion', value: (m) => m.expansion, display: (m) => usd(m.expansion), num: true },
  { header: 'Contraction', value: (m) => (m.contraction ? -m.contraction : 0), display: (m) => usd(m.contraction ? -m.contraction : 0), num: true },
  { header: 'Churn', value: (m) => (m.churn ? -m.churn : 0), display: (m) => usd(m.churn ? -m.churn : 0), num: true },
  { header: 'Closing MRR', value: (m) => m.closing, display: (m) => usd(m.closing), num: true },
];

function cohortColumns(months: number): MetricColumn<CohortRow>[] {
  return [
    { header: 'Cohort', value: (c) => c.cohort },
    { header: 'Accounts', value: (c) => c.accounts, num: true },
    { header: 'Starting MRR', value: (c) => c.startingMrr, display: (c) => usd(c.startingMrr), num: true },
    ...Array.from({ length: months }, (_, k): MetricColumn<CohortRow> => ({
      header: `M${k}`,
      value: (c) => c.logoRetention[k] ?? null,
      display: (c) => (c.logoRetention[k] === undefined ? '' : formatPercent(c.logoRetention[k]!, 0)),
      num: true,
    })),
  ];
}

const trendColumns: MetricColumn<ScoreTrendPoint>[] = [
  { header: 'Month', value: (p) => p.month },
  { header: 'Mean health', value: (p) => (p.meanHealth === null ? null : Math.round(p.meanHealth * 10) / 10), num: true },
  { header: 'Mean risk', value: (p) => (p.meanRisk === null ? null : Math.round(p.meanRisk * 10) / 10), num: true },
  { header: 'Accounts scored', value: (p) => p.accounts, num: true },
];

const workloadColumns: MetricColumn<CsmWorkload>[] = [
  { header: 'CSM', value: (w) => w.ownerName || w.ownerId },
  { header: 'Accounts', value: (w) => w.accounts, num: true },
  { header: 'ARR', value: (w) => w.arr, display: (w) => usd(w.arr), num: true },
  { header: 'Critical', value: (w) => w.criticalAccounts, num: true },
  { header: 'Touches', value: (w) => w.touches, num: true },
  { header: 'Touches per account', value: (w) => Math.round(w.touchesPerAccount * 100) / 100, num: true },
  { header: 'Coverage', value: (w) => w.coverage, display: (w) => pct(w.coverage), num: true },
  { header: 'Overdue tasks', value: (w) => w.overdueTasks, display: (w) => (w.overdueTasks === null ? 'n/a (no tasks yet)' : w.overdueTasks), num: true },
];

function interventionColumns(keyHeader: string): MetricColumn<InterventionSuccessRow>[] {
  return [
    { header: keyHeader, value: (r) => r.key },
    { header: 'Count', value: (r) => r.count, num: true },
    { header: 'Pending', value: (r) => r.pending, num: true },
    { header: 'Success %', value: (r) => r.successRate, display: (r) => pct(r.successRate), num: true },
    { header: 'Revenue impact (ARR)', value: (r) => r.revenueImpact, display: (r) => usd(r.revenueImpact), num: true },
    { header: 'Without comparable group', value: (r) => r.withoutComparable, num: true },
  ];
}

const rollupColumns: MetricColumn<ForecastRollup>[] = [
  { header: 'CSM', value: (f) => f.ownerName || f.ownerId },
  { header: 'Renewals', value: (f) => f.renewals, num: true },
  { header: 'Renewing ARR', value: (f) => f.arr, display: (f) => usd(f.arr), num: true },
  { header: 'Model expected ARR', value: (f) => Math.round(f.expectedArr), display: (f) => usd(f.expectedArr), num: true },
  { header: 'Model commit', value: (f) => f.model.commit, display: (f) => usd(f.model.commit), num: true },
  { header: 'Model best case', value: (f) => f.model.bestCase, display: (f) => usd(f.model.bestCase), num: true },
  { header: 'Model at risk', value: (f) => f.model.atRisk, display: (f) => usd(f.model.atRisk), num: true },
  { header: 'CSM commit', value: (f) => f.csm.commit, display: (f) => usd(f.csm.commit), num: true },
  { header: 'CSM best case', value: (f) => f.csm.bestCase, display: (f) => usd(f.csm.bestCase), num: true },
  { header: 'CSM at risk', value: (f) => f.csm.atRisk, display: (f) => usd(f.csm.atRisk), num: true },
  { header: 'No CSM call', value: (f) => f.csm.none, display: (f) => usd(f.csm.none), num: true },
];

function renewalColumns(account: (id: string) => Account | undefined, printing: boolean): MetricColumn<RenewalForecastRow>[] {
  return [
    { header: 'Account', value: (r) => r.name, display: (r) => <Link href={`/accounts/${encodeURIComponent(r.accountId)}`}>{r.name}</Link> },
    { header: 'CSM', value: (r) => r.ownerName },
    { header: 'Renewal', value: (r) => r.renewalDate },
    { header: 'ARR', value: (r) => r.arr, display: (r) => usd(r.arr), num: true },
    { header: 'Churn probability', value: (r) => r.churnProbability, display: (r) => pct(r.churnProbability), num: true },
    { header: 'Expected ARR', value: (r) => (r.expectedArr === null ? null : Math.round(r.expectedArr)), display: (r) => usd(r.expectedArr), num: true },
    { header: 'Model call', value: (r) => r.modelCall, display: (r) => (r.modelCall ? humanize(r.modelCall) : 'Not scored') },
    {
      header: 'CSM call',
      value: (r) => r.csmCall,
      display: (r) => {
        const a = account(r.accountId);
        return a && !printing ? <ForecastCallSelect account={a} /> : r.csmCall ? humanize(r.csmCall) : 'No call';
      },
    },
  ];
}

function lastQuarterColumns(name: (id: string) => string): MetricColumn<ForecastVsActualRow>[] {
  return [
    { header: 'Account', value: (r) => name(r.accountId) },
    { header: 'Date', value: (r) => r.date },
    { header: 'ARR before', value: (r) => r.arrBefore, display: (r) => usd(r.arrBefore), num: true },
    { header: 'Forecast churn probability', value: (r) => r.forecastProbability, display: (r) => pct(r.forecastProbability), num: true },
    { header: 'Forecast ARR', value: (r) => (r.forecastArr === null ? null : Math.round(r.forecastArr)), display: (r) => usd(r.forecastArr), num: true },
    { header: 'Actual ARR', value: (r) => r.actualArr, display: (r) => usd(r.actualArr), num: true },
  ];
}

