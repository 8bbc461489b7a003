import type { RxJsonSchema, MigrationStrategies } from 'rxdb';
import type { Account } from '../../model';
import { ACCOUNT_STATUSES, ACCOUNT_TIERS, CUSTOM_FIELD_MAX, CUSTOM_FIELDS_CAP, FIELD_HISTORY_CAP, FORECAST_CALLS, LIFECYCLE_STAGES } from '../../model';
import { ID_MAX, isoDate, isoDateTime, syncProperties, syncRequired } from './sync-properties';

export const accountSchema: RxJsonSchema<Account> = {
  title: 'account',
  description: 'A customer account in the book of business',
  version: 3,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...syncProperties,
    externalId: { type: 'string', maxLength: ID_MAX },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    domain: { type: 'string', maxLength: 253 },
    industry: { type: 'string', maxLength: 100 },
    region: { type: 'string', maxLength: 100 },
    tier: { type: 'string', enum: [...ACCOUNT_TIERS] },
    status: { type: 'string', enum: [...ACCOUNT_STATUSES] },
    lifecycleStage: { type: 'string', enum: [...LIFECYCLE_STAGES] },
    ownerName: { type: 'string', maxLength: 200 },
    plan: { type: 'string', maxLength: 100 },
    seatsPurchased: { type: 'integer', minimum: 0, maximum: 10_000_000 },
    seatsActive: { type: 'integer', minimum: 0, maximum: 10_000_000 },
    mrr: { type: 'number', minimum: 0, maximum: 1_000_000_000 },
    contractStart: isoDate,
    renewalDate: isoDate,
    createdAt: isoDateTime,
    fieldHistory: {
      type: 'array',
      maxItems: FIELD_HISTORY_CAP,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          field: { type: 'string', maxLength: 128 },
          value: { type: ['string', 'number', 'boolean', 'null'], maxLength: 1000 },
          stamp: { type: 'string', maxLength: 64 },
          supersededBy: { type: 'string', maxLength: 64 },
          recordedAt: isoDateTime,
          userId: { type: 'string', maxLength: ID_MAX },
        },
        required: ['field', 'value', 'stamp', 'supersededBy', 'recordedAt'],
      },
    },
    customFields: {
      type: 'object',
      maxProperties: CUSTOM_FIELDS_CAP,
      additionalProperties: { type: 'string', maxLength: CUSTOM_FIELD_MAX },
    },
    importBatch: { type: 'string', maxLength: ID_MAX },
    forecastCall: { type: 'string', enum: [...FORECAST_CALLS] },
  },
  required: [
    ...syncRequired,
    'externalId',
    'name',
    'domain',
    'industry',
    'region',
    'tier',
    'status',
    'lifecycleStage',
    'ownerName',
    'plan',
    'seatsPurchased',
    'seatsActive',
    'mrr',
    'contractStart',
    'renewalDate',
    'createdAt',
  ],
  indexes: ['externalId'],
};

/**
 * v0 -> v1: v0 had no per-field clock stamps and no lifecycle stage. Stamps start empty (the document-level
 * `updatedAt` then orders every field) and the stage is inferred from the renewal date.
 */
export const accountMigrations: MigrationStrategies = {
  1: (old: Record<string, unknown>) => ({
    ...old,
    fieldStamps: old['fieldStamps'] ?? {},
    lifecycleStage: old['lifecycleStage'] ?? 'mature',
  }),
  /**
   * v1 -> v2: adds the optional `fieldHistory` (values lost in per-field merges). Existing accounts have lost
   * nothing the server recorded, so they start with an empty history; nothing else changes.
   */
  2: (old: Record<string, unknown>) => ({ ...old, fieldHistory: old['fieldHistory'] ?? [] }),
  /**
   * v2 -> v3: adds the optional `customFields` (kept columns of imported files), `importBatch` (the import that last
   * wrote the account) and `forecastCall` (the CSM's commit / best case / at risk call for the renewal). All optional
   * and absent on old accounts, so the migration changes nothing.
   */
  3: (old: Record<string, unknown>) => old,
};
