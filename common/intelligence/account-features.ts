import type { Account, Activity, Contact, RevenueEvent, UsageMonth } from '../model';
import { PRODUCT_FEATURES } from '../model';

/** What one account's history holds, as the book stores it. */
export interface AccountHistory {
  readonly account: Account;
  readonly contacts: readonly Contact[];
  readonly usage: readonly UsageMonth[];
  readonly activities: readonly Activity[];
  readonly revenue: readonly RevenueEvent[];
}

export interface FeatureSpec {
  readonly name: string;
  readonly meaning: string;
  readonly unit: string;
  /** The period before the cutoff the value is measured over. */
  readonly window: string;
  /** What the value is called in an account's reasons, e.g. 'Events of "reports" last month' (catalogue columns). */
  readonly label?: string;
}

/**
 * The one feature vector of an account: training (at a cutoff before each past renewal) and on-device scoring
 * (at "now") both call `accountFeatures`, so there is no training/serving skew. NaN marks "nothing to measure";
 * both model kinds handle it (trees route it, logistic regression imputes the training mean).
 * Documented for people in docs/FEATURES.md — keep the two in step (a test checks every name appears there).
 */
export const FEATURE_SPECS = [
  { name: 'usage_trend', meaning: 'Relative change of mean daily active users: last 30 days vs. 61-90 days before', unit: 'ratio (-0.38 = fell 38%)', window: '90 days' },
  { name: 'active_users_30d', meaning: 'Mean daily active users over reported days', unit: 'users', window: '30 days' },
  { name: 'utilization', meaning: 'active_users_30d / seats purchased (NaN with zero seats)', unit: 'ratio', window: '30 days' },
  { name: 'feature_breadth', meaning: 'Key product features (of 6) with any use in the last full month', unit: 'count 0-6', window: 'last full month' },
  { name: 'tickets_90d', meaning: 'Support tickets opened', unit: 'count', window: '90 days' },
  { name: 'severe_tickets_90d', meaning: 'High or urgent support tickets opened', unit: 'count', window: '90 days' },
  { name: 'open_tickets', meaning: 'Support tickets still open at the cutoff', unit: 'count', window: 'at cutoff' },
  { name: 'last_nps', meaning: 'Most recent NPS response (NaN when none)', unit: 'score 0-10', window: '365 days' },
  { name: 'days_since_touch', meaning: 'Days since the last email, call, meeting or QBR (NaN when none)', unit: 'days', window: 'all history' },
  { name: 'failed_payments_180d', meaning: 'Failed payments', unit: 'count', window: '180 days' },
  { name: 'log_mrr', meaning: 'ln(1 + MRR after the latest revenue event)', unit: 'log USD', window: 'latest event' },
  { name: 'departed_contacts_180d', meaning: 'Contacts who left the customer', unit: 'count', window: '180 days' },
  { name: 'champion_present', meaning: '1 when a champion is still at the customer, else 0', unit: 'flag', window: 'at cutoff' },
  { name: 'sponsor_present', meaning: '1 when an executive sponsor is still at the customer, else 0', unit: 'flag', window: 'at cutoff' },
] as const satisfies readonly FeatureSpec[];

export type FeatureName = (typeof FEATURE_SPECS)[number]['name'];
export const FEATURE_NAMES: readonly FeatureName[] = FEATURE_SPECS.map((f) => f.name);
export const FEATURE_COUNT = FEATURE_SPECS.length;
export const FEATURE_INDEX: Readonly<Record<FeatureName, number>> = Object.fromEntries(
  FEATURE_NAMES.map((name, i) => [name, i]),
) as Record<FeatureName, number>;

const DAY = 86_400_000;
const TOUCHES = new Set(['email', 'call', 'meeting', 'qbr']);

/** Parses `YYYY-MM` / `YYYY-MM-DD` / ISO instants to epoch ms without the cost of Date.parse on hot paths. */
function monthStartMs(month: string): number {
  return Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1);
}

/**
 * The feature row (in FEATURE_NAMES order) of an account from everything strictly before `cutoffMs`.
 * `seatsPurchased` defaults to the account's; training passes the seats held before the renewal.
 */
export function accountFeatures(history: AccountHistory, cutoffMs: number, seatsPurchased = history.account.seatsPurchased): Float64Array {
  const out = new Float64Array(FEATURE_COUNT);
  let recentSum = 0;
  let recentDays = 0;
  let earlierSum = 0;
  let earlierDays = 0;
  let lastFullMonth: UsageMonth | undefined;
  for (const month of history.usage) {
    const start = monthStartMs(month.month);
    if (start >= cutoffMs) continue;
    const users = month.activeUsers;
    for (let d = 0; d < users.length; d++) {
      const value = users[d];
      if (value === null || value === undefined) continue;
      const ago = (cutoffMs - (start + d * DAY)) / DAY;
      if (ago > 0 && ago <= 30) {
        recentSum += value;
        recentDays++;
      } else if (ago > 60 && ago <= 90) {
        earlierSum += value;
        earlierDays++;
      }
    }
    if (start + 31 * DAY <= cutoffMs && (!lastFullMonth || month.month > lastFullMonth.month)) lastFullMonth = month;
  }
  const recent = recentDays > 0 ? recentSum / recentDays : Number.NaN;
  const earlier = earlierDays > 0 ? earlierSum / earlierDays : Number.NaN;

  let tickets = 0;
  let severe = 0;
  let open = 0;
  let lastNpsAt = -Infinity;
  let lastNps = Number.NaN;
  let lastTouch = -Infinity;
  for (const activity of history.activities) {
    const at = Date.parse(activity.occurredAt);
    if (!(at < cutoffMs)) continue;
    const ago = (cutoffMs - at) / DAY;
    if (activity.type === 'support_ticket') {
      if (ago <= 90) {
        tickets++;
        const severity = activity.ticket?.severity;
        if (severity === 'high' || severity === 'urgent') severe++;
      }
      const closedAt = activity.ticket?.closedAt;
      const closedBefore = activity.ticket?.status === 'closed' && (closedAt === undefined || Date.parse(closedAt) < cutoffMs);
      if (activity.ticket && !closedBefore) open++;
    } else if (activity.type === 'nps') {
      if (activity.npsScore !== undefined && ago <= 365 && at > lastNpsAt) {
        lastNpsAt = at;
        lastNps = activity.npsScore;
      }
    } else if (TOUCHES.has(activity.type) && at > lastTouch) {
      lastTouch = at;
    }
  }

  let failed = 0;
  let lastRevenue: RevenueEvent | undefined;
  for (const event of history.revenue) {
    const at = Date.parse(event.date);
    if (!(at < cutoffMs)) continue;
    if (event.kind === 'payment_failed' && (cutoffMs - at) / DAY <= 180) failed++;
    if (!lastRevenue || event.date > lastRevenue.date) lastRevenue = event;
  }

  let departed = 0;
  let champion = 0;
  let sponsor = 0;
  for (const contact of history.contacts) {
    const left = contact.departedOn !== undefined && Date.parse(contact.departedOn) < cutoffMs;
    if (left) {
      if ((cutoffMs - Date.parse(contact.departedOn!)) / DAY <= 180) departed++;
      continue;
    }
    if (contact.role === 'champion') champion = 1;
    if (contact.role === 'executive_sponsor') sponsor = 1;
  }

  const mrr = lastRevenue ? lastRevenue.mrrAfter : history.account.mrr;
  const breadth = lastFullMonth ? featureBreadth(lastFullMonth.featureEvents) : Number.NaN;
  return writeFeatureRow(out, cutoffMs, { recent, earlier, seatsPurchased, breadth, tickets, severe, open, lastNps, lastTouch, failed, mrr, departed, champion, sponsor });
}

/**
 * Key features (the six PRODUCT_FEATURES only: the team's own features do not count, so the shipped model and the
 * scorecard keep their meaning) with any use in a month's feature counts; NaN when the month reports none of the six
 * (an import without feature columns, a month without any use): "unknown", which the trees route as missing, never 0.
 */
export function featureBreadth(featureEvents: Readonly<Record<string, number | undefined>>): number {
  let reported = 0;
  let used = 0;
  for (const key of PRODUCT_FEATURES) {
    const n = featureEvents[key];
    if (typeof n !== 'number' || Number.isNaN(n)) continue;
    reported++;
    if (n > 0) used++;
  }
  return reported === 0 ? Number.NaN : used;
}

/** What the windows measured for one account; `writeFeatureRow` turns it into the feature row. */
export interface MeasuredWindows {
  /** Mean daily active users in the last 30 days and 61-90 days before (NaN: no reported day). */
  readonly recent: number;
  readonly earlier: number;
  readonly seatsPurchased: number;
  readonly breadth: number;
  readonly tickets: number;
  readonly severe: number;
  readonly open: number;
  readonly lastNps: number;
  /** Epoch ms of the last touch (-Infinity: none). */
  readonly lastTouch: number;
  readonly failed: number;
  readonly mrr: number;
  readonly departed: number;
  readonly champion: number;
  readonly sponsor: number;
}

/** The feature row in FEATURE_NAMES order, written into `out`: the one place both feature paths (raw, digest) lay it out. */
export function writeFeatureRow<T extends Float64Array | Float32Array>(out: T, cutoffMs: number, m: MeasuredWindows): T {
  out[0] = m.earlier > 0 ? m.recent / m.earlier - 1 : Number.NaN;
  out[1] = m.recent;
  out[2] = m.seatsPurchased > 0 && Number.isFinite(m.recent) ? m.recent / m.seatsPurchased : Number.NaN;
  out[3] = m.breadth;
  out[4] = m.tickets;
  out[5] = m.severe;
  out[6] = m.open;
  out[7] = m.lastNps;
  out[8] = Number.isFinite(m.lastTouch) ? (cutoffMs - m.lastTouch) / DAY : Number.NaN;
  out[9] = m.failed;
  out[10] = Number.isFinite(m.mrr) ? Math.log1p(Math.max(0, m.mrr)) : Number.NaN;
  out[11] = m.departed;
  out[12] = m.champion;
  out[13] = m.sponsor;
  return out;
}

/** The cutoff for scoring "now": the end of today (UTC), so today's data counts. */
export function scoringCutoff(now: Date = new Date()): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
}

/** The features as a name → value record (for the scorecard and explanations). */
export function namedFeatures(row: ArrayLike<number>): Record<FeatureName, number> {
  return Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, row[i]!])) as Record<FeatureName, number>;
}
