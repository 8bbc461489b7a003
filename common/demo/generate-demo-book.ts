import type { Account, Activity, Contact, RevenueEvent, UsageMonth } from '../model';
import { buildAccount } from './account-document';
import { simulateAccount, STREAMS, streamRandom } from './account-simulation';
import { buildActivities } from './activities';
import { type BookWindow, bookWindow, type DemoBookParams } from './book-window';
import { buildContacts } from './contacts';
import { dayToIsoDate } from './demo-dates';
import type { EpochDrivers, OutcomeProbabilities, RenewalOutcome } from './drivers';
import { buildRevenueEvents } from './revenue';
import { buildUsageMonths } from './usage-series';

export type { DemoBookParams } from './book-window';

/** Everything the book holds about one account, ready for the five account-scoped collections. */
export interface AccountBundle {
  account: Account;
  contacts: Contact[];
  usage: UsageMonth[];
  activities: Activity[];
  revenue: RevenueEvent[];
}

/**
 * A realistic, deterministic B2B SaaS book: the same options give the same documents. Streams one account at a
 * time, so even 100,000 accounts never sit in memory together.
 */
export function* generateDemoBook(options: DemoBookParams): Generator<AccountBundle> {
  const window = bookWindow(options);
  for (let index = 0; index < options.accounts; index += 1) yield buildBundle(window, index);
}

/** One account of the book, generated on its own (identical to the same account inside `generateDemoBook`). */
export function generateDemoAccount(options: DemoBookParams, index: number): AccountBundle {
  return buildBundle(bookWindow(options), index);
}

/** generateDemoAccount for many indexes of one book: its window is computed once. */
export function demoAccountGenerator(options: DemoBookParams): (index: number) => AccountBundle {
  const window = bookWindow(options);
  return (index) => buildBundle(window, index);
}

/**
 * The account document alone for many indexes of one book (identical to the bundle's `account`): simulating the account
 * without building its contacts, usage, activities and revenue costs a fifth to a seventh of the whole bundle, so a
 * first start stores every account, and opens the grid, sooner.
 */
export function demoAccountDocumentGenerator(options: DemoBookParams): (index: number) => Account {
  const window = bookWindow(options);
  return (index) => buildAccount(simulateAccount(window, index), window);
}

function buildBundle(window: BookWindow, index: number): AccountBundle {
  const sim = simulateAccount(window, index);
  const contacts = buildContacts(sim, window, streamRandom(window, index, STREAMS.contacts));
  return {
    account: buildAccount(sim, window),
    contacts,
    usage: buildUsageMonths(sim, window, streamRandom(window, index, STREAMS.series)),
    activities: buildActivities(sim, contacts, window, streamRandom(window, index, STREAMS.activities)),
    revenue: buildRevenueEvents(sim, window, streamRandom(window, index, STREAMS.revenue)),
  };
}

/** Drivers of one period with dates as ISO strings. */
export interface DemoDrivers {
  usageDecline?: { startsOn: string; monthlyRate: number };
  ticketSpike?: { startsOn: string; endsOn: string; count: number };
  championDepartedOn?: string;
  nps?: { on: string; score: number };
  failedPayments: number;
  seatPressure?: { startsOn: string; targetUtilization: number };
}

/**
 * The hidden truth behind one account — for training and checking risk models, never stored in the book:
 * the drivers and outcome of the renewal inside the window, and the drivers and churn probability right now.
 */
export interface DemoAccountTruth {
  accountId: string;
  latentRisk: number;
  renewal?: {
    date: string;
    outcome: RenewalOutcome;
    probabilities: OutcomeProbabilities;
    usageTrend: number;
    utilization: number;
    seatsBefore: number;
    seatsAfter: number;
    drivers: DemoDrivers;
  };
  current?: { probabilities: OutcomeProbabilities; drivers: DemoDrivers };
}

export function* demoGroundTruth(options: DemoBookParams): Generator<DemoAccountTruth> {
  const window = bookWindow(options);
  for (let index = 0; index < options.accounts; index += 1) yield truthOf(window, index);
}

export function demoAccountTruth(options: DemoBookParams, index: number): DemoAccountTruth {
  return truthOf(bookWindow(options), index);
}

function truthOf(window: BookWindow, index: number): DemoAccountTruth {
  const sim = simulateAccount(window, index);
  const renewalEpoch = sim.epochs.find((epoch) => epoch.kind === 'renewal');
  const currentEpoch = sim.epochs.find((epoch) => epoch.kind === 'current');
  const { renewal } = sim;
  return {
    accountId: sim.profile.id,
    latentRisk: sim.latentRisk,
    ...(renewal && renewalEpoch
      ? {
          renewal: {
            date: dayToIsoDate(renewal.day),
            outcome: renewal.outcome,
            probabilities: renewal.probabilities,
            usageTrend: renewal.signals.usageTrend,
            utilization: renewal.signals.utilization,
            seatsBefore: renewal.seatsBefore,
            seatsAfter: renewal.seatsAfter,
            drivers: datedDrivers(renewalEpoch.drivers),
          },
        }
      : {}),
    ...(sim.currentProbabilities && currentEpoch
      ? { current: { probabilities: sim.currentProbabilities, drivers: datedDrivers(currentEpoch.drivers) } }
      : {}),
  };
}

function datedDrivers(drivers: EpochDrivers): DemoDrivers {
  const { usageDecline, ticketSpike, championDepartedOn, nps, seatPressure } = drivers;
  return {
    failedPayments: drivers.failedPayments,
    ...(usageDecline ? { usageDecline: { startsOn: dayToIsoDate(usageDecline.startDay), monthlyRate: usageDecline.monthlyRate } } : {}),
    ...(ticketSpike
      ? { ticketSpike: { startsOn: dayToIsoDate(ticketSpike.startDay), endsOn: dayToIsoDate(ticketSpike.endDay), count: ticketSpike.count } }
      : {}),
    ...(championDepartedOn === undefined ? {} : { championDepartedOn: dayToIsoDate(championDepartedOn) }),
    ...(nps ? { nps: { on: dayToIsoDate(nps.day), score: nps.score } } : {}),
    ...(seatPressure ? { seatPressure: { startsOn: dayToIsoDate(seatPressure.startDay), targetUtilization: seatPressure.targetUtilization } } : {}),
  };
}
