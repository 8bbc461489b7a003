import type { Account } from '../model';
import { type AccountHistory, FEATURE_COUNT, featureBreadth, writeFeatureRow } from './account-features';
import { type CatalogueDigest, catalogueDigestOf } from './catalogue-digest';

/**
 * The feature pipeline in two stages. `digestOf(history, builtFor)` condenses an account's raw history (a year of
 * usage months, every activity, revenue event and contact) into the few dated facts the features can still need at
 * any cutoff from `builtFor` on; `featuresFromDigest(digest, account, cutoff)` computes the feature row from it.
 * For every cutoff ≥ builtFor the result equals `accountFeatures(history, cutoff)` (the reference, which training
 * uses) value for value — a property test holds the two together, so serving from digests adds no skew.
 *
 * Why this is exact for every later cutoff: each window ends at the cutoff and reaches back a fixed span, so as the
 * cutoff moves forward a fact can only drop out, never come back. A fact is kept when it is inside its window at
 * `builtFor` (tested with the very expression the features use) or could become relevant later (dated after
 * `builtFor`, an open ticket, a contact still there). Account fields (seats, MRR fallback) are read at scoring time,
 * so an edit of the account itself needs no new digest.
 *
 * Stored as plain JSON (RxDB local documents), so only numbers, strings and null.
 */
export interface FeatureDigest {
  /** DIGEST_FORMAT the digest was built with; any other format is rebuilt. */
  readonly format: number;
  readonly accountId: string;
  /** The earliest cutoff (epoch ms) the digest answers for. */
  readonly builtFor: number;
  /** Day number (epoch ms / day) of usageSum[0]. */
  readonly usageFromDay: number;
  /** Per day from usageFromDay: sum and number of reported daily-active-user values (integers, so any order sums exactly). */
  readonly usageSum: number[];
  readonly usageCount: number[];
  /** The last full month at builtFor and every later month: [`YYYY-MM`, key features used, null = no feature counts reported]. */
  readonly months: [string, number | null][];
  /** Tickets that still count (opened in 90 days or not closed before builtFor): [openedAt, severe 0/1, closedAt or null = never]. */
  readonly tickets: [number, number, number | null][];
  /** NPS responses within 365 days of builtFor or later, in history order: [at, score]. */
  readonly nps: [number, number][];
  /** Touches (email, call, meeting, QBR): the latest before builtFor and every later one. */
  readonly touches: number[];
  /** Failed payments within 180 days of builtFor or later. */
  readonly failedPayments: number[];
  /** Revenue events that can be the latest: the latest before builtFor and every later one, in history order: [date, at, mrrAfter]. */
  readonly revenue: [string, number, number][];
  /** Contacts departed within 180 days of builtFor or later. */
  readonly departures: number[];
  /** Champions and executive sponsors not gone before builtFor: [role 'c' | 's', departedAt or null = never]. */
  readonly keyContacts: ['c' | 's', number | null][];
  /** What the team's catalogue columns need (catalogue-digest.ts). */
  readonly catalogue: CatalogueDigest;
}

/** Bump when FeatureDigest or the features computed from it change: every stored digest is then rebuilt. */
export const DIGEST_FORMAT = 3;

const DAY = 86_400_000;
const TOUCHES = new Set(['email', 'call', 'meeting', 'qbr']);

/** Epoch ms of a `YYYY-MM` month's first day (memoised: every account of a book has the same few months). */
function monthStartMs(month: string): number {
  let start = monthStarts.get(month);
  if (start === undefined) {
    start = Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1);
    if (monthStarts.size >= 5_000) monthStarts.clear();
    monthStarts.set(month, start);
  }
  return start;
}
const monthStarts = new Map<string, number>();

/** Milliseconds as stored: NaN (an unparseable date) never passes a `< cutoff` test, so it is stored as "never". */
const orNever = (ms: number): number | null => (Number.isNaN(ms) ? null : ms);

/** The digest of an account's history, answering every cutoff ≥ `builtFor`. */
export function digestOf(history: Omit<AccountHistory, 'account'> & { account: Pick<Account, 'id'> }, builtFor: number): FeatureDigest {
  const cutoffMs = builtFor;
  // Usage: every reported day with ago ≤ 90 at builtFor (the same expression as accountFeatures), including later days.
  // Summed per day into arrays indexed from a day safely below the window.
  const lowDay = Math.floor(cutoffMs / DAY) - 92;
  const sums: number[] = [];
  const counts: number[] = [];
  let from = Infinity;
  let to = -Infinity;
  let lastFull: string | undefined;
  let lastFullBreadth: number | null = null;
  const laterMonths: [string, number | null][] = [];
  for (const month of history.usage) {
    const start = monthStartMs(month.month);
    const users = month.activeUsers;
    // ago only grows towards the start of the month: when the last day is out of the window, all are.
    if ((cutoffMs - (start + (users.length - 1) * DAY)) / DAY <= 90) {
      for (let d = 0; d < users.length; d++) {
        const value = users[d];
        if (value === null || value === undefined) continue;
        const ago = (cutoffMs - (start + d * DAY)) / DAY;
        if (!(ago <= 90)) continue;
        const k = Math.round((start + d * DAY) / DAY) - lowDay;
        if (sums[k] === undefined) {
          sums[k] = value;
          counts[k] = 1;
        } else {
          sums[k] += value;
          counts[k]!++;
        }
        if (k < from) from = k;
        if (k > to) to = k;
      }
    }
    const measured = featureBreadth(month.featureEvents);
    const breadth = Number.isNaN(measured) ? null : measured;
    if (start + 31 * DAY <= cutoffMs) {
      if (lastFull === undefined || month.month > lastFull) {
        lastFull = month.month;
        lastFullBreadth = breadth;
      }
    } else laterMonths.push([month.month, breadth]);
  }
  const usageSum: number[] = [];
  const usageCount: number[] = [];
  for (let k = from; k <= to; k++) {
    usageSum.push(sums[k] ?? 0);
    usageCount.push(counts[k] ?? 0);
  }
  const months: [string, number | null][] = lastFull === undefined ? laterMonths : [[lastFull, lastFullBreadth], ...laterMonths];

  const tickets: [number, number, number | null][] = [];
  const nps: [number, number][] = [];
  const touches: number[] = [];
  let lastTouchBefore = -Infinity;
  for (const activity of history.activities) {
    const at = Date.parse(activity.occurredAt);
    if (Number.isNaN(at)) continue; // never before any cutoff
    const ago = (cutoffMs - at) / DAY;
    if (activity.type === 'support_ticket') {
      const ticket = activity.ticket;
      const closedAt = ticket?.status === 'closed' ? (ticket.closedAt === undefined ? -Infinity : Date.parse(ticket.closedAt)) : Number.NaN;
      const countsLater = !(ago > 90); // opened within 90 days of builtFor, or later
      const openLater = ticket !== undefined && !(closedAt < cutoffMs);
      if (countsLater || openLater) {
        const severe = ticket?.severity === 'high' || ticket?.severity === 'urgent' ? 1 : 0;
        // A ticket without ticket details never counts as open: store it as closed since forever.
        tickets.push([at, severe, ticket === undefined || closedAt === -Infinity ? Number.MIN_SAFE_INTEGER : orNever(closedAt)]);
      }
    } else if (activity.type === 'nps') {
      if (activity.npsScore !== undefined && ago <= 365) nps.push([at, activity.npsScore]);
    } else if (TOUCHES.has(activity.type)) {
      if (at < cutoffMs) {
        if (at > lastTouchBefore) lastTouchBefore = at;
      } else touches.push(at);
    }
  }
  if (Number.isFinite(lastTouchBefore)) touches.push(lastTouchBefore);

  const failedPayments: number[] = [];
  const revenue: [string, number, number][] = [];
  let lastBefore: { index: number; date: string } | undefined;
  history.revenue.forEach((event, index) => {
    const at = Date.parse(event.date);
    if (Number.isNaN(at)) return;
    if (event.kind === 'payment_failed' && !((cutoffMs - at) / DAY > 180)) failedPayments.push(at);
    if (at < cutoffMs) {
      if (!lastBefore || event.date > lastBefore.date) lastBefore = { index, date: event.date };
    }
  });
  history.revenue.forEach((event, index) => {
    const at = Date.parse(event.date);
    if (Number.isNaN(at)) return;
    if (!(at < cutoffMs) || index === lastBefore?.index) revenue.push([event.date, at, event.mrrAfter]);
  });

  const departures: number[] = [];
  const keyContacts: ['c' | 's', number | null][] = [];
  for (const contact of history.contacts) {
    const departedAt = contact.departedOn === undefined ? Number.NaN : Date.parse(contact.departedOn);
    if (departedAt < cutoffMs) {
      if ((cutoffMs - departedAt) / DAY <= 180) departures.push(departedAt);
      continue;
    }
    if (!Number.isNaN(departedAt)) departures.push(departedAt);
    if (contact.role === 'champion') keyContacts.push(['c', orNever(departedAt)]);
    else if (contact.role === 'executive_sponsor') keyContacts.push(['s', orNever(departedAt)]);
  }

  return {
    format: DIGEST_FORMAT,
    accountId: history.account.id,
    builtFor,
    usageFromDay: usageSum.length > 0 ? from + lowDay : 0,
    usageSum,
    usageCount,
    months,
    tickets,
    nps,
    touches,
    failedPayments,
    revenue,
    departures,
    keyContacts,
    catalogue: catalogueDigestOf(history, builtFor),
  };
}

/** Whether a stored digest can answer `cutoffMs` (right format, built for this cutoff or an earlier one). */
export function digestCovers(digest: FeatureDigest | undefined, cutoffMs: number): digest is FeatureDigest {
  return digest !== undefined && digest.format === DIGEST_FORMAT && digest.builtFor <= cutoffMs;
}

/**
 * The feature row (FEATURE_NAMES order) at `cutoffMs` from a digest; equals `accountFeatures` on the history the
 * digest was built from. Writes into `out` when given (the engine reuses one buffer per batch).
 */
export function featuresFromDigest(
  digest: FeatureDigest,
  account: Pick<Account, 'seatsPurchased' | 'mrr'>,
  cutoffMs: number,
  seatsPurchased = account.seatsPurchased,
  out: Float64Array | Float32Array = new Float64Array(FEATURE_COUNT),
): Float64Array | Float32Array {
  if (digest.format !== DIGEST_FORMAT || digest.builtFor > cutoffMs) throw new Error(`featuresFromDigest: the digest of ${digest.accountId} (format ${digest.format}, built for ${digest.builtFor}) cannot answer cutoff ${cutoffMs}`);
  let recentSum = 0;
  let recentDays = 0;
  let earlierSum = 0;
  let earlierDays = 0;
  const { usageSum, usageCount, usageFromDay } = digest;
  for (let i = 0; i < usageSum.length; i++) {
    const count = usageCount[i]!;
    if (count === 0) continue;
    const ago = (cutoffMs - (usageFromDay + i) * DAY) / DAY;
    if (ago > 0 && ago <= 30) {
      recentSum += usageSum[i]!;
      recentDays += count;
    } else if (ago > 60 && ago <= 90) {
      earlierSum += usageSum[i]!;
      earlierDays += count;
    }
  }
  const recent = recentDays > 0 ? recentSum / recentDays : Number.NaN;
  const earlier = earlierDays > 0 ? earlierSum / earlierDays : Number.NaN;

  let breadth = Number.NaN;
  let lastFull: string | undefined;
  for (const [month, used] of digest.months) {
    if (monthStartMs(month) + 31 * DAY <= cutoffMs && (lastFull === undefined || month > lastFull)) {
      lastFull = month;
      breadth = used ?? Number.NaN;
    }
  }

  let tickets = 0;
  let severe = 0;
  let open = 0;
  for (const [at, isSevere, closedAt] of digest.tickets) {
    if (!(at < cutoffMs)) continue;
    if ((cutoffMs - at) / DAY <= 90) {
      tickets++;
      severe += isSevere;
    }
    if (!(closedAt !== null && closedAt < cutoffMs)) open++;
  }

  let lastNpsAt = -Infinity;
  let lastNps = Number.NaN;
  for (const [at, score] of digest.nps) {
    if (at < cutoffMs && (cutoffMs - at) / DAY <= 365 && at > lastNpsAt) {
      lastNpsAt = at;
      lastNps = score;
    }
  }

  let lastTouch = -Infinity;
  for (const at of digest.touches) if (at < cutoffMs && at > lastTouch) lastTouch = at;

  let failed = 0;
  for (const at of digest.failedPayments) if (at < cutoffMs && (cutoffMs - at) / DAY <= 180) failed++;
  let lastDate: string | undefined;
  let lastMrr = Number.NaN;
  for (const [date, at, mrrAfter] of digest.revenue) {
    if (at < cutoffMs && (lastDate === undefined || date > lastDate)) {
      lastDate = date;
      lastMrr = mrrAfter;
    }
  }

  let departed = 0;
  for (const at of digest.departures) if (at < cutoffMs && (cutoffMs - at) / DAY <= 180) departed++;
  let champion = 0;
  let sponsor = 0;
  for (const [role, departedAt] of digest.keyContacts) {
    if (departedAt !== null && departedAt < cutoffMs) continue;
    if (role === 'c') champion = 1;
    else sponsor = 1;
  }

  const mrr = lastDate !== undefined ? lastMrr : account.mrr;
  return writeFeatureRow(out, cutoffMs, { recent, earlier, seatsPurchased, breadth, tickets, severe, open, lastNps, lastTouch, failed, mrr, departed, champion, sponsor });
}
