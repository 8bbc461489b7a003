import { accountWorkbenchFeature } from './account-workbench/feature';
import { accountsGridFeature } from './accounts-grid/feature';
import { alertsFeature } from './alerts/feature';
import { calendarFeature } from './calendar/feature';
import { analyticsFeature } from './analytics/feature';
import { dashboardFeature } from './dashboard/feature';
import type { FeatureManifest } from './feature-manifest';
import { importFeature } from './import/feature';
import { opportunitiesFeature } from './opportunities/feature';
import { playbooksFeature } from './playbooks/feature';
import { segmentsFeature } from './segments/feature';
import { tasksFeature } from './tasks/feature';
import { scoringFeature } from './scoring/feature';
import { settingsFeature } from './settings/feature';
import { sharedNotesFeature } from './shared-notes/feature';
import { teamSyncFeature } from './team-sync/feature';

/** Every feature of the workbench, in navigation order: the one list the shell reads. */
export const FEATURES: readonly FeatureManifest[] = [
  dashboardFeature,
  accountsGridFeature,
  accountWorkbenchFeature,
  alertsFeature,
  opportunitiesFeature,
  tasksFeature,
  segmentsFeature,
  playbooksFeature,
  calendarFeature,
  analyticsFeature,
  scoringFeature,
  importFeature,
  sharedNotesFeature,
  teamSyncFeature,
  settingsFeature,
];
