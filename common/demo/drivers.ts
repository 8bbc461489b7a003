import type { AccountTier } from '../model';
import { TIER_PROFILES } from './catalogue';
import { type Random, sigmoid } from '../random/seeded-random';

/**
 * The latent causes behind an account's story in one period — the run-up to a renewal. Each one is made visible in
 * the generated documents (usage falls, tickets cluster, the champion contact departs, an NPS response is low,
 * payments fail), and the renewal outcome is drawn from them.
 */
export interface EpochDrivers {
  /** Active users fall by `monthlyRate` (log scale) per month from `startDay` to the end of the period. */
  usageDecline?: { startDay: number; monthlyRate: number };
  /** Extra, mostly severe, support tickets between the two days. */
  ticketSpike?: { startDay: number; endDay: number; count: number };
  championDepartedOn?: number;
  /** The period's NPS response, if the customer answered the survey. */
  nps?: { day: number; score: number };
  /** Failed payment attempts (dunning retries) on one invoice in the run-up. */
  failedPayments: number;
  /** Active users grow toward the purchased seats, reaching `targetUtilization` by the end of the period. */
  seatPressure?: { startDay: number; targetUtilization: number };
}

export type RenewalOutcome = 'renewal' | 'expansion' | 'contraction' | 'churn';

/** What the account looked like in the ~90 days before a renewal: the inputs of the outcome draw. */
export interface RenewalSignals {
  tier: AccountTier;
  latentRisk: number;
  /** ln(mean utilisation in the last two weeks / mean utilisation three months earlier). */
  usageTrend: number;
  /** Mean share of purchased seats in use over the last two weeks. */
  utilization: number;
  drivers: EpochDrivers;
}

export interface OutcomeProbabilities {
  churn: number;
  expansion: number;
  contraction: number;
  renewal: number;
}

/**
 * Draws the drivers of a period ending at `endDay` (a renewal date, or asOf for the period still running).
 * `earliestDay` is the first day a driver may start (the previous renewal, or the customer's first weeks).
 * A higher `latentRisk` makes every problem more likely, so troubles cluster in the same accounts.
 */
export function drawEpochDrivers(rng: Random, latentRisk: number, tier: AccountTier, earliestDay: number, endDay: number): EpochDrivers {
  const span = endDay - earliestDay;
  if (span < 30) return { failedPayments: 0 };
  const within = (daysBeforeEnd: number) => Math.max(earliestDay, endDay - daysBeforeEnd);
  const drivers: EpochDrivers = { failedPayments: 0 };

  if (rng.chance(sigmoid(-1.9 + 0.9 * latentRisk))) {
    drivers.usageDecline = { startDay: within(rng.int(60, 150)), monthlyRate: rng.float(0.18, 0.45) };
  }
  if (rng.chance(sigmoid(-2.0 + 0.8 * latentRisk))) {
    const startDay = within(rng.int(20, 85));
    drivers.ticketSpike = { startDay, endDay: Math.min(endDay, startDay + rng.int(14, 35)), count: rng.int(3, 7) };
  }
  if (span >= 45 && rng.chance(sigmoid(-2.4 + 0.6 * latentRisk))) {
    drivers.championDepartedOn = within(rng.int(10, 110));
  }
  if (!drivers.usageDecline && rng.chance(sigmoid(-1.7 - 0.8 * latentRisk))) {
    drivers.seatPressure = { startDay: within(rng.int(90, 180)), targetUtilization: rng.float(0.93, 1) };
  }

  const unhappy = rng.chance(
    sigmoid(-2.2 + 0.8 * latentRisk + (drivers.usageDecline ? 1 : 0) + (drivers.ticketSpike ? 1.2 : 0)),
  );
  if (unhappy || rng.chance(0.65)) {
    const npsDay = Math.max(earliestDay, endDay - rng.int(5, 80));
    const score = unhappy ? detractorScore(rng) : satisfiedScore(rng, drivers.seatPressure !== undefined);
    drivers.nps = { day: npsDay, score };
  }

  const paymentTrouble = rng.chance(sigmoid(-2.7 + 0.5 * latentRisk + (tier === 'SMB' ? 0.5 : 0)));
  drivers.failedPayments = paymentTrouble ? rng.int(1, 3) : rng.chance(0.04) ? 1 : 0;
  return drivers;
}

function detractorScore(rng: Random): number {
  return rng.weighted([[0, 1], [1, 1], [2, 2], [3, 3], [4, 4], [5, 5], [6, 5]]);
}

function satisfiedScore(rng: Random, thriving: boolean): number {
  return thriving
    ? rng.weighted([[7, 1], [8, 3], [9, 5], [10, 5]])
    : rng.weighted([[5, 1], [6, 2], [7, 4], [8, 6], [9, 6], [10, 4]]);
}

/** Renewal outcome probabilities: a fixed logistic model of the signals, the ground truth churn models can learn. */
export function outcomeProbabilities(signals: RenewalSignals): OutcomeProbabilities {
  const { drivers, usageTrend, utilization } = signals;
  const npsScore = drivers.nps?.score;
  const lowNps = npsScore !== undefined && npsScore <= 6;
  const promoter = npsScore !== undefined && npsScore >= 9;
  const championLost = drivers.championDepartedOn !== undefined;

  const churnLogit =
    -3.3 +
    TIER_PROFILES[signals.tier].churnBias +
    0.35 * signals.latentRisk -
    2.5 * Math.min(usageTrend, 0.2) +
    (drivers.ticketSpike ? 1.0 : 0) +
    (championLost ? 1.6 : 0) +
    (lowNps ? 1.2 : 0) +
    0.9 * drivers.failedPayments +
    (utilization < 0.25 ? 0.8 : 0);
  const churn = sigmoid(churnLogit);

  const expansionWeight = Math.exp(
    -2.0 +
      (utilization >= 0.9 ? 2.8 : utilization >= 0.75 ? 1.0 : 0) +
      (promoter ? 0.7 : lowNps ? -1.2 : 0) -
      (championLost ? 0.8 : 0) -
      0.5 * drivers.failedPayments +
      2 * Math.max(usageTrend, 0),
  );
  const contractionWeight = Math.exp(-2.6 + (utilization < 0.4 ? 1.6 : 0) + (usageTrend < -0.3 ? 1.0 : 0));
  const total = expansionWeight + contractionWeight + 1;
  return {
    churn,
    expansion: ((1 - churn) * expansionWeight) / total,
    contraction: ((1 - churn) * contractionWeight) / total,
    renewal: (1 - churn) / total,
  };
}

/**
 * The causal story of a generated book: how a period's drivers are drawn and how the renewal outcome follows from
 * them. The demo book tells DEMO_STORY; common/demo/support-led-story.ts tells another (a second book profile).
 */
export interface CausalStory {
  readonly drawDrivers: (rng: Random, latentRisk: number, tier: AccountTier, earliestDay: number, endDay: number) => EpochDrivers;
  readonly outcome: (signals: RenewalSignals) => OutcomeProbabilities;
}

/** The demo book's story: usage, the champion, NPS, tickets and payments drive churn (outcomeProbabilities). */
export const DEMO_STORY: CausalStory = { drawDrivers: drawEpochDrivers, outcome: outcomeProbabilities };

export function drawOutcome(rng: Random, probabilities: OutcomeProbabilities): RenewalOutcome {
  return rng.weighted([
    ['churn', probabilities.churn],
    ['expansion', probabilities.expansion],
    ['contraction', probabilities.contraction],
    ['renewal', probabilities.renewal],
  ]);
}
