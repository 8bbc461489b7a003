import type { IsoDate, SyncFields } from './sync-fields';

export const REVENUE_EVENT_KINDS = [
  'invoice_paid',
  'payment_failed',
  'renewal',
  'expansion',
  'contraction',
  'churn',
] as const;
export type RevenueEventKind = (typeof REVENUE_EVENT_KINDS)[number];

/**
 * A billing or contract event. Renewal outcomes (renewed / expanded / churned) are the labels models train on:
 * `kind` 'renewal' | 'expansion' | 'churn' on the renewal date, with the MRR before and after.
 */
export interface RevenueEvent extends SyncFields {
  externalId: string;
  accountId: string;
  kind: RevenueEventKind;
  date: IsoDate;
  /** Amount of the invoice, or the MRR change for contract events (negative for contraction / churn). */
  amount: number;
  mrrAfter: number;
  note: string;
}
