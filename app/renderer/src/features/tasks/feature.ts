import { lazy } from 'react';
import type { FeatureManifest } from '../feature-manifest';

export const tasksFeature: FeatureManifest = {
  id: 'tasks',
  route: { path: '/my-day', page: lazy(() => import('./MyDayPage').then((m) => ({ default: m.MyDayPage }))) },
  nav: { path: '/my-day', label: 'My day', shortcut: '5' },
};
