import { lazy } from 'react';
import type { FeatureManifest } from '../feature-manifest';

export const alertsFeature: FeatureManifest = {
  id: 'alerts',
  route: { path: '/alerts', page: lazy(() => import('./AlertsPage').then((m) => ({ default: m.AlertsPage }))) },
  nav: { path: '/alerts', label: 'Alerts', shortcut: '3' },
};
