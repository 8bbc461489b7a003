import { PRODUCT_FEATURE_LABELS, PRODUCT_FEATURES } from '../model';
import type { IsoDate, ProductFeature } from '../model';
import { integerParser, parseDate, textParser } from './field-parsers';
import type { FieldSpec, ImportKindSpec } from './field-spec';

/** One day of one account's usage. */
export interface UsageImportRow {
  accountExternalId: string;
  date: IsoDate;
  /** Absent when the file does not say: the day stays unknown, not zero. */
  activeUsers?: number;
  /** Event counts on that day for the feature columns the file has. */
  featureEvents: Partial<Record<ProductFeature, number>>;
}


const featureFields: FieldSpec[] = PRODUCT_FEATURES.map((feature) => {
  const label = PRODUCT_FEATURE_LABELS[feature];
  return {
    key: `feature:${feature}`,
    label: `${label} events`,
    required: false,
    aliases: [`${label} Events`, label, `${label} Event Count`, `${feature.replace(/s$/, '')} events`, `${label} Calls`],
    parse: integerParser(1_000_000_000),
  };
});

export const usageSpec: ImportKindSpec<UsageImportRow> = {
  kind: 'usage',
  label: 'Usage',
  fields: [
    {
      key: 'accountExternalId',
      label: 'Account ID',
      required: true,
      aliases: ['Account ID', 'Associated Company ID', 'Company ID', 'Customer ID', 'Account External ID', 'Account'],
      parse: textParser(128),
    },
    { key: 'date', label: 'Date', required: true, aliases: ['Date', 'Day', 'Usage Date', 'Activity Date', 'Event Date'], parse: parseDate },
    { key: 'activeUsers', label: 'Active users', required: false, fallback: 'unknown for that day (not zero)', aliases: ['Active Users', 'DAU', 'Daily Active Users', 'Users Active', 'Users'], parse: integerParser() },
    ...featureFields,
  ],
  build(values) {
    const featureEvents: Partial<Record<ProductFeature, number>> = {};
    for (const feature of PRODUCT_FEATURES) {
      const count = values[`feature:${feature}`];
      if (typeof count === 'number') featureEvents[feature] = count;
    }
    const { accountExternalId, date, activeUsers } = values as Partial<UsageImportRow>;
    return { ok: true, record: { accountExternalId: accountExternalId!, date: date!, ...(activeUsers === undefined ? {} : { activeUsers }), featureEvents } };
  },
};
