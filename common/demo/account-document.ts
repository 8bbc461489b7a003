import type { Account, LifecycleStage } from '../model';
import type { AccountSimulation } from './account-simulation';
import type { BookWindow } from './book-window';
import { dayToIsoDate, dayToIsoDateTime } from './demo-dates';
import { withSyncFields } from './sync-stamp';

/** The account as the book shows it at asOf. */
export function buildAccount(sim: AccountSimulation, window: BookWindow): Account {
  const { profile } = sim;
  const churned = sim.churnDay !== undefined;
  const recent = meanRecentUtilization(sim, 30);
  return withSyncFields(
    {
      id: profile.id,
      externalId: profile.externalId,
      name: profile.name,
      domain: profile.domain,
      industry: profile.industry,
      region: profile.region,
      tier: profile.tier,
      status: churned ? 'churned' : 'active',
      lifecycleStage: lifecycleStage(sim, window),
      ownerName: profile.ownerName,
      plan: profile.plan,
      seatsPurchased: sim.seatsNow,
      seatsActive: churned ? 0 : Math.min(sim.seatsNow, Math.round(recent * sim.seatsNow)),
      mrr: sim.mrrNow,
      contractStart: dayToIsoDate(sim.termStartDay),
      renewalDate: dayToIsoDate(sim.termEndDay),
      createdAt: dayToIsoDateTime(sim.customerSinceDay, 9 * 60),
    },
    { ownerId: profile.ownerId, teamId: window.teamId },
    window.stamp,
  );
}

function lifecycleStage(sim: AccountSimulation, window: BookWindow): LifecycleStage {
  const tenure = window.asOfDay - sim.customerSinceDay;
  if (sim.churnDay !== undefined) return 'renewal';
  if (tenure < 90) return 'onboarding';
  if (sim.termEndDay - window.asOfDay <= 90) return 'renewal';
  return tenure < 365 ? 'adoption' : 'mature';
}

function meanRecentUtilization(sim: AccountSimulation, days: number): number {
  let sum = 0;
  let count = 0;
  for (let i = sim.utilization.length - days; i < sim.utilization.length; i += 1) {
    const value = sim.utilization[i];
    if (value !== undefined && !Number.isNaN(value)) {
      sum += value;
      count += 1;
    }
  }
  return count === 0 ? 0 : sum / count;
}
