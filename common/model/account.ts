import type { FieldHistoryEntry } from './field-history';
import type { IsoDate, IsoDateTime, SyncFields } from './sync-fields';

export const ACCOUNT_TIERS = ['Enterprise', 'Mid-Market', 'SMB'] as const;
export type AccountTier = (typeof ACCOUNT_TIERS)[number];

export const ACCOUNT_STATUSES = ['active', 'churned'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const LIFECYCLE_STAGES = ['onboarding', 'adoption', 'mature', 'renewal'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** The CSM's own forecast call for the account's next renewal (beside the churn model's). */
export const FORECAST_CALLS = ['commit', 'best_case', 'at_risk'] as const;
export type ForecastCall = (typeof FORECAST_CALLS)[number];

export interface Account extends SyncFields {
  /** Id in the system of record (Salesforce / HubSpot / billing); the upsert key for imports. */
  externalId: string;
  name: string;
  domain: string;
  industry: string;
  region: string;
  tier: AccountTier;
  status: AccountStatus;
  lifecycleStage: LifecycleStage;
  /** Display name of the owning CSM (denormalised from the user directory for offline display). */
  ownerName: string;
  plan: string;
  seatsPurchased: number;
  seatsActive: number;
  /** Monthly recurring revenue in whole US dollars. ARR is derived (12 x MRR), never stored. */
  mrr: number;
  contractStart: IsoDate;
  renewalDate: IsoDate;
  createdAt: IsoDateTime;
  /**
   * Values the sync server's per-field merge discarded (newest first, capped), so a person can see and restore
   * them. Written by the server, merged as a union; absent on accounts that never had a conflict.
   */
  fieldHistory?: FieldHistoryEntry[];
  /** Columns of an imported file the person chose to keep: header -> cell text. Absent when none were kept. */
  customFields?: Record<string, string>;
  /** The import batch that last wrote this account (see common/import/commit-plan.ts); absent when none did. */
  importBatch?: string;
  /** The CSM's forecast call for the next renewal; absent until they make one (schema v3). */
  forecastCall?: ForecastCall;
}

/** At most this many custom fields per account, each value at most CUSTOM_FIELD_MAX characters. */
export const CUSTOM_FIELDS_CAP = 50;
export const CUSTOM_FIELD_MAX = 1000;

/** Fields a person may edit in the workbench; everything else comes from imports or sync. */
export const EDITABLE_ACCOUNT_FIELDS = [
  'name',
  'domain',
  'industry',
  'region',
  'tier',
  'lifecycleStage',
  'plan',
  'seatsPurchased',
  'seatsActive',
  'mrr',
  'renewalDate',
] as const;
export type EditableAccountField = (typeof EDITABLE_ACCOUNT_FIELDS)[number];
