import { FEATURE_INDEX } from './account-features';

/** Why an account has no model score although it is active: its data is older than every feature window. */
export const NOT_ENOUGH_RECENT_DATA = 'not-enough-recent-data' as const;

/** How many days back a touch or a ticket still counts as recent data (the longest activity window of the features). */
export const RECENT_ACTIVITY_DAYS = 90;

const USERS = FEATURE_INDEX.active_users_30d;
const TICKETS = FEATURE_INDEX.tickets_90d;
const TOUCH = FEATURE_INDEX.days_since_touch;

/**
 * Whether an account's feature row rests on recent data: usage reported in the last 30 days, or a ticket or a touch
 * in the last 90. Without any (an imported book whose history ended months ago) every window is empty and a model
 * would still give a confident near-zero risk; the account gets "not enough recent data" instead of a score.
 * Read from the feature row, so the raw and the digest feature paths agree by construction.
 */
export function hasRecentData(row: ArrayLike<number>): boolean {
  return Number.isFinite(row[USERS]!) || row[TICKETS]! > 0 || row[TOUCH]! <= RECENT_ACTIVITY_DAYS;
}
