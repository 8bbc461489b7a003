import { useMemo } from 'react';
import { Link } from 'wouter';
import { dashboardKpis, goalProgress } from '../../../../../common/analytics/book-analytics';
import { summarizeBook, type UpcomingRenewal } from '../../../../../common/analytics/book-summary';
import type { DashboardConfig } from '../../../../../common/analytics/dashboard-config';
import type { RiskBandRow } from '../../../../../common/analytics/revenue-at-risk';
import { ACCOUNT_TIERS } from '../../../../../common/model';
import { todayIsoDate } from '../../../../../common/model/derived-fields';
import { formatCount, formatCountCompact, formatPercent, formatUsd, formatUsdCompact } from '../../../../../common/format/format';
import { useAssessmentsStore } from '../../stores/assessments-store';
import { ActiveInterventionsPanel } from './ActiveInterventionsPanel';
import { ChartPanel } from './ChartPanel';
import { riskDistributionOption } from './chart-options';
import { KpiCard } from './KpiCard';
import { MetricTable, type MetricColumn } from './MetricTable';
import { printPath, usePrintMode } from './print-mode';
import { useSlicedBook } from './use-book-analytics';
import { useChartColors } from './use-chart-colors';
import { RecentResults } from '../../../../../common/memo/recent-results';

/** The dashboard's figures per book version (and slice, goal), kept across the page's mounts. */
const recentKpis = new RecentResults<ReturnType<typeof dashboardKpis>>(2);
const recentSummary = new RecentResults<ReturnType<typeof summarizeBook>>(2);
const recentGoal = new RecentResults<ReturnType<typeof goalProgress>>(2);

/** The executive dashboard's body (seed 002): KPI cards, risk distribution, quick actions, renewals and tiers. */
export function DashboardOverview({ config }: { config: DashboardConfig }) {
  const printing = usePrintMode();
  const colors = useChartColors();
  const { accounts, histories } = useSlicedBook(config.slice);
  const scores = useAssessmentsStore((s) => s.scores);
  const today = todayIsoDate();
  const kpis = useMemo(() => recentKpis.get([accounts, scores, today], () => dashboardKpis(accounts, scores, today)), [accounts, scores, today]);
  const summary = useMemo(() => recentSummary.get([accounts, today], () => summarizeBook(accounts, today)), [accounts, today]);
  const goal = useMemo(
    () => (histories ? recentGoal.get([histories, JSON.stringify(config), today], () => goalProgress(histories, config, today)) : null),
    [histories, config, today],
  );
  const scored = kpis.revenueAtRisk.scoredAccounts > 0;
  const tierRows = ACCOUNT_TIERS.map((tier) => ({ tier, ...summary.byTier[tier] }));

  return (
    <div className="dashboard-overview" data-testid="dashboard-overview">
      <section className="kpi-grid" aria-label="Key figures">
        <KpiCard label="Critical accounts" tone="danger" value={formatCountCompact(kpis.critical)} exact={formatCount(kpis.critical)} detail={scored ? `${formatUsdCompact(kpis.criticalArr)} ARR` : 'Scoring the book…'} testId="kpi-critical" />
        <KpiCard label="Warning accounts" tone="warning" value={formatCountCompact(kpis.warning)} exact={formatCount(kpis.warning)} detail={scored ? `${formatUsdCompact(kpis.warningArr)} ARR` : 'Scoring the book…'} testId="kpi-warning" />
        <KpiCard
          label="Revenue at risk"
          tone="danger"
          value={formatUsdCompact(kpis.revenueAtRisk.weightedArr)}
          exact={formatUsd(Math.round(kpis.revenueAtRisk.weightedArr))}
          detail={scored ? `ARR × churn probability${kpis.revenueAtRisk.unscoredAccounts ? `; ${formatCount(kpis.revenueAtRisk.unscoredAccounts)} not scored` : ''}` : 'Scoring the book…'}
          testId="kpi-revenue-at-risk"
        />
        <KpiCard label="Expansion pipeline" tone="success" value={formatUsdCompact(kpis.expansionPipeline.arr)} exact={formatUsd(kpis.expansionPipeline.arr)} detail={`${formatCount(kpis.expansionPipeline.accounts)} accounts likely to expand`} testId="kpi-expansion-pipeline" />
        <KpiCard label="Renewals due (90 days)" value={formatCountCompact(kpis.renewalsDue)} exact={`${formatCount(kpis.renewalsDue)} renewals, ${formatUsd(kpis.renewalsDueArr)} ARR`} detail={`${formatUsdCompact(kpis.renewalsDueArr)} ARR`} testId="kpi-renewals-due" />
        <KpiCard
          label={`% of goal${goal ? ` (${goal.quarterLabel})` : ''}`}
          value={goal ? formatPercent(goal.percentOfTarget, 0) : '…'}
          exact={goal ? `${formatUsd(goal.expansionArr)} expansion ARR of ${goal.targetArr === null ? 'no target' : formatUsd(goal.targetArr)}` : undefined}
          detail={!goal ? 'Reading revenue history…' : goal.targetArr === null ? 'No target set' : `${formatUsdCompact(goal.expansionArr)} of ${formatUsdCompact(goal.targetArr)} expansion`}
          testId="kpi-goal"
        />
        <KpiCard label="Total ARR" value={formatUsdCompact(summary.arr)} exact={formatUsd(summary.arr)} detail={`${formatUsdCompact(summary.mrr)} MRR`} testId="stat-arr" />
        <KpiCard label="Active accounts" value={formatCountCompact(summary.activeAccounts)} exact={formatCount(summary.activeAccounts)} detail={`of ${formatCount(summary.totalAccounts)} in the book`} testId="stat-active-accounts" />
      </section>

      {!printing && (
        <nav className="quick-actions" aria-label="Quick actions">
          <Link href="/alerts">Review critical accounts</Link>
          <Link href="/analytics">Renewal forecast and analytics</Link>
          <Link href="/opportunities">Open the expansion pipeline</Link>
          <Link href="/accounts">Open the full book</Link>
          <Link href="/playbooks">Start a playbook</Link>
          <Link href={printPath('dashboard')} data-testid="dashboard-export-pdf">Export PDF</Link>
        </nav>
      )}

      <div className="analytics-panels">
        <ChartPanel
          id="risk-distribution"
          title="Risk distribution"
          formula="Active accounts by churn probability from the calibrated churn model; revenue at risk = Σ ARR × churn probability."
          option={riskDistributionOption(kpis.riskDistribution, colors)}
          summary={kpis.riskDistribution.map((r) => `${r.label}: ${r.accounts} accounts`).join('; ')}
          table={<MetricTable caption="Accounts by risk band" columns={riskColumns} rows={kpis.riskDistribution} rowKey={(r) => r.id} fileName="risk-distribution" testId="table-risk-distribution" />}
        />
        <ActiveInterventionsPanel accounts={accounts} colors={colors} />
        <section className="analytics-panel" aria-labelledby="next-renewals-title">
          <h2 id="next-renewals-title">Next renewals</h2>
          <MetricTable caption="Next renewals" columns={renewalColumns} rows={summary.upcomingRenewals} rowKey={(r) => r.account.id} fileName="next-renewals" testId="upcoming-renewals" empty="No upcoming renewals." />
        </section>
        <section className="analytics-panel" aria-labelledby="by-tier-title">
          <h2 id="by-tier-title">Active accounts by tier</h2>
          <MetricTable caption="Active accounts by tier" columns={tierColumns} rows={tierRows} rowKey={(r) => r.tier} fileName="accounts-by-tier" testId="accounts-by-tier" />
        </section>
      </div>
    </div>
  );
}

const riskColumns: MetricColumn<RiskBandRow>[] = [
  { header: 'Churn probability', value: (r) => r.label },
  { header: 'Accounts', value: (r) => r.accounts, num: true },
  { header: 'ARR', value: (r) => r.arr, display: (r) => formatUsd(r.arr), num: true },
];

const renewalColumns: MetricColumn<UpcomingRenewal>[] = [
  { header: 'Account', value: (r) => r.account.name, display: (r) => <Link href={`/accounts/${encodeURIComponent(r.account.id)}`}>{r.account.name}</Link> },
  { header: 'Tier', value: (r) => r.account.tier },
  { header: 'MRR', value: (r) => r.account.mrr, display: (r) => formatUsd(r.account.mrr), num: true },
  { header: 'Renewal', value: (r) => r.account.renewalDate },
  { header: 'In (days)', value: (r) => r.daysToRenewal, display: (r) => (r.daysToRenewal === 0 ? 'today' : `${r.daysToRenewal} d`), num: true },
];

const tierColumns: MetricColumn<{ tier: string; accounts: number; mrr: number }>[] = [
  { header: 'Tier', value: (r) => r.tier },
  { header: 'Accounts', value: (r) => r.accounts, display: (r) => formatCount(r.accounts), num: true },
  { header: 'MRR', value: (r) => r.mrr, display: (r) => formatUsd(r.mrr), num: true },
];
