import { Suspense } from 'react';
import { Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { FEATURES } from './features';
import { AppShell } from './shell/AppShell';
import { BookSwitch } from './shell/BookSwitch';

// Routes and background services come from the feature manifests (features/index.ts); the Accounts grid is in the
// initial bundle, the other pages (and ECharts, which only they draw with) load when first visited.
const ROUTES = FEATURES.flatMap((feature) => (feature.route ? [{ id: feature.id, ...feature.route }] : []));
const SERVICES = FEATURES.flatMap((feature) => (feature.service ? [{ id: feature.id, Service: feature.service }] : []));

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
          {SERVICES.map(({ id, Service }) => (
            <Service key={id} />
          ))}
          <Suspense fallback={<PageLoading />}>
            <Switch>
              {ROUTES.map(({ id, path, page }) => (
                <Route key={id} path={path} component={page} />
              ))}
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
