import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type { UsageMonth } from '../../model';
import { FEATURE_KEY_PATTERN, FEATURE_KEYS_PER_MONTH_MAX } from '../../model';
import { ID_MAX, syncProperties, syncRequired } from './sync-properties';

export const usageSchema: RxJsonSchema<UsageMonth> = {
  title: 'usage month',
  description: 'One account-month of daily product usage',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...syncProperties,
    accountId: { type: 'string', maxLength: ID_MAX },
    month: { type: 'string', pattern: '^\\d{4}-\\d{2}$', maxLength: 7 },
    activeUsers: {
      type: 'array',
      minItems: 28,
      maxItems: 31,
      items: { type: ['integer', 'null'], minimum: 0 },
    },
    // The six product features and the team's own (feature-keys.ts): any normalised key, a bounded number of them.
    featureEvents: {
      type: 'object',
      patternProperties: { [FEATURE_KEY_PATTERN]: { type: 'integer', minimum: 0 } },
      additionalProperties: false,
      maxProperties: FEATURE_KEYS_PER_MONTH_MAX,
    },
  },
  required: [...syncRequired, 'accountId', 'month', 'activeUsers', 'featureEvents'],
  indexes: ['accountId'],
};

/** v0 -> v1: `featureEvents` takes the team's own feature keys besides the six; every v0 document is valid in v1. */
export const usageMigrations: MigrationStrategies = {
  1: (doc: UsageMonth) => doc,
};
