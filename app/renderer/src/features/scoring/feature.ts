import { lazy } from 'react';
import type { FeatureManifest } from '../feature-manifest';
import { IntelligenceService } from './IntelligenceService';

export const scoringFeature: FeatureManifest = {
  id: 'scoring',
  route: { path: '/scoring', page: lazy(() => import('./ScoringSettingsPage').then((m) => ({ default: m.ScoringSettingsPage }))) },
  nav: { path: '/scoring', label: 'Scoring', shortcut: '8' },
  // Scores the book on the device once the grid is interactive (it loads the models and the worker lazily itself).
  service: IntelligenceService,
};
