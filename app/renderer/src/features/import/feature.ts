import { lazy } from 'react';
import type { FeatureManifest } from '../feature-manifest';

// The Accounts grid also opens the single-file import dialog (ImportDialog); the Import page is the multi-file wizard.
export const importFeature: FeatureManifest = {
  id: 'import',
  route: { path: '/import', page: lazy(() => import('./ImportPage').then((m) => ({ default: m.ImportPage }))) },
  nav: { path: '/import', label: 'Import', shortcut: 'I' },
};
