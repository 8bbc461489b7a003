import { ACCOUNT_TIERS } from '../model';
import type { AccountTier, IsoDate } from '../model';
import { parseTier } from './account-fields';
import { integerParser, looseKey, parseBoolean, parseDate, parseMoney, textParser, type FieldParser } from './field-parsers';
import { YES_NO, type ImportKindSpec } from './field-spec';

/** One subscription (a billing system's subscription, or a contract line) of an account. */
export interface SubscriptionImportRow {
  subscriptionId: string;
  accountExternalId: string;
  plan?: string;
  tier?: AccountTier;
  mrr?: number;
  seats?: number;
  startDate?: IsoDate;
  endDate?: IsoDate;
  churned?: boolean;
  upgraded?: boolean;
  downgraded?: boolean;
  /** False when the subscription ended or was cancelled (a status column), regardless of its dates. */
  active?: boolean;
}

/** Stripe-style statuses and plain yes / no: "active", "trialing", "past_due" are active; "canceled", "ended" are not. */
const STATUS_WORDS: Readonly<Record<string, boolean>> = {
  active: true, trialing: true, pastdue: true, unpaid: true, live: true, current: true,
  canceled: false, cancelled: false, ended: false, incompleteexpired: false, expired: false, churned: false, inactive: false,
};

export const parseSubscriptionActive: FieldParser<boolean> = (raw) => {
  const word = STATUS_WORDS[looseKey(raw)];
  if (word !== undefined) return { ok: true, value: word };
  const flag = parseBoolean(raw);
  return flag.ok ? flag : { ok: false, reason: `"${raw}" is not a subscription status (active, trialing, past_due, canceled, ended) or yes / no` };
};

export const subscriptionsSpec: ImportKindSpec<SubscriptionImportRow> = {
  kind: 'subscriptions',
  label: 'Subscriptions',
  fields: [
    { key: 'subscriptionId', label: 'Subscription ID', required: true, aliases: ['subscription_id', 'Subscription ID', 'Subscription', 'id', 'Contract ID', 'Contract Number'], parse: textParser(128) },
    { key: 'accountExternalId', label: 'Account ID', required: true, aliases: ['account_id', 'Account ID', 'account_id (metadata)', 'Customer ID', 'Company ID', 'Account External ID'], parse: textParser(128) },
    { values: ACCOUNT_TIERS, key: 'tier', label: 'Tier (from the plan)', required: false, aliases: ['plan_tier', 'Tier', 'Segment'], parse: parseTier, fallback: 'the account keeps its tier' },
    { key: 'plan', label: 'Plan', required: false, aliases: ['Plan', 'plan_name', 'Product', 'Plan Name', 'Price Nickname'], parse: textParser(100), fallback: 'the account keeps its plan' },
    { key: 'mrr', label: 'MRR', required: false, aliases: ['mrr_amount', 'MRR', 'Monthly Recurring Revenue', 'mrr'], parse: parseMoney, fallback: 'ARR / 12' },
    { key: 'arr', label: 'ARR', required: false, aliases: ['arr_amount', 'ARR', 'Annual Recurring Revenue', 'arr'], parse: parseMoney, fallback: 'not stored; gives MRR when MRR is absent' },
    { key: 'seats', label: 'Seats', required: false, aliases: ['seats', 'Seats', 'Quantity', 'Licenses'], parse: integerParser(), fallback: 'the account keeps its seats' },
    { key: 'startDate', label: 'Start date', required: false, aliases: ['start_date', 'Start Date', 'Start (UTC)', 'Start Date (UTC)', 'Created (UTC)', 'Contract Start Date'], parse: parseDate, fallback: 'open start' },
    { key: 'endDate', label: 'End / renewal date', required: false, aliases: ['end_date', 'End Date', 'Current Period End (UTC)', 'Ended At (UTC)', 'Contract End Date', 'Renewal Date'], parse: parseDate, fallback: 'open end (no renewal date from it)' },
    { values: YES_NO, key: 'churned', label: 'Churned', required: false, aliases: ['churn_flag', 'Churned', 'Is Churned', 'Churn'], parse: parseBoolean, fallback: 'no' },
    { values: YES_NO, key: 'upgraded', label: 'Upgraded', required: false, aliases: ['upgrade_flag', 'Upgraded', 'Upgrade'], parse: parseBoolean, fallback: 'no' },
    { values: YES_NO, key: 'downgraded', label: 'Downgraded', required: false, aliases: ['downgrade_flag', 'Downgraded', 'Downgrade'], parse: parseBoolean, fallback: 'no' },
    { values: YES_NO, key: 'active', label: 'Active', required: false, aliases: ['Status', 'Subscription Status', 'is_active', 'Active'], parse: parseSubscriptionActive, fallback: 'from the dates' },
  ],
  build(values) {
    const { arr, ...row } = values as Partial<SubscriptionImportRow & { arr: number }>;
    if (row.mrr === undefined && arr !== undefined) row.mrr = Math.round(arr / 12);
    if (row.startDate && row.endDate && row.endDate < row.startDate) {
      return { ok: false, problems: [{ field: 'endDate', reason: `ends ${row.endDate}, before it starts ${row.startDate}` }] };
    }
    return { ok: true, record: row as SubscriptionImportRow };
  },
};

