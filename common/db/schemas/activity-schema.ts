import type { RxJsonSchema } from 'rxdb';
import type { Activity } from '../../model';
import { ACTIVITY_TYPES, TICKET_SEVERITIES } from '../../model';
import { ID_MAX, isoDateTime, syncProperties, syncRequired } from './sync-properties';

export const activitySchema: RxJsonSchema<Activity> = {
  title: 'activity',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...syncProperties,
    externalId: { type: 'string', maxLength: ID_MAX },
    accountId: { type: 'string', maxLength: ID_MAX },
    type: { type: 'string', enum: [...ACTIVITY_TYPES] },
    occurredAt: isoDateTime,
    subject: { type: 'string', maxLength: 500 },
    body: { type: 'string', maxLength: 100_000 },
    actorName: { type: 'string', maxLength: 200 },
    result: { type: 'string', maxLength: 200 },
    ticket: {
      type: 'object',
      additionalProperties: false,
      properties: {
        severity: { type: 'string', enum: [...TICKET_SEVERITIES] },
        status: { type: 'string', enum: ['open', 'closed'] },
        closedAt: isoDateTime,
      },
      required: ['severity', 'status'],
    },
    npsScore: { type: 'integer', minimum: 0, maximum: 10 },
  },
  required: [...syncRequired, 'externalId', 'accountId', 'type', 'occurredAt', 'subject', 'body', 'actorName', 'result'],
  indexes: ['accountId', 'externalId'],
};
