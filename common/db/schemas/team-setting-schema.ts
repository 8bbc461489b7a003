import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { TEAM_SETTING_KINDS, type TeamSetting } from '../../model';
import { syncProperties, syncRequired } from './sync-properties';

/** Team-wide settings (scorecard, alert rules); the value is validated by its feature's zod schema when read. */
export const teamSettingSchema: RxJsonSchema<TeamSetting> = {
  title: 'team setting',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...syncProperties,
    kind: { type: 'string', enum: [...TEAM_SETTING_KINDS] },
    value: { type: 'object' },
    updatedBy: { type: 'string', maxLength: 200 },
  },
  required: [...syncRequired, 'kind', 'value', 'updatedBy'],
};

/**
 * v0 -> v1: the kind enum adds 'model' (the promoted model's version and card) and 'dashboard' (shared dashboard
 * configurations); existing settings are unchanged.
 */
export const teamSettingMigrations: MigrationStrategies = {
  1: (doc: TeamSetting) => doc,
};
