import { lazy } from 'react';
import type { FeatureManifest } from '../feature-manifest';

export const segmentsFeature: FeatureManifest = {
  id: 'segments',
  route: { path: '/segments', page: lazy(() => import('./SegmentsPage').then((m) => ({ default: m.SegmentsPage }))) },
  nav: { path: '/segments', label: 'Segments', shortcut: '6' },
};
