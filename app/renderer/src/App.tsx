import { Suspense } from 'react';
import { Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { FEATURES } from './features';
import { AppShell } from './shell/AppShell';
import { BookSwitch } from './shell/BookSwitch';
import { KeptPage } from './shell/KeptPage';

// Routes and background services come from the feature manifests (features/index.ts); the Accounts grid is in the
// initial bundle, the other pages (and ECharts, which only they draw with) load when first visited. A kept page
// (`route.keep`) is mounted outside the switch and only hidden while another route shows; its route in the switch
// renders nothing.
const ROUTES = FEATURES.flatMap((feature) => (feature.route ? [{ id: feature.id, ...feature.route }] : []));
const KEPT = ROUTES.filter((route) => route.keep);
const ShownByKeptPage = () => null;
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
          {KEPT.map(({ id, path, page }) => (
            // Its own boundary: a kept page may load lazily (it renders nothing until first visited).
            <Suspense key={id} fallback={<PageLoading />}>
              <KeptPage path={path} page={page} />
            </Suspense>
          ))}
          <Suspense fallback={<PageLoading />}>
            <Switch>
              {ROUTES.map(({ id, path, page, keep }) => (
                <Route key={id} path={path} component={keep ? ShownByKeptPage : page} />
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
