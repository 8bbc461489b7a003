import { lazy } from 'react';
import type { FeatureManifest } from '../feature-manifest';

export const dashboardFeature: FeatureManifest = {
  id: 'dashboard',
  route: { path: '/', page: lazy(() => import('./DashboardPage').then((m) => ({ default: m.DashboardPage }))) },
  nav: { path: '/', label: 'Dashboard', shortcut: '1' },
};
