import { lazy } from 'react';
import type { FeatureManifest } from '../feature-manifest';

export const settingsFeature: FeatureManifest = {
  id: 'settings',
  route: { path: '/settings', page: lazy(() => import('./SettingsPage').then((m) => ({ default: m.SettingsPage }))) },
  nav: { path: '/settings', label: 'Settings', shortcut: '9' },
};
