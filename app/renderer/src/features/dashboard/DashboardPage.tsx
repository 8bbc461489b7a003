import { useEffect, useState } from 'react';
import { useAccountsStore } from '../../stores/accounts-store';
import { DashboardConfigPanel } from '../analytics/DashboardConfigPanel';
import { useActiveDashboardConfig } from '../analytics/dashboard-configs';
import { DashboardOverview } from '../analytics/DashboardOverview';
import { HistoryProgress } from '../analytics/HistoryProgress';
import '../analytics/analytics.css';
import './dashboard-page.css';

/** The executive dashboard: KPIs, risk distribution and quick actions for the configuration in effect. */
export function DashboardPage() {
  const loaded = useAccountsStore((s) => s.loaded);
  const active = useActiveDashboardConfig();
  const [draft, setDraft] = useState(active.config);
  // A newly selected or newly synced shared configuration replaces the local draft.
  useEffect(() => setDraft(active.config), [active.config]);

  if (!loaded) {
    return (
      <div className="page" aria-busy="true">
        <h1>Dashboard</h1>
        <p className="muted">Loading your book…</p>
      </div>
    );
  }

  return (
    <div className="page dashboard-page">
      <h1>Dashboard</h1>
      <DashboardConfigPanel draft={draft} onDraft={setDraft} />
      <HistoryProgress />
      <DashboardOverview config={draft} />
    </div>
  );
}
