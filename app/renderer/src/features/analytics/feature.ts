import { lazy } from 'react';
import type { FeatureManifest } from '../feature-manifest';

export const analyticsFeature: FeatureManifest = {
  id: 'analytics',
  route: { path: '/analytics/:view?', page: lazy(() => import('./AnalyticsPage').then((m) => ({ default: m.AnalyticsPage }))), keep: true },
  nav: { path: '/analytics', label: 'Analytics', shortcut: 'N' },
};
