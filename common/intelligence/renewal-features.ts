import { type AccountHistory, accountFeatures, FEATURE_NAMES } from './account-features';

export type { AccountHistory } from './account-features';

/** The model inputs: the one feature pipeline of common/intelligence/account-features.ts. */
export const RENEWAL_FEATURES = FEATURE_NAMES;

const CONTRACT_EVENTS = new Set(['renewal', 'expansion', 'contraction', 'churn']);

export interface RenewalExample {
  readonly accountId: string;
  readonly renewalDate: string;
  /** 1 when the renewal ended in churn. */
  readonly churned: 0 | 1;
  /** 1 when the renewal ended in an expansion. */
  readonly expanded: 0 | 1;
  /** The contract event's kind: renewal, expansion, contraction or churn. */
  readonly outcome: string;
  readonly features: Float64Array;
}

/**
 * The first renewal in the history as a training example, with features measured only from what was known
 * `leadDays` before it (NaN where the history has nothing to measure). Undefined when there is no renewal.
 * `seatsPurchased` is the seat count held before the renewal, when the caller knows it (the account document
 * shows the seats after it).
 */
export function renewalExample(history: AccountHistory, leadDays = 30, seatsPurchased?: number): RenewalExample | undefined {
  let contract: AccountHistory['revenue'][number] | undefined;
  for (const event of history.revenue) {
    if (CONTRACT_EVENTS.has(event.kind) && (!contract || event.date < contract.date)) contract = event;
  }
  if (!contract) return undefined;
  const cutoff = Date.parse(contract.date) - leadDays * 86_400_000;
  return {
    accountId: history.account.id,
    renewalDate: contract.date,
    churned: contract.kind === 'churn' ? 1 : 0,
    expanded: contract.kind === 'expansion' ? 1 : 0,
    outcome: contract.kind,
    features: accountFeatures(history, cutoff, seatsPurchased),
  };
}

/** Feature row (in RENEWAL_FEATURES order) from everything strictly before `cutoffMs`. */
export function featuresAt(history: AccountHistory, cutoffMs: number): Float64Array {
  return accountFeatures(history, cutoffMs);
}
