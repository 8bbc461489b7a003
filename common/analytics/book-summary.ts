import { ACCOUNT_TIERS, type Account, type AccountTier, type IsoDate } from '../model';
import { annualRecurringRevenue, daysToRenewal } from '../model/derived-fields';

export interface UpcomingRenewal {
  account: Account;
  daysToRenewal: number;
}

export interface BookSummary {
  totalAccounts: number;
  activeAccounts: number;
  /** Sum over active accounts. */
  mrr: number;
  arr: number;
  /** Active accounts renewing today or within the next 30 / 90 days. */
  renewalsNext30: number;
  renewalsNext90: number;
  /** The soonest upcoming renewals of active accounts, soonest first. */
  upcomingRenewals: UpcomingRenewal[];
  /** Active accounts and their MRR per tier. */
  byTier: Record<AccountTier, { accounts: number; mrr: number }>;
}

/** One pass over the book for the dashboard's headline numbers. */
export function summarizeBook(accounts: readonly Account[], today: IsoDate, upcomingLimit = 10): BookSummary {
  const byTier = Object.fromEntries(ACCOUNT_TIERS.map((tier) => [tier, { accounts: 0, mrr: 0 }])) as BookSummary['byTier'];
  let activeAccounts = 0;
  let mrr = 0;
  let renewalsNext30 = 0;
  let renewalsNext90 = 0;
  const upcoming: UpcomingRenewal[] = [];

  for (const account of accounts) {
    if (account.status !== 'active') continue;
    activeAccounts++;
    mrr += account.mrr;
    const tier = byTier[account.tier];
    if (tier) {
      tier.accounts++;
      tier.mrr += account.mrr;
    }
    const days = daysToRenewal(account.renewalDate, today);
    if (days === null || days < 0) continue;
    if (days <= 30) renewalsNext30++;
    if (days <= 90) renewalsNext90++;
    upcoming.push({ account, daysToRenewal: days });
  }

  upcoming.sort((a, b) => a.daysToRenewal - b.daysToRenewal || a.account.name.localeCompare(b.account.name));
  return {
    totalAccounts: accounts.length,
    activeAccounts,
    mrr,
    arr: annualRecurringRevenue(mrr),
    renewalsNext30,
    renewalsNext90,
    upcomingRenewals: upcoming.slice(0, upcomingLimit),
    byTier,
  };
}
