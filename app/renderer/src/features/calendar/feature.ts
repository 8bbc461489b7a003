import { lazy } from 'react';
import type { FeatureManifest } from '../feature-manifest';
import { CalendarService } from './CalendarService';

export const calendarFeature: FeatureManifest = {
  id: 'calendar',
  route: { path: '/calendar', page: lazy(() => import('./CalendarPage').then((m) => ({ default: m.CalendarPage }))) },
  nav: { path: '/calendar', label: 'Calendar', shortcut: '0' },
  service: CalendarService,
};
