import type { FeatureName } from './account-features';

/** Below this many days since the last touch, contact is recent: it cannot be why an account is at risk. */
export const RECENT_TOUCH_DAYS = 30;

/**
 * Whether a factor that raises churn risk can be named to a person as a cause ("Main drivers: …"). The model may
 * attribute risk to a recent touch (accounts in trouble get more calls: a correlation), but "last touch 0 days ago"
 * is not a reason an account would churn; long silence is. Everything else the model names is kept.
 */
export function readsAsChurnCause(factor: { feature: FeatureName | string; value: number | null }): boolean {
  if (factor.feature === 'days_since_touch') return factor.value === null || factor.value >= RECENT_TOUCH_DAYS;
  return true;
}
