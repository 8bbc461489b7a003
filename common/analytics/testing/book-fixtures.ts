import type { Account, IsoDate, RevenueEvent, RevenueEventKind } from '../../model';
import type { MrrHistory, MrrStep } from '../mrr-history';

let n = 0;

/** An active account with everything a metric does not read filled in. */
export function testAccount(overrides: Partial<Account> = {}): Account {
  n++;
  return {
    id: `acc-${n}`, ownerId: 'u-ann', teamId: 'team', updatedAt: '', fieldStamps: {}, externalId: `X-${n}`, name: `Account ${n}`,
    domain: '', industry: '', region: 'EMEA', tier: 'SMB', status: 'active', lifecycleStage: 'adoption', ownerName: 'Ann',
    plan: '', seatsPurchased: 10, seatsActive: 5, mrr: 100, contractStart: '2025-01-01', renewalDate: '2027-01-01',
    createdAt: '2025-01-01T00:00:00.000Z', ...overrides,
  };
}

export function testEvent(accountId: string, date: IsoDate, kind: RevenueEventKind, amount: number, mrrAfter: number): RevenueEvent {
  n++;
  return { id: `ev-${n}`, ownerId: 'u-ann', teamId: 'team', updatedAt: '', fieldStamps: {}, externalId: `E-${n}`, accountId, kind, date, amount, mrrAfter, note: '' };
}

/** A history straight from steps: `history('a', ['2025-06-01', 100], ['2026-02-10', 300])`. */
export function history(accountId: string, ...steps: [IsoDate, number][]): MrrHistory {
  return { accountId, ownerId: 'u-ann', tier: 'SMB', region: 'EMEA', steps: steps.map(([date, mrr]): MrrStep => ({ date, mrr })) };
}

/**
 * Q1 2026 by hand (opening = close of 2025-12-31, closing = close of 2026-03-31):
 *   A 100 → 100 · B 200 → 300 (upgrade) · C 300 → 0 (churn) · D 400 → 250 (downgrade)
 *   F 100 → 180 → 90 (mid-period upgrade, then downgrade) · I 150 → 0 → 150 (churn, then return)
 *   E new in Feb, G returning after churning in 2025, H zero revenue: not in the starting cohort.
 */
export const q1Book = [
  history('A', ['2025-06-01', 100]),
  history('B', ['2025-06-01', 200], ['2026-02-10', 300]),
  history('C', ['2025-06-01', 300], ['2026-03-01', 0]),
  history('D', ['2025-06-01', 400], ['2026-01-20', 250]),
  history('E', ['2026-02-01', 500]),
  history('F', ['2025-06-01', 100], ['2026-01-15', 180], ['2026-03-05', 90]),
  history('G', ['2025-03-01', 70], ['2025-11-01', 0], ['2026-02-15', 50]),
  history('H', ['2025-03-01', 0]),
  history('I', ['2025-06-01', 150], ['2026-01-31', 0], ['2026-03-15', 150]),
];
