import { lazy } from 'react';
import type { FeatureManifest } from '../feature-manifest';

/** Team administration over the sync server's admin HTTP API (Admins; CS Managers for their own team). */
export const adminFeature: FeatureManifest = {
  id: 'admin',
  route: { path: '/admin', page: lazy(() => import('./AdminPage').then((m) => ({ default: m.AdminPage }))) },
  nav: { path: '/admin', label: 'Admin', shortcut: 'A' },
};
