import { Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { AppShell } from './shell/AppShell';
import { BookSwitch } from './sync/BookSwitch';
import { DashboardPage } from './pages/dashboard/DashboardPage';
import { AccountsPage } from './pages/accounts/AccountsPage';
import { AccountWorkbench } from './pages/account/AccountWorkbench';
import { SettingsPage } from './pages/settings/SettingsPage';
import { AlertsPage } from './intelligence/AlertsPage';
import { IntelligenceService } from './intelligence/IntelligenceService';
import { OpportunitiesPage } from './intelligence/OpportunitiesPage';
import { ScoringSettingsPage } from './intelligence/ScoringSettingsPage';
import './intelligence/score-columns';

export function App() {
  return (
    <BookSwitch>
      <Router hook={useHashLocation}>
        <AppShell>
          <IntelligenceService />
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
        </AppShell>
      </Router>
    </BookSwitch>
  );
}
