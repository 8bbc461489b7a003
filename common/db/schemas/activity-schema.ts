import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type { Activity } from '../../model';
import { ACTIVITY_TYPES, TICKET_SEVERITIES } from '../../model';
import { ID_MAX, isoDateTime, syncProperties, syncRequired } from './sync-properties';

export const activitySchema: RxJsonSchema<Activity> = {
  title: 'activity',
  version: 1,
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
        resolution: { type: 'string', maxLength: 2000 },
        resolutionMinutes: { type: 'number', minimum: 0, maximum: 10_000_000 },
        csat: { type: 'number', minimum: 1, maximum: 5 },
        escalated: { type: 'boolean' },
      },
      required: ['severity', 'status'],
    },
    npsScore: { type: 'integer', minimum: 0, maximum: 10 },
    importBatch: { type: 'string', maxLength: ID_MAX },
  },
  required: [...syncRequired, 'externalId', 'accountId', 'type', 'occurredAt', 'subject', 'body', 'actorName', 'result'],
  indexes: ['accountId', 'externalId'],
};

/**
 * v0 -> v1: tickets gain the optional resolution, resolution time, CSAT and escalation, and every activity the
 * optional `importBatch`. All optional and absent on old activities, so the migration changes nothing.
 */
export const activityMigrations: MigrationStrategies = {
  1: (old: Record<string, unknown>) => old,
};
