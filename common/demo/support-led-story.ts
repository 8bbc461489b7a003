import type { AccountTier } from '../model';
import { TIER_PROFILES } from './catalogue';
import type { CausalStory, EpochDrivers, OutcomeProbabilities, RenewalSignals } from './drivers';
import { type Random, sigmoid } from '../random/seeded-random';

/**
 * A second book profile with another causal story than the demo book's, for checking that a team can retrain on its
 * own outcomes: here support escalations (clusters of high and urgent tickets) and payment trouble drive churn,
 * while usage, the champion and NPS matter little — they still move (usage declines, champions leave, detractors
 * answer surveys), but at random, unrelated to the account's hidden risk and to its outcome. A model trained on the
 * demo book reads those as churn signals and ranks this book poorly; one retrained on it learns the escalations.
 * The same documents are rendered from these drivers as in the demo book (common/demo/activities.ts etc.).
 */
export function drawSupportLedDrivers(rng: Random, latentRisk: number, tier: AccountTier, earliestDay: number, endDay: number): EpochDrivers {
  const span = endDay - earliestDay;
  if (span < 30) return { failedPayments: 0 };
  const within = (daysBeforeEnd: number) => Math.max(earliestDay, endDay - daysBeforeEnd);
  const drivers: EpochDrivers = { failedPayments: 0 };
  // Noise drivers: as frequent as in the demo book or more, but independent of the hidden risk.
  if (rng.chance(0.4)) drivers.usageDecline = { startDay: within(rng.int(60, 150)), monthlyRate: rng.float(0.2, 0.5) };
  if (span >= 45 && rng.chance(0.25)) drivers.championDepartedOn = within(rng.int(10, 110));
  if (!drivers.usageDecline && rng.chance(0.2)) drivers.seatPressure = { startDay: within(rng.int(90, 180)), targetUtilization: rng.float(0.93, 1) };
  // Escalations: a cluster of mostly severe tickets one to four months before the end of the period.
  if (rng.chance(sigmoid(-1.2 + 1.2 * latentRisk))) {
    const startDay = within(rng.int(45, 115));
    drivers.ticketSpike = { startDay, endDay: Math.min(endDay - 32, startDay + rng.int(7, 21)), count: rng.int(3, 8) };
    if (drivers.ticketSpike.endDay < drivers.ticketSpike.startDay) drivers.ticketSpike = { ...drivers.ticketSpike, endDay: drivers.ticketSpike.startDay };
  }
  if (rng.chance(0.65)) {
    const detractor = rng.chance(0.4);
    drivers.nps = { day: Math.max(earliestDay, endDay - rng.int(5, 80)), score: detractor ? rng.int(0, 6) : rng.int(7, 10) };
  }
  const paymentTrouble = rng.chance(sigmoid(-2.3 + 0.9 * latentRisk + (tier === 'SMB' ? 0.3 : 0)));
  drivers.failedPayments = paymentTrouble ? rng.int(1, 3) : 0;
  return drivers;
}

/** Outcome probabilities of the support-led story: escalations and failed payments; usage only at the margin. */
export function supportLedOutcome(signals: RenewalSignals): OutcomeProbabilities {
  const { drivers, usageTrend, utilization } = signals;
  const spike = drivers.ticketSpike;
  const churnLogit =
    -3.1 +
    0.5 * TIER_PROFILES[signals.tier].churnBias +
    (spike ? 1.1 + 0.45 * spike.count : 0) +
    0.7 * drivers.failedPayments -
    0.2 * Math.min(usageTrend, 0);
  const churn = sigmoid(churnLogit);
  const expansionWeight = Math.exp(-2.0 + (utilization >= 0.9 ? 2.4 : utilization >= 0.75 ? 0.9 : 0) - (spike ? 1 : 0));
  const contractionWeight = Math.exp(-2.4 + (spike ? 0.8 : 0));
  const total = expansionWeight + contractionWeight + 1;
  return {
    churn,
    expansion: ((1 - churn) * expansionWeight) / total,
    contraction: ((1 - churn) * contractionWeight) / total,
    renewal: (1 - churn) / total,
  };
}

export const SUPPORT_LED_STORY: CausalStory = { drawDrivers: drawSupportLedDrivers, outcome: supportLedOutcome };
