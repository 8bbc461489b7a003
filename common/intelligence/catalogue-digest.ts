import { ACTIVITY_TYPES } from '../model';
import type { AccountHistory } from './account-features';
import { lastFullMonth, trendBaseMonth, writeCatalogueRow } from './catalogue-features';

/**
 * The part of a feature digest (feature-digest.ts) the catalogue columns need, answering every cutoff ≥ builtFor
 * exactly as `catalogueFeatures` on the history does (a test holds them together): the feature counts of the months
 * from the trend's base month at builtFor on, the activities within 90 days of builtFor or later, and the first
 * activity (whether the account has any activity before a cutoff). Plain JSON.
 */
export interface CatalogueDigest {
  /** [`YYYY-MM`, the month's feature counts (numbers only)]. */
  readonly featureMonths: [string, Record<string, number>][];
  /** [ACTIVITY_TYPES index, epoch ms]. */
  readonly kinds: [number, number][];
  /** Epoch ms of the earliest activity; null = none. */
  readonly firstActivity: number | null;
}

const DAY = 86_400_000;

export function catalogueDigestOf(history: Pick<AccountHistory, 'usage' | 'activities'>, builtFor: number): CatalogueDigest {
  const from = trendBaseMonth(lastFullMonth(builtFor));
  const featureMonths: [string, Record<string, number>][] = [];
  for (const month of history.usage) {
    if (month.month < from) continue;
    const counts: Record<string, number> = {};
    for (const [key, n] of Object.entries(month.featureEvents)) if (typeof n === 'number') counts[key] = n;
    featureMonths.push([month.month, counts]);
  }
  const kinds: [number, number][] = [];
  let first = Infinity;
  for (const activity of history.activities) {
    const at = Date.parse(activity.occurredAt);
    if (Number.isNaN(at)) continue;
    if (at < first) first = at;
    if (!((builtFor - at) / DAY > 90)) {
      const k = ACTIVITY_TYPES.indexOf(activity.type);
      if (k >= 0) kinds.push([k, at]);
    }
  }
  return { featureMonths, kinds, firstActivity: Number.isFinite(first) ? first : null };
}

const counts = new Float64Array(ACTIVITY_TYPES.length);

/** The catalogue columns (featureLayout(ownKeys) order) at `cutoffMs` (≥ the digest's builtFor) from the digest, into `out`. */
export function catalogueFromDigest<T extends Float64Array | Float32Array>(digest: CatalogueDigest, cutoffMs: number, out: T, ownKeys: readonly string[] = []): T {
  const lastKey = lastFullMonth(cutoffMs);
  const baseKey = trendBaseMonth(lastKey);
  let last: Record<string, number> | undefined;
  let base: Record<string, number> | undefined;
  for (const [month, featureCounts] of digest.featureMonths) {
    if (month === lastKey) last = featureCounts;
    else if (month === baseKey) base = featureCounts;
  }
  const any = digest.firstActivity !== null && digest.firstActivity < cutoffMs;
  if (any) {
    counts.fill(0);
    for (const [k, at] of digest.kinds) if (at < cutoffMs && (cutoffMs - at) / DAY <= 90) counts[k]!++;
  }
  return writeCatalogueRow(out, last, base, any ? counts : null, ownKeys);
}
