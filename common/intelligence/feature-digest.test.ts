import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES, CONTACT_ROLES, REVENUE_EVENT_KINDS, TICKET_SEVERITIES, type Activity, type UsageMonth } from '../model';
import { type AccountHistory, accountFeatures, FEATURE_NAMES } from './account-features';
import { DIGEST_FORMAT, digestCovers, digestOf, featuresFromDigest } from './feature-digest';
import { handAccount, handActivity, handContact, handHistory, handRevenue, handUsage } from './testing/hand-built';

const DAY = 86_400_000;
const FROM = Date.parse('2025-01-01T00:00:00Z');
const TO = Date.parse('2027-01-01T00:00:00Z');
const ID = 'acc-p';

/** Instants on whole days, at odd times of day, and now and then an unparseable date. */
const instant = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: FROM / DAY, max: TO / DAY }).map((d) => new Date(d * DAY).toISOString()) },
  { weight: 8, arbitrary: fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms).toISOString()) },
  { weight: 1, arbitrary: fc.constant('not a date') },
);
const isoDate = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: FROM / DAY, max: TO / DAY }).map((d) => new Date(d * DAY).toISOString().slice(0, 10)) },
  { weight: 1, arbitrary: fc.constant('someday') },
);

const usage = fc
  .uniqueArray(fc.integer({ min: 0, max: 23 }), { maxLength: 24 })
  .chain((offsets) =>
    fc.tuple(
      ...offsets.map((offset) => {
        const month = new Date(Date.UTC(2025, offset, 1)).toISOString().slice(0, 7);
        return fc
          .record({
            activeUsers: fc.array(fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }), { minLength: 28, maxLength: 31 }),
            featureEvents: fc.dictionary(fc.constantFrom('dashboards', 'reports', 'integrations', 'automation', 'api', 'sso'), fc.integer({ min: 0, max: 9 })),
          })
          .map(({ activeUsers, featureEvents }): UsageMonth => ({ ...handUsage(ID, month, null), activeUsers, featureEvents }));
      }),
    ),
  );

const activity = fc
  .record({
    type: fc.constantFrom(...ACTIVITY_TYPES),
    at: instant,
    severity: fc.constantFrom(...TICKET_SEVERITIES),
    status: fc.constantFrom('open' as const, 'closed' as const),
    closedAt: fc.option(instant, { nil: undefined }),
    hasTicket: fc.boolean(),
    nps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  })
  .map(({ type, at, severity, status, closedAt, hasTicket, nps }): Activity => {
    const extra: Partial<Activity> = {};
    if (type === 'support_ticket' && hasTicket) extra.ticket = { severity, status, ...(closedAt !== undefined ? { closedAt } : {}) };
    if (type === 'nps' && nps !== undefined) extra.npsScore = nps;
    return handActivity(ID, type, at, extra);
  });

const history = fc
  .record({
    seats: fc.integer({ min: 0, max: 300 }),
    mrr: fc.integer({ min: 0, max: 50_000 }),
    usage,
    activities: fc.array(activity, { maxLength: 40 }),
    revenue: fc.array(fc.record({ kind: fc.constantFrom(...REVENUE_EVENT_KINDS), date: isoDate, mrr: fc.integer({ min: 0, max: 50_000 }) }), { maxLength: 12 }),
    contacts: fc.array(fc.record({ role: fc.constantFrom(...CONTACT_ROLES), departedOn: fc.option(isoDate, { nil: undefined }) }), { maxLength: 8 }),
  })
  .map(
    (h): AccountHistory =>
      handHistory({
        account: handAccount({ id: ID, seatsPurchased: h.seats, mrr: h.mrr }),
        usage: h.usage,
        activities: h.activities,
        revenue: h.revenue.map((r) => handRevenue(ID, r.kind, r.date, r.mrr)),
        contacts: h.contacts.map((c) => handContact(ID, c.role, c.departedOn)),
      }),
  );

/** A digest build time and a later cutoff: scoring runs at day ends, training anywhere in the day. */
const times = fc.record({
  builtFor: fc.oneof(fc.integer({ min: FROM / DAY, max: TO / DAY }).map((d) => d * DAY), fc.integer({ min: FROM, max: TO })),
  later: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400 }).map((d) => d * DAY), fc.integer({ min: 1, max: 400 * DAY })),
});

const same = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a, (x, i) => (Object.is(x, b[i]) ? null : `${FEATURE_NAMES[i]}: ${x} vs ${b[i]}`)).filter(Boolean);

describe('feature digest', () => {
  it('gives exactly the reference features (accountFeatures) at every cutoff from the one it was built for', () => {
    fc.assert(
      fc.property(history, times, (h, { builtFor, later }) => {
        const digest = JSON.parse(JSON.stringify(digestOf(h, builtFor))) as ReturnType<typeof digestOf>; // as stored
        const cutoff = builtFor + later;
        expect(same(featuresFromDigest(digest, h.account, cutoff), accountFeatures(h, cutoff))).toEqual([]);
        expect(same(featuresFromDigest(digest, h.account, cutoff, 7), accountFeatures(h, cutoff, 7))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps a year of history down to the facts still inside a window', () => {
    const id = 'acc-1';
    const builtFor = Date.parse('2026-07-01T00:00:00Z');
    const h = handHistory({
      account: handAccount({ id }),
      usage: ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'].map((m) => handUsage(id, m, 10, { api: 1 })),
      activities: [
        handActivity(id, 'call', '2025-09-01T00:00:00Z'),
        handActivity(id, 'call', '2026-06-20T00:00:00Z'),
        handActivity(id, 'support_ticket', '2025-09-01T00:00:00Z', { ticket: { severity: 'low', status: 'closed', closedAt: '2025-09-02T00:00:00Z' } }),
        handActivity(id, 'support_ticket', '2025-10-01T00:00:00Z', { ticket: { severity: 'high', status: 'open' } }),
      ],
    });
    const digest = digestOf(h, builtFor);
    expect(digest.usageSum.length).toBe(90); // the 90 days before the cutoff
    expect(digest.months).toEqual([['2026-05', 1], ['2026-06', 1]]);
    expect(digest.touches).toEqual([Date.parse('2026-06-20T00:00:00Z')]);
    expect(digest.tickets).toEqual([[Date.parse('2025-10-01T00:00:00Z'), 1, null]]); // the closed old one is gone
  });

  it('answers only cutoffs from its build on, in its own format', () => {
    const h = handHistory({ account: handAccount() });
    const digest = digestOf(h, 1000 * DAY);
    expect(digestCovers(digest, 1000 * DAY)).toBe(true);
    expect(digestCovers(digest, 999 * DAY)).toBe(false);
    expect(digestCovers({ ...digest, format: DIGEST_FORMAT + 1 }, 1000 * DAY)).toBe(false);
    expect(() => featuresFromDigest(digest, h.account, 999 * DAY)).toThrow(/cannot answer cutoff/);
  });
});
