import { lazy } from 'react';
import type { FeatureManifest } from '../feature-manifest';

export const opportunitiesFeature: FeatureManifest = {
  id: 'opportunities',
  route: { path: '/opportunities', page: lazy(() => import('./OpportunitiesPage').then((m) => ({ default: m.OpportunitiesPage }))) },
  nav: { path: '/opportunities', label: 'Opportunities', shortcut: '4' },
};
