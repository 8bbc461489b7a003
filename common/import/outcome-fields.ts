import { REVENUE_EVENT_KINDS } from '../model';
import type { IsoDate, RevenueEventKind } from '../model';
import { enumParser, parseDate, parseMoney, parseSignedMoney, textParser } from './field-parsers';
import type { ImportKindSpec } from './field-spec';

/**
 * One revenue event or outcome: a churn, renewal, expansion or contraction (the labels models learn from) or an
 * invoice / failed payment. Linked to its account directly or through a subscription id.
 */
export interface OutcomeImportRow {
  externalId?: string;
  outpostId?: string;
  accountExternalId?: string;
  subscriptionId?: string;
  kind: RevenueEventKind;
  date: IsoDate;
  amount?: number;
  mrrAfter?: number;
  reason?: string;
  feedback?: string;
}

export const parseOutcomeKind = enumParser(REVENUE_EVENT_KINDS, {
  churn: ['Churned', 'Cancelled', 'Canceled', 'Cancellation', 'Closed Lost', 'Lost', 'Non-renewal', 'Churn Event'],
  renewal: ['Renewed', 'Renew', 'Closed Won Renewal', 'Renewal Won'],
  expansion: ['Upsell', 'Upgrade', 'Upgraded', 'Cross-sell', 'Cross Sell', 'Add-on', 'Existing Business', 'Expanded'],
  contraction: ['Downgrade', 'Downgraded', 'Downsell', 'Down-sell', 'Reduction'],
  invoice_paid: ['Invoice', 'Paid', 'Invoice Paid', 'Payment'],
  payment_failed: ['Failed Payment', 'Payment Failed', 'Failed', 'Dunning'],
});

export const outcomesSpec: ImportKindSpec<OutcomeImportRow> = {
  kind: 'outcomes',
  label: 'Revenue events and outcomes',
  fields: [
    { key: 'externalId', label: 'Event ID', required: false, aliases: ['churn_event_id', 'Event ID', 'Outcome ID', 'Opportunity ID', 'Deal ID', 'Record ID', 'Revenue Event ID'], parse: textParser(128), fallback: 'account, kind and date' },
    { key: 'accountExternalId', label: 'Account ID', required: false, aliases: ['account_id', 'Account ID', 'Associated Company ID', 'Associated Company IDs', 'Associated Company IDs (Primary)', 'Company ID', 'Customer ID'], parse: textParser(128) },
    { key: 'subscriptionId', label: 'Subscription ID', required: false, aliases: ['subscription_id', 'Subscription ID', 'Subscription'], parse: textParser(128) },
    { values: REVENUE_EVENT_KINDS, key: 'kind', label: 'Outcome', required: false, aliases: ['Outcome', 'Event Type', 'Type', 'Kind', 'Deal Type', 'Opportunity Type', 'event_type'], parse: parseOutcomeKind, fallback: 'churn' },
    { key: 'date', label: 'Date', required: true, aliases: ['churn_date', 'Date', 'Close Date', 'Event Date', 'Churn Date', 'Renewal Date', 'Effective Date'], parse: parseDate },
    { key: 'amount', label: 'MRR change', required: false, aliases: ['MRR Change', 'mrr_change', 'Amount', 'Change in MRR', 'Amount Change'], parse: parseSignedMoney, fallback: 'churn: minus the account\'s MRR; otherwise 0' },
    { key: 'mrrAfter', label: 'MRR after', required: false, aliases: ['MRR After', 'mrr_after', 'New MRR'], parse: parseMoney, fallback: 'churn: 0; otherwise the account\'s MRR' },
    { key: 'reason', label: 'Reason', required: false, aliases: ['reason_code', 'Reason', 'Churn Reason', 'Loss Reason', 'Closed Lost Reason', 'Reason Code'], parse: textParser(500), fallback: 'blank' },
    { key: 'outpostId', label: 'Outpost ID', required: false, aliases: ['Outpost ID'], parse: textParser(128), fallback: 'a new id' },
    { key: 'feedback', label: 'Feedback', required: false, aliases: ['feedback_text', 'Feedback', 'Comments', 'Notes', 'Note'], parse: textParser(1400), fallback: 'blank' },
  ],
  requiredAlternatives: [{ label: 'Account ID (or Subscription ID)', sets: [['accountExternalId'], ['subscriptionId']] }],
  build(values) {
    const row = { kind: 'churn', ...values } as OutcomeImportRow;
    return { ok: true, record: row };
  },
};
