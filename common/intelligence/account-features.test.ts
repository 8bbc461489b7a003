import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accountFeatures, FEATURE_COUNT, FEATURE_NAMES, FEATURE_SPECS, namedFeatures, scoringCutoff } from './account-features';
import { digestOf, featuresFromDigest } from './feature-digest';
import { handAccount, handActivity, handContact, handHistory, handRevenue, handUsage } from './testing/hand-built';

const cutoff = Date.parse('2026-07-01T00:00:00Z');

describe('feature pipeline on hand-built accounts', () => {
  it('measures usage, tickets, NPS, touches, payments and contacts from what happened before the cutoff', () => {
    const id = 'acc-1';
    const history = handHistory({
      account: handAccount({ id, seatsPurchased: 50, mrr: 999 }),
      usage: [
        handUsage(id, '2026-03', 10),
        handUsage(id, '2026-04', 40, { dashboards: 5, reports: 2, api: 0 }),
        handUsage(id, '2026-05', 40, { dashboards: 5, reports: 2, integrations: 1, api: 0 }),
        handUsage(id, '2026-06', 25),
        handUsage(id, '2026-07', 1000), // after the cutoff: ignored
      ],
      activities: [
        handActivity(id, 'support_ticket', '2026-06-10T10:00:00Z', { ticket: { severity: 'urgent', status: 'open' } }),
        handActivity(id, 'support_ticket', '2026-05-01T10:00:00Z', { ticket: { severity: 'low', status: 'closed', closedAt: '2026-05-02T10:00:00Z' } }),
        // Closed only after the cutoff: still open at the cutoff.
        handActivity(id, 'support_ticket', '2026-01-10T10:00:00Z', { ticket: { severity: 'high', status: 'closed', closedAt: '2026-07-05T10:00:00Z' } }),
        handActivity(id, 'nps', '2026-02-01T10:00:00Z', { npsScore: 9 }),
        handActivity(id, 'nps', '2026-06-01T10:00:00Z', { npsScore: 4 }),
        handActivity(id, 'nps', '2026-07-02T10:00:00Z', { npsScore: 10 }), // after the cutoff
        handActivity(id, 'call', '2026-06-21T00:00:00Z'),
        handActivity(id, 'note', '2026-06-30T00:00:00Z'), // a note is not a touch
      ],
      revenue: [
        handRevenue(id, 'payment_failed', '2026-03-01', 1200),
        handRevenue(id, 'payment_failed', '2025-11-01', 1200), // more than 180 days before
        handRevenue(id, 'invoice_paid', '2026-06-01', 1200),
      ],
      contacts: [
        handContact(id, 'champion', '2026-05-15'),
        handContact(id, 'executive_sponsor'),
        handContact(id, 'user', '2025-06-01'), // departed more than 180 days before
      ],
    });
    const f = namedFeatures(accountFeatures(history, cutoff));
    expect(f.active_users_30d).toBe(25); // June: 30 days of 25
    // Days 61-90 before 1 July are 2 April to 1 May: all 40.
    expect(f.usage_trend).toBeCloseTo(25 / 40 - 1, 12);
    expect(f.utilization).toBeCloseTo(25 / 50, 12);
    expect(f.feature_breadth).toBe(3); // May: dashboards, reports, integrations
    expect(f.tickets_90d).toBe(2);
    expect(f.severe_tickets_90d).toBe(1);
    expect(f.open_tickets).toBe(2);
    expect(f.last_nps).toBe(4);
    expect(f.days_since_touch).toBe(10);
    expect(f.failed_payments_180d).toBe(1);
    expect(f.log_mrr).toBeCloseTo(Math.log1p(1200), 12);
    expect(f.departed_contacts_180d).toBe(1);
    expect(f.champion_present).toBe(0);
    expect(f.sponsor_present).toBe(1);
  });

  it('reads a month without feature counts (an import without feature columns) as breadth unknown, never 0, in both feature paths', () => {
    const id = 'acc-1';
    const noFeatureData = handHistory({ account: handAccount({ id }), usage: [handUsage(id, '2026-04', 30), handUsage(id, '2026-05', 30), handUsage(id, '2026-06', 30)] });
    const raw = namedFeatures(accountFeatures(noFeatureData, cutoff));
    const digested = namedFeatures(featuresFromDigest(digestOf(noFeatureData, cutoff), noFeatureData.account, cutoff));
    // Had it become 0, the scorecard would read "adoption: none of 6 features" and the trees the lowest branch.
    expect(raw.feature_breadth).toBeNaN();
    expect(digested.feature_breadth).toBeNaN();
    expect(raw.active_users_30d).toBe(30);
    // Counts reported, all zero: that is a measured 0.
    const unused = handHistory({ account: handAccount({ id }), usage: [handUsage(id, '2026-05', 30, { dashboards: 0, api: 0 })] });
    expect(namedFeatures(accountFeatures(unused, cutoff)).feature_breadth).toBe(0);
    expect(namedFeatures(featuresFromDigest(digestOf(unused, cutoff), unused.account, cutoff)).feature_breadth).toBe(0);
  });

  it('marks what cannot be measured as missing: a brand-new account with no data', () => {
    const f = namedFeatures(accountFeatures(handHistory({ account: handAccount({ mrr: 0 }) }), cutoff));
    expect(f.usage_trend).toBeNaN();
    expect(f.active_users_30d).toBeNaN();
    expect(f.utilization).toBeNaN();
    expect(f.feature_breadth).toBeNaN();
    expect(f.last_nps).toBeNaN();
    expect(f.days_since_touch).toBeNaN();
    expect(f.tickets_90d).toBe(0);
    expect(f.log_mrr).toBe(0);
    expect(f.champion_present).toBe(0);
  });

  it('gives no utilization with zero seats purchased, and counts null days as unreported', () => {
    const id = 'acc-1';
    const usage = handUsage(id, '2026-06', 10);
    usage.activeUsers = usage.activeUsers.map((u, d) => (d % 2 === 0 ? null : u! * 3));
    const f = namedFeatures(accountFeatures(handHistory({ account: handAccount({ seatsPurchased: 0 }), usage: [usage] }), cutoff));
    expect(f.active_users_30d).toBe(30);
    expect(f.utilization).toBeNaN();
  });

  it('scores "now" from the end of today, UTC', () => {
    expect(scoringCutoff(new Date('2026-11-23T04:00:00Z'))).toBe(Date.parse('2026-11-24T00:00:00Z'));
  });

  it('is documented: every feature with meaning, unit and window, in code and in docs/FEATURES.md', () => {
    expect(FEATURE_NAMES.length).toBe(FEATURE_COUNT);
    const doc = readFileSync(new URL('../../docs/FEATURES.md', import.meta.url), 'utf8');
    for (const spec of FEATURE_SPECS) {
      expect(spec.meaning.length).toBeGreaterThan(5);
      expect(doc).toContain(`| \`${spec.name}\` | ${spec.meaning} | ${spec.unit} | ${spec.window} |`);
    }
  });
});
