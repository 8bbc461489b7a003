import type { Alert, RevenueEvent } from '../model';

/** How often a rule's alerts were right, per rule: from the CSMs' "this alert was wrong" and from later outcomes. */
export interface RulePrecision {
  readonly rule: string;
  readonly alerts: number;
  /** Alerts a person marked "this alert was wrong". */
  readonly markedWrong: number;
  /** 1 − marked wrong / alerts: precision as the CSMs judged it (NaN without alerts). */
  readonly feedbackPrecision: number;
  /** Alerts whose account later reached a contract outcome (renewal, expansion, contraction or churn). */
  readonly withOutcome: number;
  /** Of those, the share that churned (or contracted): precision as the outcomes judged it (NaN without outcomes). */
  readonly outcomePrecision: number;
}

const OUTCOMES = new Set(['renewal', 'expansion', 'contraction', 'churn']);
const BAD = new Set(['churn', 'contraction']);

/**
 * Precision per alert rule. Feedback: every alert a person marked wrong counts against its rule. Outcomes: an alert
 * is confirmed when the account's first contract outcome after it was raised is a churn or a contraction, and
 * refuted by a renewal or an expansion; alerts with no outcome yet are left out of the outcome precision.
 */
export function alertPrecision(alerts: readonly Alert[], revenue: readonly Pick<RevenueEvent, 'accountId' | 'kind' | 'date'>[]): RulePrecision[] {
  const outcomes = new Map<string, { date: string; kind: string }[]>();
  for (const event of revenue) {
    if (!OUTCOMES.has(event.kind)) continue;
    const list = outcomes.get(event.accountId) ?? [];
    list.push({ date: event.date, kind: event.kind });
    outcomes.set(event.accountId, list);
  }
  for (const list of outcomes.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const byRule = new Map<string, { alerts: number; wrong: number; withOutcome: number; confirmed: number }>();
  for (const alert of alerts) {
    const counts = byRule.get(alert.rule) ?? { alerts: 0, wrong: 0, withOutcome: 0, confirmed: 0 };
    counts.alerts++;
    if (alert.feedback === 'wrong') counts.wrong++;
    const raised = alert.raisedAt.slice(0, 10);
    const next = outcomes.get(alert.accountId)?.find((o) => o.date >= raised);
    if (next) {
      counts.withOutcome++;
      if (BAD.has(next.kind)) counts.confirmed++;
    }
    byRule.set(alert.rule, counts);
  }
  return [...byRule.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([rule, c]) => ({
      rule,
      alerts: c.alerts,
      markedWrong: c.wrong,
      feedbackPrecision: c.alerts === 0 ? Number.NaN : 1 - c.wrong / c.alerts,
      withOutcome: c.withOutcome,
      outcomePrecision: c.withOutcome === 0 ? Number.NaN : c.confirmed / c.withOutcome,
    }));
}
