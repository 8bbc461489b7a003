import { ACTIVITY_TYPES, PRODUCT_FEATURES } from '../model';
import { type AccountHistory, accountFeatures, FEATURE_COUNT, FEATURE_NAMES, type FeatureSpec } from './account-features';

/**
 * The team's own features: besides the fourteen core features, one column per product feature the book's usage
 * reports (the import learns the catalogue from the team's event names and stores each under the product feature it
 * means, `plan-usage.ts`) and per activity kind the book holds. A retrain keeps only the columns of its book's
 * catalogue (`bookCatalogue`), so its model's feature list (and ONNX metadata) follows the team's data; the scorer
 * accepts any model whose features are in APP_FEATURE_NAMES. NaN = no data, never 0.
 */
export const CATALOGUE_FEATURE_SPECS: readonly FeatureSpec[] = [
  ...PRODUCT_FEATURES.flatMap((feature) => [
    {
      name: `usage_${feature}_month`,
      meaning: `Events of "${feature}" in the last full month (NaN when the month does not report it)`,
      unit: 'count',
      window: 'last full month',
      label: `Events of "${feature}" last month`,
    },
    {
      name: `usage_${feature}_trend`,
      meaning: `Relative change of "${feature}" events: last full month vs. the month three months before it (NaN when either month does not report it or it was 0)`,
      unit: 'ratio',
      window: '3 months',
      label: `Change in "${feature}" events vs. 3 months before`,
    },
  ]),
  ...ACTIVITY_TYPES.map((kind) => ({
    name: `activity_${kind}_90d`,
    meaning: `Activities of kind "${kind}" (NaN when the account has no activity of any kind before the cutoff)`,
    unit: 'count',
    window: '90 days',
    label: `Activities of kind "${kind}" in 90 days`,
  })),
];

export const CATALOGUE_FEATURE_NAMES: readonly string[] = CATALOGUE_FEATURE_SPECS.map((s) => s.name);
export const CATALOGUE_FEATURE_COUNT = CATALOGUE_FEATURE_NAMES.length;
/** Every feature the app can compute: the core row, then the catalogue columns. */
export const APP_FEATURE_NAMES: readonly string[] = [...FEATURE_NAMES, ...CATALOGUE_FEATURE_NAMES];
export const APP_FEATURE_COUNT = APP_FEATURE_NAMES.length;

/** What a book measures: the product features its usage reports a count for, the activity kinds it holds. */
export interface BookCatalogue {
  readonly productFeatures: readonly string[];
  readonly activityKinds: readonly string[];
}

/** The team's catalogue, learnt from its book (in the app's fixed order, so a rebuild gives the same model). */
export function bookCatalogue(histories: readonly Pick<AccountHistory, 'usage' | 'activities'>[]): BookCatalogue {
  const features = new Set<string>();
  const kinds = new Set<string>();
  for (const history of histories) {
    for (const month of history.usage) {
      for (const key in month.featureEvents) if (typeof (month.featureEvents as Record<string, unknown>)[key] === 'number') features.add(key);
    }
    for (const activity of history.activities) kinds.add(activity.type);
  }
  return { productFeatures: PRODUCT_FEATURES.filter((f) => features.has(f)), activityKinds: ACTIVITY_TYPES.filter((k) => kinds.has(k)) };
}

/** The names of the catalogue columns a book measures, in APP_FEATURE_NAMES order. */
export function catalogueFeatureNames(catalogue: BookCatalogue): string[] {
  return [
    ...catalogue.productFeatures.flatMap((f) => [`usage_${f}_month`, `usage_${f}_trend`]),
    ...catalogue.activityKinds.map((k) => `activity_${k}_90d`),
  ];
}

const DAY = 86_400_000;
const monthKey = (year: number, month0: number) => new Date(Date.UTC(year, month0, 1)).toISOString().slice(0, 7);

/** The last full month at a cutoff: the latest calendar month whose start + 31 days is at or before it (as accountFeatures). */
export function lastFullMonth(cutoffMs: number): string {
  const cutoff = new Date(cutoffMs);
  const year = cutoff.getUTCFullYear();
  const month0 = cutoff.getUTCMonth();
  return Date.UTC(year, month0 - 1, 1) + 31 * DAY <= cutoffMs ? monthKey(year, month0 - 1) : monthKey(year, month0 - 2);
}

/** The month the trend compares the last full month with: three months before it. */
export function trendBaseMonth(lastFull: string): string {
  return monthKey(Number(lastFull.slice(0, 4)), Number(lastFull.slice(5, 7)) - 1 - 3);
}

type Counts = Readonly<Record<string, number | undefined>>;

/**
 * Writes the catalogue row: `last` and `base` are the feature counts of the last full month and of the trend's base
 * month (undefined: no usage document), `kindCounts` the activities per ACTIVITY_TYPES kind in 90 days (null: the
 * account has no activity of any kind before the cutoff). Shared by the raw path and the digest path.
 */
export function writeCatalogueRow<T extends Float64Array | Float32Array>(out: T, last: Counts | undefined, base: Counts | undefined, kindCounts: ArrayLike<number> | null): T {
  out.fill(Number.NaN);
  PRODUCT_FEATURES.forEach((feature, i) => {
    const now = last?.[feature];
    const before = base?.[feature];
    if (typeof now === 'number') out[2 * i] = now;
    if (typeof now === 'number' && typeof before === 'number' && before > 0) out[2 * i + 1] = now / before - 1;
  });
  const offset = 2 * PRODUCT_FEATURES.length;
  if (kindCounts) for (let k = 0; k < ACTIVITY_TYPES.length; k++) out[offset + k] = kindCounts[k]!;
  return out;
}

/** The catalogue columns (CATALOGUE_FEATURE_NAMES order) of an account from everything strictly before `cutoffMs`. */
export function catalogueFeatures<T extends Float64Array | Float32Array = Float64Array>(
  history: Pick<AccountHistory, 'usage' | 'activities'>,
  cutoffMs: number,
  out: T = new Float64Array(CATALOGUE_FEATURE_COUNT) as T,
): T {
  const lastKey = lastFullMonth(cutoffMs);
  const baseKey = trendBaseMonth(lastKey);
  let last: Counts | undefined;
  let base: Counts | undefined;
  for (const month of history.usage) {
    if (month.month === lastKey) last = month.featureEvents;
    else if (month.month === baseKey) base = month.featureEvents;
  }
  let any = false;
  const counts = new Float64Array(ACTIVITY_TYPES.length);
  for (const activity of history.activities) {
    const at = Date.parse(activity.occurredAt);
    if (!(at < cutoffMs)) continue;
    any = true;
    if ((cutoffMs - at) / DAY <= 90) {
      const k = ACTIVITY_TYPES.indexOf(activity.type);
      if (k >= 0) counts[k]!++;
    }
  }
  return writeCatalogueRow(out, last, base, any ? counts : null);
}

/** The whole row the app can compute (APP_FEATURE_NAMES order): the core features, then the catalogue columns. */
export function appFeatures(history: AccountHistory, cutoffMs: number, seatsPurchased = history.account.seatsPurchased): Float64Array {
  const out = new Float64Array(APP_FEATURE_COUNT);
  out.set(accountFeatures(history, cutoffMs, seatsPurchased));
  catalogueFeatures(history, cutoffMs, out.subarray(FEATURE_COUNT));
  return out;
}
