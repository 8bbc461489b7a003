import type { RxJsonSchema } from 'rxdb';
import type { RevenueEvent } from '../../model';
import { REVENUE_EVENT_KINDS } from '../../model';
import { ID_MAX, isoDate, syncProperties, syncRequired } from './sync-properties';

export const revenueSchema: RxJsonSchema<RevenueEvent> = {
  title: 'revenue event',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...syncProperties,
    externalId: { type: 'string', maxLength: ID_MAX },
    accountId: { type: 'string', maxLength: ID_MAX },
    kind: { type: 'string', enum: [...REVENUE_EVENT_KINDS] },
    date: isoDate,
    amount: { type: 'number', minimum: -1_000_000_000, maximum: 1_000_000_000 },
    mrrAfter: { type: 'number', minimum: 0, maximum: 1_000_000_000 },
    note: { type: 'string', maxLength: 2000 },
  },
  required: [...syncRequired, 'externalId', 'accountId', 'kind', 'date', 'amount', 'mrrAfter', 'note'],
  indexes: ['accountId'],
};
