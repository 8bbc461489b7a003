import type { RxJsonSchema } from 'rxdb';
import type { UsageMonth } from '../../model';
import { PRODUCT_FEATURES } from '../../model';
import { ID_MAX, syncProperties, syncRequired } from './sync-properties';

export const usageSchema: RxJsonSchema<UsageMonth> = {
  title: 'usage month',
  description: 'One account-month of daily product usage',
  version: 0,
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
    featureEvents: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(PRODUCT_FEATURES.map((f) => [f, { type: 'integer', minimum: 0 }])),
    },
  },
  required: [...syncRequired, 'accountId', 'month', 'activeUsers', 'featureEvents'],
  indexes: ['accountId'],
};
