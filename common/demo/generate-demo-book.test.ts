import { describe, expect, it } from 'vitest';
import { ACCOUNT_TIERS, usageMonthId } from '../model';
import { demoAccountTruth, generateDemoAccount, generateDemoBook } from './generate-demo-book';

const options = { seed: 42, accounts: 50, asOf: '2026-03-10' };

describe('generateDemoBook', () => {
  it('gives identical output for the same seed and asOf, and different output for another seed', () => {
    const first = [...generateDemoBook(options)];
    expect([...generateDemoBook(options)]).toEqual(first);
    const other = [...generateDemoBook({ ...options, seed: 43 })];
    expect(other.map((b) => b.account.name)).not.toEqual(first.map((b) => b.account.name));
    expect(other).not.toEqual(first);
  });

  it('generates any account on its own exactly as inside the book', () => {
    const book = [...generateDemoBook(options)];
    expect(generateDemoAccount(options, 37)).toEqual(book[37]);
  });

  it('yields the requested number of accounts with unique ids, names and domains', () => {
    const book = [...generateDemoBook({ ...options, accounts: 300 })];
    expect(book).toHaveLength(300);
    for (const key of ['id', 'name', 'domain'] as const) {
      expect(new Set(book.map((b) => b.account[key].replace(/ (Inc\.|LLC|Corp\.|Co\.|Ltd\.|GmbH)$/, ''))).size).toBe(300);
    }
    expect([...generateDemoBook({ ...options, accounts: 0 })]).toEqual([]);
  });

  it('covers the tiers, 5-8 CSM owners, and both active and churned accounts', () => {
    const accounts = [...generateDemoBook({ ...options, accounts: 300 })].map((b) => b.account);
    expect(new Set(accounts.map((a) => a.tier))).toEqual(new Set(ACCOUNT_TIERS));
    const owners = new Set(accounts.map((a) => `${a.ownerId}|${a.ownerName}`));
    expect(owners.size).toBeGreaterThanOrEqual(5);
    expect(owners.size).toBeLessThanOrEqual(8);
    expect(accounts.some((a) => a.status === 'churned')).toBe(true);
    expect(accounts.some((a) => a.status === 'active')).toBe(true);
    const medianMrr = (tier: string) => {
      const mrrs = accounts.filter((a) => a.tier === tier && a.status === 'active').map((a) => a.mrr).sort((x, y) => x - y);
      return mrrs[Math.floor(mrrs.length / 2)]!;
    };
    expect(medianMrr('Enterprise')).toBeGreaterThan(medianMrr('Mid-Market'));
    expect(medianMrr('Mid-Market')).toBeGreaterThan(medianMrr('SMB'));
  });

  it('stores 12 months of daily usage per account, ending with the month of asOf', () => {
    for (const bundle of generateDemoBook(options)) {
      const { account, usage } = bundle;
      expect(usage.map((u) => u.month)).toEqual([
        '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09',
        '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03',
      ]);
      for (const month of usage) {
        const [year, monthNumber] = month.month.split('-').map(Number);
        expect(month.activeUsers).toHaveLength(new Date(Date.UTC(year!, monthNumber!, 0)).getUTCDate());
        expect(month.id).toBe(usageMonthId(account.id, month.month));
      }
      // Days after asOf have no data yet.
      expect(usage[11]!.activeUsers.slice(10).every((v) => v === null)).toBe(true);
    }
  });

  it('keeps 15-40 activities per account, all inside the window and belonging to it', () => {
    for (const { account, contacts, activities, revenue } of generateDemoBook(options)) {
      expect(activities.length).toBeGreaterThanOrEqual(15);
      expect(activities.length).toBeLessThanOrEqual(40);
      for (const a of activities) {
        expect(a.accountId).toBe(account.id);
        expect(a.occurredAt >= '2025-04-01' && a.occurredAt <= '2026-03-11').toBe(true);
        expect(a.type === 'support_ticket').toBe(a.ticket !== undefined);
        expect(a.type === 'nps').toBe(a.npsScore !== undefined);
      }
      for (const c of contacts) expect(c.status === 'departed').toBe(c.departedOn !== undefined);
      expect(revenue.every((r) => r.accountId === account.id && r.date <= options.asOf)).toBe(true);
    }
  });

  it('records one outcome per renewal in the window, consistent with the account', () => {
    let outcomes = 0;
    for (const { account, revenue, usage } of generateDemoBook({ ...options, accounts: 200 })) {
      const contractEvents = revenue.filter((r) => ['renewal', 'expansion', 'contraction', 'churn'].includes(r.kind));
      expect(contractEvents.length).toBeLessThanOrEqual(1);
      const event = contractEvents[0];
      if (!event) continue;
      outcomes += 1;
      if (event.kind === 'churn') {
        expect(account.status).toBe('churned');
        expect(account.mrr).toBe(0);
        expect(event.mrrAfter).toBe(0);
        // Nobody uses the product from a fortnight after the churn date.
        const quietFrom = Date.parse(event.date) + 14 * 86_400_000;
        for (const month of usage) {
          month.activeUsers.forEach((users, offset) => {
            if (Date.parse(`${month.month}-01`) + offset * 86_400_000 >= quietFrom) expect(users ?? 0).toBe(0);
          });
        }
      } else {
        expect(account.status).toBe('active');
        expect(account.mrr).toBe(event.mrrAfter);
        expect(Math.sign(event.amount)).toBe({ renewal: 0, expansion: 1, contraction: -1 }[event.kind as string]);
      }
    }
    expect(outcomes).toBeGreaterThan(100);
  });

  it('exposes the hidden drivers behind each outcome as ground truth', () => {
    const truth = demoAccountTruth(options, 5);
    const bundle = generateDemoAccount(options, 5);
    expect(truth.accountId).toBe(bundle.account.id);
    const event = bundle.revenue.find((r) => ['renewal', 'expansion', 'contraction', 'churn'].includes(r.kind));
    expect(truth.renewal?.outcome).toBe(event?.kind);
    expect(truth.renewal?.date).toBe(event?.date);
  });

  it('rejects an asOf that is not a calendar date', () => {
    expect(() => [...generateDemoBook({ ...options, asOf: '2026-02-30' })]).toThrow(/asOf must be a calendar date/);
  });
});
