import { ACCOUNT_STATUSES, ACCOUNT_TIERS, ALERT_RULES, HEALTH_BANDS, LIFECYCLE_STAGES } from '../model';

/**
 * What a segment condition can look at, in one catalogue for the condition editor, validation and evaluation.
 * `number` fields compare with <, ≤, >, ≥, =, ≠; `text` fields with =, ≠, contains, one of; `enum` fields with =, ≠,
 * one of; `list` fields (several values per account) with includes / excludes. Changes (`*Change`) take a window in
 * days: the score now minus the score on the last point at or before that many days ago.
 */
export type FieldKind = 'number' | 'text' | 'enum' | 'list';

export interface SegmentFieldSpec {
  id: string;
  label: string;
  kind: FieldKind;
  options?: readonly string[];
  /** Takes a window in days (score changes). */
  windowed?: boolean;
}

export const SEGMENT_FIELDS: readonly SegmentFieldSpec[] = [
  { id: 'name', label: 'Account name', kind: 'text' },
  { id: 'tier', label: 'Tier', kind: 'enum', options: ACCOUNT_TIERS },
  { id: 'lifecycleStage', label: 'Lifecycle stage', kind: 'enum', options: LIFECYCLE_STAGES },
  { id: 'status', label: 'Status', kind: 'enum', options: ACCOUNT_STATUSES },
  { id: 'region', label: 'Region', kind: 'text' },
  { id: 'industry', label: 'Industry', kind: 'text' },
  { id: 'plan', label: 'Plan', kind: 'text' },
  { id: 'ownerId', label: 'Owner (user id)', kind: 'text' },
  { id: 'ownerName', label: 'Owner', kind: 'text' },
  { id: 'mrr', label: 'MRR ($)', kind: 'number' },
  { id: 'arr', label: 'ARR ($)', kind: 'number' },
  { id: 'seatsPurchased', label: 'Seats purchased', kind: 'number' },
  { id: 'seatsActive', label: 'Seats active', kind: 'number' },
  { id: 'seatUtilization', label: 'Seat use (%)', kind: 'number' },
  { id: 'daysToRenewal', label: 'Days to renewal', kind: 'number' },
  { id: 'daysSinceContractStart', label: 'Days since contract start', kind: 'number' },
  { id: 'healthBand', label: 'Health band', kind: 'enum', options: HEALTH_BANDS },
  { id: 'health', label: 'Health score', kind: 'number' },
  { id: 'risk', label: 'Risk score', kind: 'number' },
  { id: 'expansion', label: 'Expansion score', kind: 'number' },
  { id: 'healthChange', label: 'Health change (points)', kind: 'number', windowed: true },
  { id: 'riskChange', label: 'Risk change (points)', kind: 'number', windowed: true },
  { id: 'expansionChange', label: 'Expansion change (points)', kind: 'number', windowed: true },
  { id: 'openAlerts', label: 'Open alerts', kind: 'number' },
  { id: 'openAlertRules', label: 'Open alert rule', kind: 'list', options: ALERT_RULES },
  { id: 'openTasks', label: 'Open tasks', kind: 'number' },
  { id: 'overdueTasks', label: 'Overdue tasks', kind: 'number' },
  { id: 'activePlaybooks', label: 'Running playbook', kind: 'list' },
];

/** Custom fields are addressed as `custom.<key>` and compared as text or numbers, whichever the value is. */
export const CUSTOM_FIELD_PREFIX = 'custom.';

const byId = new Map(SEGMENT_FIELDS.map((spec) => [spec.id, spec]));

export function segmentField(id: string): SegmentFieldSpec | undefined {
  if (id.startsWith(CUSTOM_FIELD_PREFIX) && id.length > CUSTOM_FIELD_PREFIX.length) {
    return { id, label: id.slice(CUSTOM_FIELD_PREFIX.length), kind: 'text' };
  }
  return byId.get(id);
}

export const OPERATORS_BY_KIND: Record<FieldKind, readonly string[]> = {
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'],
  text: ['eq', 'neq', 'contains', 'in', 'empty', 'notEmpty'],
  enum: ['eq', 'neq', 'in'],
  list: ['includes', 'excludes', 'empty', 'notEmpty'],
};
