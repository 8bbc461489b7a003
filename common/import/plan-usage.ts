import { PRODUCT_FEATURES, usageMonthId, type ProductFeature } from '../model';
import type { EventImportRow } from './event-fields';
import { looseKey } from './field-parsers';
import { resolveAccount, type FileRows, type PlanContext } from './plan-context';
import type { UsageImportRow } from './usage-fields';
import type { Content, PlannedDoc } from './working-set';

/** A feature (event name) found in an events file: how often it occurs and which stored feature counts it. */
export interface FeatureCatalogueEntry {
  file: string;
  name: string;
  events: number;
  /** The product feature it is counted as; null: not stored (the usage documents hold the six product features). */
  storedAs: ProductFeature | null;
}

const FEATURE_WORDS: readonly [RegExp, ProductFeature][] = [
  [/dashboard/, 'dashboards'],
  [/report/, 'reports'],
  [/integrat|connector|webhook/, 'integrations'],
  [/automat|workflow|rule/, 'automation'],
  [/^api|apicall|apirequest/, 'api'],
  [/sso|saml|singlesignon/, 'sso'],
];

/** The product feature an event name most likely means, or null; the person can change it with a value map. */
export function guessFeature(name: string): ProductFeature | null {
  const key = looseKey(name);
  if ((PRODUCT_FEATURES as readonly string[]).includes(key)) return key as ProductFeature;
  for (const [pattern, feature] of FEATURE_WORDS) if (pattern.test(key)) return feature;
  return null;
}

function daysInMonth(month: string): number {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

function monthDoc(context: PlanContext, account: Content, month: string): PlannedDoc {
  const id = usageMonthId(account.id, month);
  return (
    context.ws.get('usage', id) ??
    context.ws.create('usage', {
      id, ownerId: account['ownerId'], teamId: account['teamId'], accountId: account.id, month,
      activeUsers: Array.from({ length: daysInMonth(month) }, () => null), featureEvents: {},
    } as Content)
  );
}

/**
 * Usage into account-month documents. Wide daily rows set their day's active users and feature counts; long event
 * rows are rolled up per account and day: active users are the distinct user ids of the day (unknown, not zero, when
 * the file has no user column), feature counts the sum of the counts of the events each name maps to. A month's
 * feature totals from the file replace the stored ones for the features the file has, so importing it again changes
 * nothing; features and days without data stay absent, never zero.
 */
export function planUsage(rows: FileRows<UsageImportRow | EventImportRow>, context: PlanContext): FeatureCatalogueEntry[] {
  const monthFeatures = new Map<PlannedDoc, Partial<Record<ProductFeature, number>>>();
  const dayUsers = new Map<PlannedDoc, Map<number, Set<string> | number>>();
  const catalogue = new Map<string, FeatureCatalogueEntry>();
  const seenDay = new Map<string, number>();
  const isEvents = rows.setup.kind === 'events';
  const hasUsers = isEvents ? Boolean(rows.setup.mapping['userId']) : Boolean(rows.setup.mapping['activeUsers']);

  for (const record of rows.records) {
    const f = record.fields as UsageImportRow & EventImportRow;
    const resolved = resolveAccount(context, f.accountExternalId, f.subscriptionId);
    if ('reason' in resolved) {
      rows.reject(record, record.columns[resolved.column] ?? resolved.column, resolved.reason);
      continue;
    }
    const date = isEvents ? f.timestamp.slice(0, 10) : f.date;
    if (!isEvents) {
      const key = `${resolved.account.id}|${date}`;
      const earlier = seenDay.get(key);
      if (earlier !== undefined) {
        rows.reject(record, record.columns['date'] ?? 'Date', `repeats ${resolved.externalId} on ${date} from line ${earlier}; only the first row is imported`);
        continue;
      }
      seenDay.set(key, record.line);
    }
    const doc = monthDoc(context, resolved.account, date.slice(0, 7));
    rows.touch(record.line, doc);
    const day = Number(date.slice(8, 10)) - 1;
    const features = monthFeatures.get(doc) ?? {};
    monthFeatures.set(doc, features);
    const users = dayUsers.get(doc) ?? new Map<number, Set<string> | number>();
    dayUsers.set(doc, users);
    if (isEvents) {
      const storedAs = guessFeature(f.feature);
      const entry = catalogue.get(f.feature) ?? { file: rows.setup.table.fileName, name: f.feature, events: 0, storedAs };
      entry.events += f.count;
      catalogue.set(f.feature, entry);
      if (storedAs) features[storedAs] = (features[storedAs] ?? 0) + f.count;
      if (f.userId !== undefined) {
        const set = (users.get(day) as Set<string> | undefined) ?? new Set<string>();
        set.add(f.userId);
        users.set(day, set);
      }
    } else {
      for (const [feature, n] of Object.entries(f.featureEvents) as [ProductFeature, number][]) features[feature] = (features[feature] ?? 0) + n;
      if (f.activeUsers !== undefined) users.set(day, f.activeUsers);
    }
  }

  for (const [doc, features] of monthFeatures) {
    const activeUsers = [...(doc.after['activeUsers'] as (number | null)[])];
    if (hasUsers) for (const [day, value] of dayUsers.get(doc) ?? []) activeUsers[day] = typeof value === 'number' ? value : value.size;
    context.ws.set(doc, { activeUsers, featureEvents: { ...(doc.after['featureEvents'] as object), ...features } });
  }
  return [...catalogue.values()].sort((a, b) => b.events - a.events);
}
