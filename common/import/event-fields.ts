import { PRODUCT_FEATURES } from '../model';
import type { IsoDateTime } from '../model';
import { integerParser, parseDateTime, textParser } from './field-parsers';
import type { ImportKindSpec } from './field-spec';

/** One product event (long form): who did what, how many times, when. Rolled up into account-day usage. */
/** The value-map target for event names that are not counted as one of the product features. */
export const NOT_STORED = 'not stored';

export interface EventImportRow {
  accountExternalId?: string;
  subscriptionId?: string;
  userId?: string;
  feature: string;
  count: number;
  timestamp: IsoDateTime;
}

export const eventsSpec: ImportKindSpec<EventImportRow> = {
  kind: 'events',
  label: 'Product events',
  fields: [
    { key: 'accountExternalId', label: 'Account ID', required: false, aliases: ['account_id', 'Account ID', 'groupId', 'context.groupId', '$group_id', 'Company ID', 'company_id'], parse: textParser(128) },
    { key: 'subscriptionId', label: 'Subscription ID', required: false, aliases: ['subscription_id', 'Subscription ID'], parse: textParser(128) },
    { key: 'userId', label: 'User ID', required: false, aliases: ['user_id', 'User ID', 'userId', 'distinct_id', '$user_id', 'anonymousId'], parse: textParser(200), fallback: 'no user column: active users stay unknown' },
    { values: [...PRODUCT_FEATURES, NOT_STORED], key: 'feature', label: 'Feature / event name', required: true, aliases: ['feature_name', 'Feature', 'event', 'Event', 'Event Name', 'event_name', 'name'], parse: textParser(200) },
    { key: 'count', label: 'Count', required: false, aliases: ['usage_count', 'Count', 'count', 'Event Count', 'Quantity'], parse: integerParser(1_000_000_000), fallback: '1 per row' },
    { key: 'timestamp', label: 'Time', required: true, aliases: ['usage_date', 'timestamp', 'Timestamp', 'time', 'Time', 'Event Time', 'receivedAt', 'Date', 'event_date'], parse: parseDateTime },
  ],
  requiredAlternatives: [{ label: 'Account ID (or Subscription ID)', sets: [['accountExternalId'], ['subscriptionId']] }],
  build(values) {
    return { ok: true, record: { count: 1, ...values } as EventImportRow };
  },
};
