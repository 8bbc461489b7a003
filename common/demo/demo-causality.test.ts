import { describe, expect, it } from 'vitest';
import type { RevenueEventKind } from '../model';
import { type AccountBundle, generateDemoBook } from './generate-demo-book';

const DAY_MS = 86_400_000;
const ASOF = '2026-06-15';
const WINDOW_START = Date.parse('2025-07-01');

/** What an analyst can read off the stored documents about the run-up to a renewal. */
interface RenewalView {
  outcome: RevenueEventKind;
  /** Mean daily active users in the last 30 days before renewal / in days 91-120 before it. */
  usageRatio: number;
  championDeparted: boolean;
  lowNps: boolean;
  failedPayments: number;
  /** Mean daily active users in the last 30 days / seats purchased before the renewal. */
  seatUse: number;
}

function renewalView(bundle: AccountBundle): RenewalView | undefined {
  const event = bundle.revenue.find((r) => ['renewal', 'expansion', 'contraction', 'churn'].includes(r.kind));
  if (!event) return undefined;
  const renewalMs = Date.parse(event.date);
  if (renewalMs - 120 * DAY_MS < WINDOW_START) return undefined; // run-up not fully inside the stored window
  const daysBefore = (iso: string) => (renewalMs - Date.parse(iso.slice(0, 10))) / DAY_MS;

  const dau = new Map<number, number>();
  for (const month of bundle.usage) {
    month.activeUsers.forEach((users, offset) => {
      if (users !== null) dau.set(Date.parse(`${month.month}-01`) + offset * DAY_MS, users);
    });
  }
  const usersBetween = (fromDaysBefore: number, toDaysBefore: number) => {
    const values: number[] = [];
    for (let d = fromDaysBefore; d >= toDaysBefore; d -= 1) {
      const users = dau.get(renewalMs - d * DAY_MS);
      if (users !== undefined) values.push(users);
    }
    return values;
  };
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
  const earlier = mean(usersBetween(120, 91));
  const recent = usersBetween(30, 1);

  const seatPrice = bundle.account.mrr / bundle.account.seatsPurchased;
  const seatsBefore =
    event.kind === 'churn' ? bundle.account.seatsPurchased : Math.round((event.mrrAfter - event.amount) / seatPrice);
  const npsScores = bundle.activities
    .filter((a) => a.type === 'nps' && daysBefore(a.occurredAt) >= 0 && daysBefore(a.occurredAt) <= 90)
    .map((a) => a.npsScore!);

  return {
    outcome: event.kind,
    usageRatio: earlier > 0 ? mean(recent) / earlier : 1,
    championDeparted: bundle.contacts.some(
      (c) => c.role === 'champion' && c.departedOn !== undefined && daysBefore(c.departedOn) >= 0 && daysBefore(c.departedOn) <= 150,
    ),
    lowNps: npsScores.some((score) => score <= 6),
    failedPayments: bundle.revenue.filter(
      (r) => r.kind === 'payment_failed' && daysBefore(r.date) >= 0 && daysBefore(r.date) <= 120,
    ).length,
    seatUse: mean(recent) / Math.max(1, seatsBefore),
  };
}

describe('demo book causality: outcomes follow visible drivers', () => {
  const views: RenewalView[] = [];
  for (const bundle of generateDemoBook({ seed: 7, accounts: 2000, asOf: ASOF })) {
    const view = renewalView(bundle);
    if (view) views.push(view);
  }
  const group = (kind: RevenueEventKind) => views.filter((v) => v.outcome === kind);
  const avg = (items: RenewalView[], pick: (v: RenewalView) => number) =>
    items.reduce((s, v) => s + pick(v), 0) / items.length;
  const churned = group('churn');
  const renewed = group('renewal');
  const expanded = group('expansion');

  it('has enough renewals of each kind to compare', () => {
    expect(churned.length).toBeGreaterThan(100);
    expect(renewed.length).toBeGreaterThan(200);
    expect(expanded.length).toBeGreaterThan(100);
  });

  it('churned accounts lost usage before the renewal; renewed ones did not', () => {
    const churnRatio = avg(churned, (v) => v.usageRatio);
    const renewRatio = avg(renewed, (v) => v.usageRatio);
    expect(churnRatio).toBeLessThan(renewRatio - 0.15);
  });

  it('churned accounts more often lost their champion, gave low NPS and failed payments', () => {
    expect(avg(churned, (v) => Number(v.championDeparted))).toBeGreaterThan(1.8 * avg(renewed, (v) => Number(v.championDeparted)));
    expect(avg(churned, (v) => Number(v.lowNps))).toBeGreaterThan(1.5 * avg(renewed, (v) => Number(v.lowNps)));
    expect(avg(churned, (v) => v.failedPayments)).toBeGreaterThan(1.5 * avg(renewed, (v) => v.failedPayments));
  });

  it('expanding accounts were using nearly all their seats', () => {
    const expandedUse = avg(expanded, (v) => v.seatUse);
    const renewedUse = avg(renewed, (v) => v.seatUse);
    expect(expandedUse).toBeGreaterThan(renewedUse + 0.07);
    expect(avg(expanded, (v) => Number(v.seatUse >= 0.45))).toBeGreaterThan(2 * avg(renewed, (v) => Number(v.seatUse >= 0.45)));
  });
});
