import { admitOwnFeatures, isProductFeature, storedFeatureKey, usageMonthId } from '../model';
import { CAP_REASON, capDrop, type FeatureCapDrop, type FeatureCatalogueEntry } from './feature-catalogue';
import { readWideOwnFeatures } from './wide-own-features';
import { NOT_STORED, type EventImportRow } from './event-fields';
import { resolveAccount, type FileRows, type PlanContext } from './plan-context';
import type { UsageImportRow } from './usage-fields';
import type { Content, PlannedDoc } from './working-set';

export { CAP_REASON, type FeatureCapDrop, type FeatureCatalogueEntry } from './feature-catalogue';

/** Where an event name (after the file's value map) is counted: a feature key, or null with why not. */
function eventKey(name: string): { key: string } | { key: null; reason: string } {
  if (name === NOT_STORED) return { key: null, reason: 'not stored (value map)' };
  const key = storedFeatureKey(name);
  return key === null ? { key: null, reason: 'the name has no letters or digits' } : { key };
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
 * the file has no user column), feature counts the sum of the counts of the events each name maps to: one of the
 * six product features only as the feature or a listed synonym, else the team's own key (`storedFeatureKey`), while
 * the book holds fewer than OWN_FEATURE_CAP own keys (decided per file, most events first, over all its rows; the
 * events of the others are not stored and `dropped` says so). Wide files' `Feature: <key>` columns follow the same
 * rule (wide-own-features.ts). A month's
 * feature totals from the file replace the stored ones for the features the file has, so importing it again changes
 * nothing; features and days without data stay absent, never zero.
 */
export function planUsage(rows: FileRows<UsageImportRow | EventImportRow>, context: PlanContext): { features: FeatureCatalogueEntry[]; dropped: FeatureCapDrop | null } {
  const monthFeatures = new Map<PlannedDoc, Partial<Record<string, number>>>();
  const dayUsers = new Map<PlannedDoc, Map<number, Set<string> | number>>();
  const catalogue = new Map<string, FeatureCatalogueEntry>();
  const seenDay = new Map<string, number>();
  const isEvents = rows.setup.kind === 'events';
  const hasUsers = isEvents ? Boolean(rows.setup.mapping['userId']) : Boolean(rows.setup.mapping['activeUsers']);
  // The book-wide cap on own features, decided over the whole file before any row is counted: most events first.
  const admitted = isEvents ? admitFileFeatures(rows as FileRows<EventImportRow>, context) : null;
  // A wide file's own feature columns (`Feature: <key>`, as the export writes them), under the same cap.
  const wide = isEvents ? null : readWideOwnFeatures(rows as FileRows<UsageImportRow>, context.ownFeatures);

  for (const record of rows.records) {
    const f = record.fields as UsageImportRow & EventImportRow;
    const resolved = resolveAccount(context, f.accountExternalId, f.subscriptionId);
    if ('reason' in resolved) {
      rows.reject(record, record.columns[resolved.column] ?? resolved.column, resolved.reason);
      continue;
    }
    const date = isEvents ? f.timestamp.slice(0, 10) : f.date;
    const own = wide?.byLine.get(record.line);
    if (own && 'reason' in own) {
      rows.reject(record, own.column, own.reason);
      continue;
    }
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
      let entry = catalogue.get(f.feature);
      if (!entry) {
        const mapped = eventKey(f.feature);
        const capped = mapped.key !== null && !isProductFeature(mapped.key) && !admitted!.has(mapped.key);
        const file = rows.setup.table.fileName;
        entry =
          mapped.key === null || capped
            ? { file, name: f.feature, events: 0, storedAs: null, own: false, reason: mapped.key === null ? mapped.reason : `not stored: ${CAP_REASON}` }
            : { file, name: f.feature, events: 0, storedAs: mapped.key, own: !isProductFeature(mapped.key) };
        catalogue.set(f.feature, entry);
      }
      entry.events += f.count;
      if (entry.storedAs) features[entry.storedAs] = (features[entry.storedAs] ?? 0) + f.count;
      if (f.userId !== undefined) {
        const set = (users.get(day) as Set<string> | undefined) ?? new Set<string>();
        set.add(f.userId);
        users.set(day, set);
      }
    } else {
      for (const [feature, n] of Object.entries(f.featureEvents)) if (n !== undefined) features[feature] = (features[feature] ?? 0) + n;
      for (const [feature, n] of own?.counts ?? []) features[feature] = (features[feature] ?? 0) + n;
      if (f.activeUsers !== undefined) users.set(day, f.activeUsers);
    }
  }

  for (const [doc, features] of monthFeatures) {
    const activeUsers = [...(doc.after['activeUsers'] as (number | null)[])];
    if (hasUsers) for (const [day, value] of dayUsers.get(doc) ?? []) activeUsers[day] = typeof value === 'number' ? value : value.size;
    context.ws.set(doc, { activeUsers, featureEvents: { ...(doc.after['featureEvents'] as object), ...features } });
  }
  if (wide) return { features: wide.entries, dropped: wide.dropped };
  const features = [...catalogue.values()].sort((a, b) => b.events - a.events);
  return { features, dropped: capDrop(rows.setup.table.fileName, features) };
}

/** The own feature keys of an events file the book-wide cap admits (the book's own keys so far grow by them). */
function admitFileFeatures(rows: FileRows<EventImportRow>, context: PlanContext): Set<string> {
  const candidates = new Map<string, number>();
  for (const record of rows.records) {
    const mapped = eventKey(record.fields.feature);
    if (mapped.key !== null && !isProductFeature(mapped.key)) candidates.set(mapped.key, (candidates.get(mapped.key) ?? 0) + record.fields.count);
  }
  const known = context.ownFeatures;
  const { admitted } = admitOwnFeatures(known, candidates);
  for (const key of admitted) known.add(key);
  return new Set([...candidates.keys()].filter((key) => known.has(key)));
}
