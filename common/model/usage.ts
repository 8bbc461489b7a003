import type { SyncFields } from './sync-fields';

/**
 * Product features whose breadth of use measures adoption (`featureBreadth` counts only these six, so the shipped
 * model and the scorecard keep their meaning). A usage month may also hold the team's own features (feature-keys.ts).
 */
export const PRODUCT_FEATURES = ['dashboards', 'reports', 'integrations', 'automation', 'api', 'sso'] as const;
export type ProductFeature = (typeof PRODUCT_FEATURES)[number];

/** The six product features as a person reads them (import fields, the trigger editor). */
export const PRODUCT_FEATURE_LABELS: Readonly<Record<ProductFeature, string>> = {
  dashboards: 'Dashboards',
  reports: 'Reports',
  integrations: 'Integrations',
  automation: 'Automation',
  api: 'API',
  sso: 'SSO',
};

/**
 * One account's product usage for one calendar month: the daily series in arrays indexed by day-of-month minus one.
 * 10,000 accounts x 365 days become 120,000 small documents instead of 3.65 million.
 * Id: `<accountId>:<YYYY-MM>`.
 */
export interface UsageMonth extends SyncFields {
  accountId: string;
  /** `YYYY-MM`. */
  month: string;
  /** Distinct active users per day; `null` where no data was reported for that day. */
  activeUsers: (number | null)[];
  /**
   * Monthly event counts per feature: the six product features and the team's own (key: the event name's
   * normalised form, `featureKey`; at most OWN_FEATURE_CAP own keys per book). A feature without data is absent.
   */
  featureEvents: Partial<Record<string, number>>;
}

export function usageMonthId(accountId: string, month: string): string {
  return `${accountId}:${month}`;
}
