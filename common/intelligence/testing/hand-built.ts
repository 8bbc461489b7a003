import type { Account, Activity, Contact, RevenueEvent, UsageMonth } from '../../model';
import type { AccountHistory } from '../account-features';

/** Small builders for hand-written accounts in tests and benchmarks; every document carries valid sync fields. */
const sync = { ownerId: 'me', teamId: 'local', updatedAt: '0000000000000:00000:test', fieldStamps: {} };

export function handAccount(overrides: Partial<Account> = {}): Account {
  return {
    ...sync,
    id: 'acc-1',
    externalId: 'EXT-1',
    name: 'Hand Built Inc',
    domain: 'hand.example',
    industry: 'Software',
    region: 'EMEA',
    tier: 'Mid-Market',
    status: 'active',
    lifecycleStage: 'mature',
    ownerName: 'You',
    plan: 'Growth',
    seatsPurchased: 100,
    seatsActive: 60,
    mrr: 5000,
    contractStart: '2025-01-01',
    renewalDate: '2026-12-31',
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A month with the same daily active users every day (null = unreported). */
export function handUsage(accountId: string, month: string, users: number | null, features: UsageMonth['featureEvents'] = {}): UsageMonth {
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  return { ...sync, id: `${accountId}:${month}`, accountId, month, activeUsers: Array.from({ length: days }, () => users), featureEvents: features };
}

let activitySeq = 0;
export function handActivity(accountId: string, type: Activity['type'], occurredAt: string, extra: Partial<Activity> = {}): Activity {
  activitySeq++;
  return { ...sync, id: `act-${activitySeq}`, externalId: '', accountId, type, occurredAt, subject: type, body: '', actorName: 'You', result: '', ...extra };
}

export function handRevenue(accountId: string, kind: RevenueEvent['kind'], date: string, mrrAfter: number): RevenueEvent {
  activitySeq++;
  return { ...sync, id: `rev-${activitySeq}`, externalId: '', accountId, kind, date, amount: 0, mrrAfter, note: '' };
}

export function handContact(accountId: string, role: Contact['role'], departedOn?: string): Contact {
  activitySeq++;
  return {
    ...sync,
    id: `con-${activitySeq}`,
    externalId: '',
    accountId,
    name: `Person ${activitySeq}`,
    email: `p${activitySeq}@hand.example`,
    title: role,
    role,
    status: departedOn ? 'departed' : 'active',
    ...(departedOn ? { departedOn } : {}),
  };
}

export function handHistory(parts: Partial<AccountHistory> & { account: Account }): AccountHistory {
  return { contacts: [], usage: [], activities: [], revenue: [], ...parts };
}
