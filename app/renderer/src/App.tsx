import { lazy, Suspense } from 'react';
import { Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { AppShell } from './shell/AppShell';
import { BookSwitch } from './sync/BookSwitch';
import { AccountsPage } from './pages/accounts/AccountsPage';
import { IntelligenceService } from './intelligence/IntelligenceService';
import './intelligence/score-columns';

// The Accounts grid is the first screen and ships in the initial bundle; the other pages (and ECharts, which only
// they draw with) load when first visited, so a cold start parses only what the grid needs.
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const AccountWorkbench = lazy(() => import('./pages/account/AccountWorkbench').then((m) => ({ default: m.AccountWorkbench })));
const SettingsPage = lazy(() => import('./pages/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const AlertsPage = lazy(() => import('./intelligence/AlertsPage').then((m) => ({ default: m.AlertsPage })));
const OpportunitiesPage = lazy(() => import('./intelligence/OpportunitiesPage').then((m) => ({ default: m.OpportunitiesPage })));
const ScoringSettingsPage = lazy(() =>
  import('./intelligence/ScoringSettingsPage').then((m) => ({ default: m.ScoringSettingsPage })),
);

function PageLoading() {
  return (
    <div className="page" aria-busy="true">
      <p className="muted">Loading…</p>
    </div>
  );
}

export function App() {
  return (
    <BookSwitch>
      <Router hook={useHashLocation}>
        <AppShell>
          <IntelligenceService />
          <Suspense fallback={<PageLoading />}>
            <Switch>
              <Route path="/" component={DashboardPage} />
              <Route path="/accounts" component={AccountsPage} />
              <Route path="/accounts/:id">{(params) => <AccountWorkbench accountId={params.id} />}</Route>
              <Route path="/alerts" component={AlertsPage} />
              <Route path="/opportunities" component={OpportunitiesPage} />
              <Route path="/scoring" component={ScoringSettingsPage} />
              <Route path="/settings" component={SettingsPage} />
              <Route>
                <div className="page">
                  <h1>Not found</h1>
                </div>
              </Route>
            </Switch>
          </Suspense>
        </AppShell>
      </Router>
    </BookSwitch>
  );
}
