import { useEffect, useMemo } from 'react';
import { Link } from 'wouter';
import { resolveTimeRange } from '../../../../../common/analytics/time-range';
import { todayIsoDate } from '../../../../../common/model/derived-fields';
import type { PageProps } from '../feature-manifest';
import { useAccountsStore } from '../../stores/accounts-store';
import { AnalyticsConsole } from './AnalyticsConsole';
import { useConsoleView } from './console-view-store';
import { useActiveDashboardConfig } from './dashboard-configs';
import { DashboardOverview } from './DashboardOverview';
import { printPath } from './print-mode';
import { PrintLayout } from './PrintLayout';
import { rangeLabel, SliceControls } from './SliceControls';
import { useAnalyticsHistory } from './use-book-analytics';
import './analytics.css';

/** The analytics console (`/analytics`) and the print layouts of the console and the dashboard. */
export function AnalyticsPage({ params }: PageProps) {
  const view = params['view'];
  const { config } = useActiveDashboardConfig();
  const { timeRange, slice, touched, set } = useConsoleView();
  const effectiveRange = touched ? timeRange : config.timeRange;
  const effectiveSlice = touched ? slice : config.slice;
  const range = useMemo(() => resolveTimeRange(effectiveRange, todayIsoDate()), [effectiveRange]);
  const loaded = useAccountsStore((s) => s.loaded);
  const { status } = useAnalyticsHistory();
  const ready = loaded && status === 'ready';
  useEffect(() => {
    document.documentElement.classList.toggle('printing', view === 'print-console' || view === 'print-dashboard');
    return () => document.documentElement.classList.remove('printing');
  }, [view]);

  if (view === 'print-dashboard') {
    return (
      <PrintLayout title="Outpost dashboard" subtitle={config.name} fileName="outpost-dashboard" ready={ready}>
        {loaded && <DashboardOverview config={config} />}
      </PrintLayout>
    );
  }
  if (view === 'print-console') {
    return (
      <PrintLayout title="Outpost analytics" subtitle={`${range.label} (${range.start} to ${range.end})`} fileName="outpost-analytics" ready={ready}>
        {loaded && <AnalyticsConsole range={range} slice={effectiveSlice} expansionTargetArr={config.targets.quarterlyExpansionArr} />}
      </PrintLayout>
    );
  }

  return (
    <div className="page analytics-page">
      <header className="analytics-header">
        <h1>Analytics</h1>
        <div className="analytics-actions">
          <Link href={printPath('console')} data-testid="console-export-pdf">
            Export PDF
          </Link>
        </div>
      </header>
      <p className="muted">
        {rangeLabel(effectiveRange)}: {range.start} to {range.end}. A team lead signed in to team sync sees the whole team&apos;s book; a CSM sees their own.
      </p>
      <SliceControls timeRange={effectiveRange} slice={effectiveSlice} onChange={(change) => set({ timeRange: change.timeRange ?? effectiveRange, slice: change.slice ?? effectiveSlice })} />
      {loaded ? <AnalyticsConsole range={range} slice={effectiveSlice} expansionTargetArr={config.targets.quarterlyExpansionArr} /> : <p className="muted">Loading your book…</p>}
    </div>
  );
}
