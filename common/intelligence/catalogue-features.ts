import { ACTIVITY_TYPES, PRODUCT_FEATURES } from '../model';
import { featureKey, isProductFeature, OWN_FEATURE_CAP } from '../model/feature-keys';
import { type AccountHistory, accountFeatures, FEATURE_COUNT, FEATURE_NAMES, type FeatureSpec } from './account-features';

/**
 * The team's own features: besides the fourteen core features, one column per product feature the book's usage
 * reports (the import learns the catalogue from the team's event names and stores each under the product feature it
 * means, `plan-usage.ts`), per activity kind the book holds, and per feature of the team's own (an event name none of
 * the six means, stored under its own key, `common/model/feature-keys.ts`). A retrain keeps only the columns of its
 * book's catalogue (`bookCatalogue`), so its model's feature list (and ONNX metadata) follows the team's data; the
 * scorer accepts any model whose features the app can compute. NaN = no data, never 0.
 *
 * The own features' columns come last, two per own key in play (a model's, or a book's, sorted): a row's layout
 * (`featureLayout`) names them, so a book or a model without own features keeps the fixed row (APP_FEATURE_NAMES).
 */
const usageSpecs = (feature: string): FeatureSpec[] => [
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
];

/** The catalogue columns every layout has, in this order: the six product features, then the activity kinds. */
const FIXED_CATALOGUE_SPECS: readonly FeatureSpec[] = [
  ...PRODUCT_FEATURES.flatMap(usageSpecs),
  ...ACTIVITY_TYPES.map((kind) => ({
    name: `activity_${kind}_90d`,
    meaning: `Activities of kind "${kind}" (NaN when the account has no activity of any kind before the cutoff)`,
    unit: 'count',
    window: '90 days',
    label: `Activities of kind "${kind}" in 90 days`,
  })),
];
/** Where the own features' columns start in the catalogue part of the row. */
export const OWN_COLUMNS_OFFSET = FIXED_CATALOGUE_SPECS.length;
/** Own features a row may have (the book-wide cap on own keys). */
export const OWN_FEATURES_MAX = OWN_FEATURE_CAP;

/** The names of a row's columns, for a set of own feature keys (two columns each, in the order given). */
export interface FeatureLayout {
  readonly ownKeys: readonly string[];
  /** The catalogue part of the row: the fixed columns, then the own features'. */
  readonly catalogueSpecs: readonly FeatureSpec[];
  /** The whole row: the core features, then the catalogue part. */
  readonly names: readonly string[];
}

const layouts = new Map<string, FeatureLayout>();

/** The layout for `ownKeys` (own feature keys, none of the six, at most OWN_FEATURES_MAX); made once per key list. */
export function featureLayout(ownKeys: readonly string[] = []): FeatureLayout {
  const id = ownKeys.join(',');
  let layout = layouts.get(id);
  if (layout) return layout;
  if (ownKeys.length > OWN_FEATURES_MAX) throw new Error(`featureLayout: ${ownKeys.length} own features, a row has room for ${OWN_FEATURES_MAX}`);
  for (const key of ownKeys) {
    if (featureKey(key) !== key || isProductFeature(key)) throw new Error(`featureLayout: "${key}" is not an own feature key`);
  }
  if (new Set(ownKeys).size !== ownKeys.length) throw new Error('featureLayout: an own feature twice');
  const catalogueSpecs = [...FIXED_CATALOGUE_SPECS, ...ownKeys.flatMap(usageSpecs)];
  layout = { ownKeys: [...ownKeys], catalogueSpecs, names: [...FEATURE_NAMES, ...catalogueSpecs.map((s) => s.name)] };
  if (layouts.size >= 64) layouts.clear();
  layouts.set(id, layout);
  return layout;
}

const OWN_COLUMN = /^usage_([a-z][a-z0-9_]*)_(month|trend)$/;

/** The own feature keys named by feature names (`usage_<own>_month/_trend`), in the order they first appear. */
export function ownKeysOfFeatures(names: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const name of names) {
    const key = OWN_COLUMN.exec(name)?.[1];
    if (key !== undefined && !isProductFeature(key) && featureKey(key) === key) keys.add(key);
  }
  return [...keys];
}

/** The layout with no own features (the shipped models' and a book without own features). */
export const APP_LAYOUT = featureLayout([]);
export const CATALOGUE_FEATURE_SPECS: readonly FeatureSpec[] = APP_LAYOUT.catalogueSpecs;
export const CATALOGUE_FEATURE_NAMES: readonly string[] = CATALOGUE_FEATURE_SPECS.map((s) => s.name);
export const CATALOGUE_FEATURE_COUNT = CATALOGUE_FEATURE_NAMES.length;
/** The app's row without own features: the core row, then the catalogue columns. */
export const APP_FEATURE_NAMES: readonly string[] = APP_LAYOUT.names;
export const APP_FEATURE_COUNT = APP_FEATURE_NAMES.length;

/** What a book measures: the product features its usage reports a count for, the activity kinds it holds, its own features. */
export interface BookCatalogue {
  readonly productFeatures: readonly string[];
  readonly activityKinds: readonly string[];
  /** The own feature keys its usage reports a count for, sorted (at most OWN_FEATURES_MAX). */
  readonly ownFeatures: readonly string[];
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
  // The book holds at most OWN_FEATURE_CAP own keys; a replica whose cap counted differently keeps the first by key.
  const own = [...features].filter((k) => !isProductFeature(k) && featureKey(k) === k).sort().slice(0, OWN_FEATURES_MAX);
  return { productFeatures: PRODUCT_FEATURES.filter((f) => features.has(f)), activityKinds: ACTIVITY_TYPES.filter((k) => kinds.has(k)), ownFeatures: own };
}

/** The names of the catalogue columns a book measures, in the order of its layout (featureLayout(ownFeatures)). */
export function catalogueFeatureNames(catalogue: BookCatalogue): string[] {
  return [
    ...catalogue.productFeatures.flatMap((f) => [`usage_${f}_month`, `usage_${f}_trend`]),
    ...catalogue.activityKinds.map((k) => `activity_${k}_90d`),
    ...(catalogue.ownFeatures ?? []).flatMap((f) => [`usage_${f}_month`, `usage_${f}_trend`]),
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
 * account has no activity of any kind before the cutoff), `ownKeys` the own features of the layout (`out` has room).
 * Shared by the raw path and the digest path.
 */
export function writeCatalogueRow<T extends Float64Array | Float32Array>(
  out: T,
  last: Counts | undefined,
  base: Counts | undefined,
  kindCounts: ArrayLike<number> | null,
  ownKeys: readonly string[] = [],
): T {
  out.fill(Number.NaN);
  const usage = (feature: string, at: number) => {
    const now = last?.[feature];
    const before = base?.[feature];
    if (typeof now === 'number') out[at] = now;
    if (typeof now === 'number' && typeof before === 'number' && before > 0) out[at + 1] = now / before - 1;
  };
  PRODUCT_FEATURES.forEach((feature, i) => usage(feature, 2 * i));
  const offset = 2 * PRODUCT_FEATURES.length;
  if (kindCounts) for (let k = 0; k < ACTIVITY_TYPES.length; k++) out[offset + k] = kindCounts[k]!;
  for (let j = 0; j < ownKeys.length && j < OWN_FEATURES_MAX; j++) usage(ownKeys[j]!, OWN_COLUMNS_OFFSET + 2 * j);
  return out;
}

/** The catalogue columns (featureLayout(ownKeys) order) of an account from everything strictly before `cutoffMs`. */
export function catalogueFeatures<T extends Float64Array | Float32Array = Float64Array>(
  history: Pick<AccountHistory, 'usage' | 'activities'>,
  cutoffMs: number,
  out?: T,
  ownKeys: readonly string[] = [],
): T {
  out ??= new Float64Array(CATALOGUE_FEATURE_COUNT + 2 * ownKeys.length) as T;
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
  return writeCatalogueRow(out, last, base, any ? counts : null, ownKeys);
}

/** The whole row the app can compute (featureLayout(ownKeys).names order): the core features, then the catalogue columns. */
export function appFeatures(history: AccountHistory, cutoffMs: number, seatsPurchased = history.account.seatsPurchased, ownKeys: readonly string[] = []): Float64Array {
  const out = new Float64Array(APP_FEATURE_COUNT + 2 * ownKeys.length);
  out.set(accountFeatures(history, cutoffMs, seatsPurchased));
  catalogueFeatures(history, cutoffMs, out.subarray(FEATURE_COUNT), ownKeys);
  return out;
}
