import { type UsageMonth, usageMonthId } from '../model';
import type { AccountSimulation } from './account-simulation';
import type { BookWindow } from './book-window';
import { FEATURE_PROFILES } from './catalogue';
import { weekday } from './demo-dates';
import type { Random } from '../random/seeded-random';
import { withSyncFields } from './sync-stamp';

/** Share of the seats in use that log in on a given day. */
const WEEKDAY_ACTIVITY = 0.72;
const WEEKEND_ACTIVITY = 0.16;
const MISSING_DAY_CHANCE = 0.004;

/**
 * Renders the simulated utilisation as daily active users, one document per calendar month of the window.
 * Days before the customer started, after asOf, or with a (rare) reporting gap are `null`.
 */
export function buildUsageMonths(sim: AccountSimulation, window: BookWindow, rng: Random): UsageMonth[] {
  const { profile, renewal } = sim;
  const owner = { ownerId: profile.ownerId, teamId: window.teamId };
  return window.months.map((month) => {
    const activeUsers: (number | null)[] = new Array<number | null>(month.length);
    let userDays = 0;
    for (let offset = 0; offset < month.length; offset += 1) {
      const day = month.firstDay + offset;
      const share = day > window.asOfDay ? Number.NaN : sim.utilization[day - window.simStartDay]!;
      if (Number.isNaN(share) || rng.chance(MISSING_DAY_CHANCE)) {
        activeUsers[offset] = null;
        continue;
      }
      const seats = renewal && day >= renewal.day ? renewal.seatsAfter : renewal ? renewal.seatsBefore : sim.seatsNow;
      const dow = weekday(day);
      const activity = dow === 0 || dow === 6 ? WEEKEND_ACTIVITY : WEEKDAY_ACTIVITY;
      const users = Math.max(0, Math.round(share * seats * activity * (1 + rng.normal(0, 0.08))));
      activeUsers[offset] = users;
      userDays += users;
    }
    const featureEvents: UsageMonth['featureEvents'] = {};
    if (userDays > 0) {
      for (const feature of profile.features) {
        featureEvents[feature] = Math.round(userDays * FEATURE_PROFILES[feature].perUserDay * rng.float(0.75, 1.25));
      }
    }
    return withSyncFields(
      { id: usageMonthId(profile.id, month.key), accountId: profile.id, month: month.key, activeUsers, featureEvents },
      owner,
      window.stamp,
    );
  });
}
