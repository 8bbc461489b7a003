import type { Account, Activity, Contact, RevenueEvent, UsageMonth } from '../model';

/** What one account's history holds, as the book stores it. */
export interface AccountHistory {
  readonly account: Account;
  readonly contacts: readonly Contact[];
  readonly usage: readonly UsageMonth[];
  readonly activities: readonly Activity[];
  readonly revenue: readonly RevenueEvent[];
}

export const RENEWAL_FEATURES = [
  'usage_trend',
  'utilization',
  'tickets_90d',
  'severe_tickets_90d',
  'failed_payments_180d',
  'last_nps',
  'days_since_touch',
  'feature_breadth',
  'log_mrr',
  'departed_contacts_180d',
] as const;

const DAY = 86_400_000;
const CONTRACT_EVENTS = new Set(['renewal', 'expansion', 'contraction', 'churn']);
const TOUCHES = new Set(['email', 'call', 'meeting', 'qbr']);

export interface RenewalExample {
  readonly accountId: string;
  readonly renewalDate: string;
  /** 1 when the renewal ended in churn. */
  readonly churned: 0 | 1;
  readonly features: Float64Array;
}

/**
 * The first renewal in the history as a training example, with features measured only from what was known
 * `leadDays` before it (NaN where the history has nothing to measure). Undefined when there is no renewal.
 */
export function renewalExample(history: AccountHistory, leadDays = 30): RenewalExample | undefined {
  const contract = history.revenue
    .filter((event) => CONTRACT_EVENTS.has(event.kind))
    .sort((a, b) => a.date.localeCompare(b.date))[0];
  if (!contract) return undefined;
  const cutoff = Date.parse(contract.date) - leadDays * DAY;
  return {
    accountId: history.account.id,
    renewalDate: contract.date,
    churned: contract.kind === 'churn' ? 1 : 0,
    features: featuresAt(history, cutoff),
  };
}

/** Feature row (in RENEWAL_FEATURES order) from everything strictly before `cutoffMs`. */
export function featuresAt(history: AccountHistory, cutoffMs: number): Float64Array {
  const daysBefore = (ms: number) => (cutoffMs - ms) / DAY;
  const within = (ms: number, days: number) => ms < cutoffMs && daysBefore(ms) <= days;

  const recentUsers: number[] = [];
  const earlierUsers: number[] = [];
  for (const month of history.usage) {
    month.activeUsers.forEach((users, d) => {
      if (users === null) return;
      const day = Date.parse(`${month.month}-${String(d + 1).padStart(2, '0')}`);
      const ago = daysBefore(day);
      if (ago > 0 && ago <= 30) recentUsers.push(users);
      else if (ago > 60 && ago <= 90) earlierUsers.push(users);
    });
  }
  const recent = mean(recentUsers);
  const earlier = mean(earlierUsers);
  const lastFullMonth = history.usage
    .filter((month) => Date.parse(`${month.month}-01`) + 31 * DAY <= cutoffMs)
    .sort((a, b) => b.month.localeCompare(a.month))[0];

  const activities = history.activities.map((a) => ({ ...a, at: Date.parse(a.occurredAt) }));
  const tickets = activities.filter((a) => a.type === 'support_ticket' && within(a.at, 90));
  const lastNps = activities
    .filter((a) => a.type === 'nps' && a.npsScore !== undefined && a.at < cutoffMs)
    .sort((a, b) => b.at - a.at)[0];
  const lastTouch = Math.max(...activities.filter((a) => TOUCHES.has(a.type) && a.at < cutoffMs).map((a) => a.at));
  const lastMrr = history.revenue
    .filter((event) => Date.parse(event.date) < cutoffMs)
    .sort((a, b) => b.date.localeCompare(a.date))[0];

  return Float64Array.of(
    earlier > 0 ? recent / earlier - 1 : Number.NaN,
    history.account.seatsPurchased > 0 ? recent / history.account.seatsPurchased : Number.NaN,
    tickets.length,
    tickets.filter((t) => t.ticket?.severity === 'high' || t.ticket?.severity === 'urgent').length,
    history.revenue.filter((e) => e.kind === 'payment_failed' && within(Date.parse(e.date), 180)).length,
    lastNps?.npsScore ?? Number.NaN,
    Number.isFinite(lastTouch) ? daysBefore(lastTouch) : Number.NaN,
    lastFullMonth ? Object.values(lastFullMonth.featureEvents).filter((n) => (n ?? 0) > 0).length : Number.NaN,
    lastMrr ? Math.log1p(Math.max(0, lastMrr.mrrAfter)) : Number.NaN,
    history.contacts.filter((c) => c.departedOn !== undefined && within(Date.parse(c.departedOn), 180)).length,
  );
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length;
}
