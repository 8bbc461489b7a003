import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type { Activity } from '../../model';
import { ACTIVITY_TYPES, CALENDAR_PROVIDERS, MEETING_STATUSES, MEETING_TYPES, TICKET_SEVERITIES } from '../../model';
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
    schedule: {
      type: 'object',
      additionalProperties: false,
      properties: {
        meetingType: { type: 'string', enum: [...MEETING_TYPES] },
        start: isoDateTime,
        end: isoDateTime,
        timeZone: { type: 'string', maxLength: 64 },
        attendees: {
          type: 'array',
          maxItems: 100,
          items: {
            type: 'object',
            additionalProperties: false,
            properties: {
              name: { type: 'string', maxLength: 200 },
              email: { type: 'string', maxLength: 320 },
              contactId: { type: 'string', maxLength: ID_MAX },
            },
            required: ['name', 'email'],
          },
        },
        status: { type: 'string', enum: [...MEETING_STATUSES] },
        editedAt: isoDateTime,
        calendar: {
          type: 'object',
          additionalProperties: false,
          properties: {
            provider: { type: 'string', enum: [...CALENDAR_PROVIDERS] },
            eventId: { type: 'string', maxLength: 1024 },
            etag: { type: 'string', maxLength: 256 },
            state: { type: 'string', enum: ['pending', 'synced', 'conflict'] },
            note: { type: 'string', maxLength: 1000 },
          },
          required: ['provider', 'eventId', 'etag', 'state'],
        },
        outcome: { type: 'string', maxLength: 10_000 },
        nextSteps: { type: 'string', maxLength: 10_000 },
      },
      required: ['meetingType', 'start', 'end', 'timeZone', 'attendees', 'status', 'editedAt'],
    },
  },
  required: [...syncRequired, 'externalId', 'accountId', 'type', 'occurredAt', 'subject', 'body', 'actorName', 'result'],
  indexes: ['accountId', 'externalId'],
};

/**
 * v0 -> v1: tickets gain the optional resolution, resolution time, CSAT and escalation; every activity the optional
 * `importBatch`; meetings booked through Outpost the optional `schedule`. All optional and absent on v0 activities, so
 * every document carries over unchanged (an identity migration).
 */
export const activityMigrations: MigrationStrategies = {
  1: (old: Record<string, unknown>) => old,
};
