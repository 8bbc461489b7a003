import { type AccountProfile, drawProfile, mrrFor } from './account-profile';
import type { BookWindow } from './book-window';
import { addMonthsOnDay, addYears, dayOfMonth } from './demo-dates';
import { drawOutcome, type EpochDrivers, type OutcomeProbabilities, type RenewalOutcome, type RenewalSignals } from './drivers';
import { deriveSeed, Random } from '../random/seeded-random';

/** Independent random streams per concern, so changing how one is drawn does not reshuffle the others. */
export const STREAMS = { profile: 1, drivers: 2, usage: 3, outcome: 4, contacts: 5, activities: 6, revenue: 7, series: 8 } as const;

export function streamRandom(window: BookWindow, index: number, stream: number): Random {
  return new Random(deriveSeed(window.seed, index, stream));
}

export interface Epoch {
  /** 'renewal': the run-up to the renewal inside the window; 'current': the period still running at asOf. */
  kind: 'renewal' | 'current';
  startDay: number;
  endDay: number;
  drivers: EpochDrivers;
}

export interface RenewalRecord {
  day: number;
  outcome: RenewalOutcome;
  probabilities: OutcomeProbabilities;
  signals: RenewalSignals;
  seatsBefore: number;
  seatsAfter: number;
  mrrBefore: number;
  mrrAfter: number;
}

export interface PaymentFailure {
  invoiceDay: number;
  failureDays: number[];
  /** When the invoice was finally paid; absent if it never was. */
  paidDay?: number;
}

/** The whole hidden story of one account; the document builders only render it. */
export interface AccountSimulation {
  profile: AccountProfile;
  latentRisk: number;
  customerSinceDay: number;
  epochs: Epoch[];
  renewal?: RenewalRecord;
  churnDay?: number;
  seatsNow: number;
  mrrNow: number;
  termStartDay: number;
  termEndDay: number;
  /** Share of purchased seats in use per day, from `window.simStartDay` to asOf; NaN before the customer started. */
  utilization: Float64Array;
  invoiceDays: number[];
  paymentFailures: PaymentFailure[];
  /** The outcome probabilities if the account renewed at asOf (absent once churned): the current risk. */
  currentProbabilities?: OutcomeProbabilities;
}

const ONBOARDING_RAMP_DAYS = 75;
const MIN_LOG_UTILIZATION = Math.log(0.02);

export function simulateAccount(window: BookWindow, index: number): AccountSimulation {
  const profile = drawProfile(streamRandom(window, index, STREAMS.profile), window.seed, index, window.roster);
  const driverRng = streamRandom(window, index, STREAMS.drivers);
  const usageRng = streamRandom(window, index, STREAMS.usage);
  const outcomeRng = streamRandom(window, index, STREAMS.outcome);
  const { asOfDay, simStartDay, windowStartDay } = window;

  const latentRisk = driverRng.normal();
  const customerSinceDay = asOfDay - profile.tenureDays;
  const lastAnniversary = latestAnniversary(customerSinceDay, asOfDay);
  const renewalDay = lastAnniversary !== undefined && lastAnniversary >= windowStartDay ? lastAnniversary : undefined;
  const invoiceDays = scheduleInvoices(customerSinceDay, profile.billing, windowStartDay, asOfDay);
  const driversFrom = customerSinceDay + 45;

  const epochs: Epoch[] = [];
  const paymentFailures: PaymentFailure[] = [];
  const openEpoch = (kind: Epoch['kind'], startDay: number, endDay: number): Epoch => {
    const drivers = window.story.drawDrivers(driverRng, latentRisk, profile.tier, Math.max(startDay, driversFrom), endDay);
    const failure = placePaymentFailures(invoiceDays, drivers.failedPayments, startDay, endDay, asOfDay);
    drivers.failedPayments = failure?.failureDays.length ?? 0;
    if (failure) paymentFailures.push(failure);
    const epoch = { kind, startDay, endDay, drivers };
    epochs.push(epoch);
    return epoch;
  };

  let epoch =
    renewalDay !== undefined
      ? openEpoch('renewal', Math.max(simStartDay, addYears(renewalDay, -1)), renewalDay)
      : openEpoch('current', Math.max(simStartDay, customerSinceDay), asOfDay);

  const utilization = new Float64Array(asOfDay - simStartDay + 1).fill(Number.NaN);
  const baseUtilization = clamp(usageRng.normal(0.68 - 0.08 * latentRisk, 0.12), 0.2, 0.92);
  const baseDriftPerDay = usageRng.normal(0, 0.03) / 30;
  let logU = Math.log(baseUtilization);
  let pressureSlope: number | undefined;
  let seats = profile.seats;
  let renewal: RenewalRecord | undefined;
  let churnDay: number | undefined;

  for (let day = Math.max(simStartDay, customerSinceDay); day <= asOfDay; day += 1) {
    const i = day - simStartDay;
    if (churnDay !== undefined) {
      utilization[i] = day - churnDay <= 10 ? 0.03 : 0;
      continue;
    }
    let drift = baseDriftPerDay + usageRng.normal(0, 0.008);
    const { usageDecline, seatPressure } = epoch.drivers;
    if (usageDecline && day >= usageDecline.startDay) drift -= usageDecline.monthlyRate / 30;
    if (seatPressure && day >= seatPressure.startDay) {
      pressureSlope ??= (Math.log(seatPressure.targetUtilization) - logU) / Math.max(1, epoch.endDay - day);
      drift += pressureSlope;
    }
    logU = clamp(logU + drift, MIN_LOG_UTILIZATION, 0);
    const sinceStart = day - customerSinceDay;
    const ramp = sinceStart < ONBOARDING_RAMP_DAYS ? 0.25 + (0.75 * sinceStart) / ONBOARDING_RAMP_DAYS : 1;
    utilization[i] = Math.exp(logU) * ramp;

    if (day === renewalDay) {
      const signals = renewalSignals(utilization, day - simStartDay, profile, latentRisk, epoch.drivers);
      const probabilities = window.story.outcome(signals);
      const outcome = drawOutcome(outcomeRng, probabilities);
      const seatsAfter =
        outcome === 'expansion'
          ? Math.ceil(seats * outcomeRng.float(1.15, 1.5))
          : outcome === 'contraction'
            ? Math.max(3, Math.floor(seats * outcomeRng.float(0.6, 0.88)))
            : seats;
      const mrrBefore = mrrFor(seats, profile.seatPrice);
      renewal = {
        day,
        outcome,
        probabilities,
        signals,
        seatsBefore: seats,
        seatsAfter,
        mrrBefore,
        mrrAfter: outcome === 'churn' ? 0 : mrrFor(seatsAfter, profile.seatPrice),
      };
      if (outcome === 'churn') {
        churnDay = day;
        continue;
      }
      // The same people now spread over a different number of seats.
      logU = clamp(logU + Math.log(seats / seatsAfter), MIN_LOG_UTILIZATION, 0);
      seats = seatsAfter;
      pressureSlope = undefined;
      if (day < asOfDay) epoch = openEpoch('current', day + 1, asOfDay);
    }
  }

  for (const failure of paymentFailures) {
    const churnedAfter = churnDay !== undefined && failure.invoiceDay < churnDay;
    const lastFailure = failure.failureDays[failure.failureDays.length - 1]!;
    const paidDay = lastFailure + outcomeRng.int(2, 9);
    if (!churnedAfter && paidDay <= asOfDay && outcomeRng.chance(0.65)) failure.paidDay = paidDay;
  }

  const churned = churnDay !== undefined;
  const termStartDay = churned ? addYears(churnDay!, -1) : (lastAnniversary ?? customerSinceDay);
  const current = epochs[epochs.length - 1]!;
  return {
    profile,
    latentRisk,
    customerSinceDay,
    epochs,
    ...(renewal ? { renewal } : {}),
    ...(churned ? { churnDay } : {}),
    seatsNow: seats,
    mrrNow: churned ? 0 : mrrFor(seats, profile.seatPrice),
    termStartDay,
    termEndDay: churned ? churnDay! : addYears(termStartDay, 1),
    utilization,
    invoiceDays: churned ? invoiceDays.filter((d) => d < churnDay!) : invoiceDays,
    paymentFailures,
    ...(churned || current.kind !== 'current'
      ? {}
      : {
          currentProbabilities: window.story.outcome(
            renewalSignals(utilization, asOfDay - simStartDay, { ...profile, seats }, latentRisk, current.drivers),
          ),
        }),
  };
}

function renewalSignals(
  utilization: Float64Array,
  endIndex: number,
  profile: AccountProfile,
  latentRisk: number,
  drivers: EpochDrivers,
): RenewalSignals {
  const recent = meanOf(utilization, endIndex - 13, endIndex);
  const earlier = meanOf(utilization, endIndex - 103, endIndex - 90);
  return {
    tier: profile.tier,
    latentRisk,
    usageTrend: Number.isNaN(earlier) || earlier <= 0 ? 0 : Math.log(Math.max(recent, 0.001) / earlier),
    utilization: Number.isNaN(recent) ? 0 : recent,
    drivers,
  };
}

/** Mean of the defined values in [from, to]; NaN if there are none. */
function meanOf(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  let count = 0;
  for (let i = Math.max(0, from); i <= to && i < values.length; i += 1) {
    const value = values[i]!;
    if (!Number.isNaN(value)) {
      sum += value;
      count += 1;
    }
  }
  return count === 0 ? Number.NaN : sum / count;
}

/** The latest contract anniversary (1+ years after the start) on or before `asOfDay`. */
function latestAnniversary(customerSinceDay: number, asOfDay: number): number | undefined {
  let years = Math.floor((asOfDay - customerSinceDay) / 365.25) + 1;
  while (years >= 1 && addYears(customerSinceDay, years) > asOfDay) years -= 1;
  return years >= 1 ? addYears(customerSinceDay, years) : undefined;
}

/** Invoice days in the window: monthly or quarterly on the day of month the customer signed (28th at the latest). */
function scheduleInvoices(customerSinceDay: number, billing: 'monthly' | 'quarterly', fromDay: number, toDay: number): number[] {
  const step = billing === 'monthly' ? 1 : 3;
  const anchor = Math.min(28, dayOfMonth(customerSinceDay));
  const days: number[] = [];
  let k = Math.max(0, Math.floor((fromDay - customerSinceDay) / 31 / step) - 1);
  for (;; k += 1) {
    const day = addMonthsOnDay(customerSinceDay, k * step, anchor);
    if (day > toDay) break;
    if (day >= fromDay && day >= customerSinceDay) days.push(day);
  }
  return days;
}

/** Dunning retries on the last invoice of the run-up, five days apart; none if no invoice fits. */
function placePaymentFailures(
  invoiceDays: readonly number[],
  attempts: number,
  startDay: number,
  endDay: number,
  asOfDay: number,
): PaymentFailure | undefined {
  if (attempts === 0) return undefined;
  let invoiceDay: number | undefined;
  for (const day of invoiceDays) if (day >= Math.max(startDay, endDay - 100) && day <= endDay - 15) invoiceDay = day;
  if (invoiceDay === undefined) return undefined;
  const failureDays: number[] = [];
  for (let n = 0; n < attempts; n += 1) {
    const day = invoiceDay + 5 * n;
    if (day <= asOfDay) failureDays.push(day);
  }
  return { invoiceDay, failureDays };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
