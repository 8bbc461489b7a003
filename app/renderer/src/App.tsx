import { Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { AppShell } from './shell/AppShell';
import { BookSwitch } from './sync/BookSwitch';
import { DashboardPage } from './pages/dashboard/DashboardPage';
import { AccountsPage } from './pages/accounts/AccountsPage';
import { AccountWorkbench } from './pages/account/AccountWorkbench';
import { SettingsPage } from './pages/settings/SettingsPage';

export function App() {
  return (
    <BookSwitch>
      <Router hook={useHashLocation}>
        <AppShell>
          <Switch>
            <Route path="/" component={DashboardPage} />
            <Route path="/accounts" component={AccountsPage} />
            <Route path="/accounts/:id">{(params) => <AccountWorkbench accountId={params.id} />}</Route>
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
