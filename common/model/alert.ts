import type { IsoDateTime, SyncFields } from './sync-fields';

export const ALERT_RULES = ['risk-above', 'health-drop', 'renewal-red'] as const;
export type AlertRuleId = (typeof ALERT_RULES)[number];
export const ALERT_SEVERITIES = ['critical', 'warning'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
/** open → acknowledged | snoozed (reopens after snoozedUntil) | dismissed ("this alert was wrong") | resolved (condition gone). */
export const ALERT_STATUSES = ['open', 'acknowledged', 'snoozed', 'dismissed', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** An alert raised by a rule for one account. Id = `<rule>:<accountId>`: one alert per rule and account. */
export interface Alert extends SyncFields {
  accountId: string;
  accountName: string;
  rule: AlertRuleId;
  severity: AlertSeverity;
  title: string;
  detail: string;
  raisedAt: IsoDateTime;
  status: AlertStatus;
  snoozedUntil?: IsoDateTime;
  /** "wrong" when a person said the alert was wrong; kept for later learning. */
  feedback?: 'wrong';
  feedbackAt?: IsoDateTime;
  /** Who acknowledged, snoozed or gave feedback. */
  handledBy?: string;
}
