import { lazy } from 'react';
import type { FeatureManifest } from '../feature-manifest';
import { PlaybookEngineService } from './PlaybookEngineService';

export const playbooksFeature: FeatureManifest = {
  id: 'playbooks',
  route: { path: '/playbooks/:id?', page: lazy(() => import('./PlaybooksPage').then((m) => ({ default: m.PlaybooksPage }))) },
  nav: { path: '/playbooks', label: 'Playbooks', shortcut: '7' },
  service: PlaybookEngineService,
};
