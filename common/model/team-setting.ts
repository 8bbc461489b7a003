import type { SyncFields } from './sync-fields';

/** 'model': the promoted model's version and card; 'dashboard': shared dashboard configurations, id
 * `<teamId>:dashboard:<id>` (both schema v1). */
export const TEAM_SETTING_KINDS = ['scorecard', 'alert-rules', 'model', 'dashboard'] as const;
export type TeamSettingKind = (typeof TEAM_SETTING_KINDS)[number];

/**
 * A setting shared by a team (synced), edited by an admin or CS Manager. Id = `<teamId>:<kind>`. The value's shape
 * belongs to the feature (e.g. common/intelligence/scorecard.ts) and is validated with zod when read.
 */
export interface TeamSetting extends SyncFields {
  kind: TeamSettingKind;
  value: Record<string, unknown>;
  /** Display name of who saved it last. */
  updatedBy: string;
}

export function teamSettingId(teamId: string, kind: TeamSettingKind): string {
  return `${teamId}:${kind}`;
}
