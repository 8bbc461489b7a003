import { describe, expect, it } from 'vitest';
import type { Account } from '../model';
import { summarizeBook } from './book-summary';

let n = 0;
function account(overrides: Partial<Account>): Account {
  n++;
  return {
    id: `a${n}`, ownerId: 'u', teamId: 't', updatedAt: '', fieldStamps: {}, externalId: `X-${n}`, name: `Account ${n}`,
    domain: '', industry: '', region: '', tier: 'SMB', status: 'active', lifecycleStage: 'adoption', ownerName: '', plan: '',
    seatsPurchased: 10, seatsActive: 5, mrr: 100, contractStart: '2025-01-01', renewalDate: '2027-01-01',
    createdAt: '2025-01-01T00:00:00.000Z', ...overrides,
  };
}

describe('book summary', () => {
  const today = '2026-06-01';
  const book = [
    account({ name: 'Soon', tier: 'Enterprise', mrr: 5000, renewalDate: '2026-06-10' }),
    account({ name: 'Today', tier: 'Mid-Market', mrr: 1000, renewalDate: '2026-06-01' }),
    account({ name: 'Day 30', mrr: 200, renewalDate: '2026-07-01' }),
    account({ name: 'Day 60', mrr: 300, renewalDate: '2026-07-31' }),
    account({ name: 'Next year', mrr: 400, renewalDate: '2027-05-01' }),
    account({ name: 'Lapsed', mrr: 500, renewalDate: '2026-05-01' }),
    account({ name: 'Gone', status: 'churned', tier: 'Enterprise', mrr: 0, renewalDate: '2026-06-05' }),
  ];

  it('counts active accounts and sums their MRR and ARR', () => {
    const summary = summarizeBook(book, today);
    expect(summary.totalAccounts).toBe(7);
    expect(summary.activeAccounts).toBe(6);
    expect(summary.mrr).toBe(7400);
    expect(summary.arr).toBe(88_800);
  });

  it('counts renewals within 30 and 90 days, inclusive, ignoring churned and past dates', () => {
    const summary = summarizeBook(book, today);
    expect(summary.renewalsNext30).toBe(3);
    expect(summary.renewalsNext90).toBe(4);
  });

  it('lists the soonest upcoming renewals first, up to the limit', () => {
    const summary = summarizeBook(book, today, 3);
    expect(summary.upcomingRenewals.map((r) => [r.account.name, r.daysToRenewal])).toEqual([
      ['Today', 0],
      ['Soon', 9],
      ['Day 30', 30],
    ]);
  });

  it('breaks active accounts down by tier', () => {
    const summary = summarizeBook(book, today);
    expect(summary.byTier).toEqual({
      Enterprise: { accounts: 1, mrr: 5000 },
      'Mid-Market': { accounts: 1, mrr: 1000 },
      SMB: { accounts: 4, mrr: 1400 },
    });
  });
});
