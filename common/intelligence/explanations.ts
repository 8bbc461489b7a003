import type { GbtModel } from '../ml/gradient-boosted-trees';
import { sigmoid } from '../ml/link';
import { type CompiledSaabas, saabasContributions, treeShap } from '../ml/tree-explanations';
import { FEATURE_COUNT, FEATURE_NAMES, type FeatureName } from './account-features';
import { APP_FEATURE_NAMES, APP_LAYOUT, type FeatureLayout, featureLayout, OWN_COLUMNS_OFFSET, ownKeysOfFeatures } from './catalogue-features';
import { catalogueWords, shownCatalogueValue } from './catalogue-words';

/** One reason behind a score: a feature, its value, and how many score points (0-100 scale) it adds or removes. */
export interface Factor {
  /** A core feature or one of the team's catalogue columns (APP_FEATURE_NAMES). */
  readonly feature: string;
  readonly value: number | null;
  /** Signed points on the 0-100 scale: +14 = "adds 14 to the risk". */
  readonly points: number;
  /** e.g. "active users fell 38% in 30 days". */
  readonly text: string;
}

export type ExplanationMethod = 'treeshap' | 'path';

export interface ScoreExplanation {
  /** The model's output for the row, 0-100. */
  readonly score: number;
  /** The average account's score, 0-100; baseline + Σ points = score. */
  readonly baseline: number;
  /** Points per feature, in the order of the row explained (FEATURE_NAMES, or the app's row APP_FEATURE_NAMES). */
  readonly points: Float64Array;
  readonly method: ExplanationMethod;
}

/**
 * Explains a tree model's score in points on the 0-100 probability scale. TreeSHAP (exact Shapley values of the
 * log-odds) for the account on screen; the path-based Saabas attribution for bulk. The log-odds contributions are
 * rescaled by (p − p₀)/(margin − margin₀), so the points sum exactly to score − baseline.
 */
export function explainScore(model: GbtModel, row: ArrayLike<number>, method: ExplanationMethod): ScoreExplanation {
  const { expectedValue, contributions } = method === 'treeshap' ? treeShap(model, row) : saabasContributions(model, row);
  let margin = expectedValue;
  for (const c of contributions) margin += c;
  const p = sigmoid(margin);
  const p0 = sigmoid(expectedValue);
  const delta = margin - expectedValue;
  const scale = Math.abs(delta) > 1e-12 ? ((p - p0) / delta) * 100 : p * (1 - p) * 100;
  const points = new Float64Array(contributions.length);
  for (let i = 0; i < contributions.length; i++) points[i] = contributions[i]! * scale;
  return { score: p * 100, baseline: p0 * 100, points, method };
}

/**
 * `explainScore(model, row, 'path').points` for `count` rows at once (row-major FEATURE_COUNT floats each) into
 * `out`, with the model compiled once (`compileSaabas`): the bulk explanation of a whole book, no per-row allocation.
 */
export function pathPointsInto(compiled: CompiledSaabas, rows: Float32Array, count: number, width: number, out: Float32Array): void {
  const phi = new Float64Array(count * width);
  compiled.contributionsOfRows(rows, count, width, phi);
  pointsFromContributions(phi, compiled.expectedValue, count, width, out);
}

/**
 * Log-odds contributions of `count` rows (row-major, `width` each) as points on the 0-100 scale, rescaled as
 * explainScore does: each row's points sum to 100 × (sigmoid(expectedValue + Σ contributions) − sigmoid(expectedValue)).
 */
export function pointsFromContributions(phi: ArrayLike<number>, expectedValue: number, count: number, width: number, out: Float32Array): void {
  const p0 = sigmoid(expectedValue);
  for (let r = 0, offset = 0; r < count; r++, offset += width) {
    let margin = expectedValue;
    for (let i = 0; i < width; i++) margin += phi[offset + i]!;
    const p = sigmoid(margin);
    const delta = margin - expectedValue;
    const scale = Math.abs(delta) > 1e-12 ? ((p - p0) / delta) * 100 : p * (1 - p) * 100;
    for (let i = 0; i < width; i++) out[offset + i] = phi[offset + i]! * scale;
  }
}

/**
 * The largest factors by size (at least `minPoints` in magnitude), biggest first, over every column of the row: the
 * core features and, in an app row (APP_FEATURE_NAMES), the team's catalogue columns. A missing value (NaN) is a
 * factor with value null and words that say so.
 */
export function topFactors(explanation: ScoreExplanation, row: ArrayLike<number>, count = 5, minPoints = 0.5, layout: FeatureLayout = APP_LAYOUT): Factor[] {
  const order = Array.from(explanation.points.keys()).filter((i) => Math.abs(explanation.points[i]!) >= minPoints);
  order.sort((a, b) => Math.abs(explanation.points[b]!) - Math.abs(explanation.points[a]!));
  return order.slice(0, count).map((i) => {
    const value = row[i]!;
    return { feature: layout.names[i]!, value: Number.isNaN(value) ? null : value, points: explanation.points[i]!, text: describeFeatureAt(i, value, layout) };
  });
}

const usd = new Intl.NumberFormat('en-US');
const plural = (x: number, word: string) => `${x} ${word}${x === 1 ? '' : 's'}`;

/**
 * What a feature's words depend on: its value as shown (rounded; a percentage keeps its sign, NaN = missing). Every
 * account whose value shows the same gets the same string, which describeFeature makes once.
 */
function shownValue(feature: FeatureName, value: number): number {
  if (Number.isNaN(value)) return Number.NaN;
  switch (feature) {
    case 'usage_trend': {
      const percent = Math.round(Math.abs(value) * 100);
      return value < 0 ? -percent - 1 : percent;
    }
    case 'utilization':
      return Math.round(Math.abs(value) * 100);
    case 'log_mrr':
      return Math.round(Math.expm1(value));
    case 'champion_present':
    case 'sponsor_present':
      return value === 1 ? 1 : 0;
    default:
      return Math.round(value);
  }
}

function words(feature: FeatureName, shown: number): string {
  const missing = Number.isNaN(shown);
  switch (feature) {
    case 'usage_trend':
      if (missing) return 'no usage trend (too little usage reported)';
      return shown < 0 ? `active users fell ${-shown - 1}% in 30 days vs. 2 months before` : `active users grew ${shown}% in 30 days vs. 2 months before`;
    case 'active_users_30d':
      return missing ? 'no usage reported in 30 days' : `${shown} daily active users (30-day mean)`;
    case 'utilization':
      // Daily active users (30-day mean) per purchased seat: how much the seats are used day to day. Not "seat use"
      // (active of purchased seats, seatUtilizationPercent in common/model/derived-fields.ts), so not called that.
      return missing ? 'daily use of seats unknown (no seats or no usage)' : `daily active users ${shown}% of purchased seats (30-day mean)`;
    case 'feature_breadth':
      return missing ? 'no feature usage reported last month' : `${shown} of 6 key features used last month`;
    case 'tickets_90d':
      return `${plural(shown, 'support ticket')} in 90 days`;
    case 'severe_tickets_90d':
      return `${plural(shown, 'high/urgent ticket')} in 90 days`;
    case 'open_tickets':
      return `${plural(shown, 'open ticket')}`;
    case 'last_nps':
      return missing ? 'no NPS response in a year' : `last NPS ${shown}`;
    case 'days_since_touch':
      return missing ? 'never contacted' : `last touch ${plural(shown, 'day')} ago`;
    case 'failed_payments_180d':
      return `${plural(shown, 'failed payment')} in 180 days`;
    case 'log_mrr':
      return missing ? 'MRR unknown' : `MRR $${usd.format(shown)}`;
    case 'departed_contacts_180d':
      return `${plural(shown, 'contact')} left in 180 days`;
    case 'champion_present':
      return shown === 1 ? 'champion in place' : 'no champion';
    case 'sponsor_present':
      return shown === 1 ? 'executive sponsor in place' : 'no executive sponsor';
  }
}

// Module-local aliases: read twice per account of the book (an imported binding may be an accessor).
const NAMES = FEATURE_NAMES;
const CORE = FEATURE_COUNT;
/** Columns before the own features': their words are the same in every layout, so cached by index. */
const FIXED = FEATURE_COUNT + OWN_COLUMNS_OFFSET;
const described = APP_FEATURE_NAMES.map(() => new Map<number, string>());
const DESCRIBED_PER_FEATURE = 5000;
const SMALL_SHOWN = 4096;
const describedSmall = APP_FEATURE_NAMES.map(() => new Array<string | undefined>(SMALL_SHOWN).fill(undefined));
/** The words of the own features' columns, per layout (a column's words depend on the key the layout puts there). */
const describedOwn = new WeakMap<FeatureLayout, Map<string, string>>();

/**
 * The value of feature number `index` (the layout's order: the core features, then the catalogue columns, then the
 * own features') in words. Scoring a book stores ten of these per account, so each distinct text is built
 * once and shared: shown values that are small whole numbers (counts, percentages, days; most of them) are looked
 * up by position in an array, the rest (MRR, missing) in a bounded map.
 */
export function describeFeatureAt(index: number, value: number, layout: FeatureLayout = APP_LAYOUT): string {
  if (!(index >= 0 && index < layout.names.length)) throw new Error(`describeFeatureAt: no feature ${index}`);
  const spec = index < CORE ? undefined : layout.catalogueSpecs[index - CORE]!;
  const shown = spec ? shownCatalogueValue(spec, value) : shownValue(NAMES[index]!, value);
  if (index >= FIXED) {
    let cache = describedOwn.get(layout);
    if (!cache) describedOwn.set(layout, (cache = new Map()));
    const key = `${index}:${shown}`;
    let text = Number.isNaN(shown) ? undefined : cache.get(key);
    if (text === undefined) {
      text = catalogueWords(spec!, shown);
      if (!Number.isNaN(shown)) {
        if (cache.size >= DESCRIBED_PER_FEATURE) cache.clear();
        cache.set(key, text);
      }
    }
    return text;
  }
  const small = shown >= 0 && shown < SMALL_SHOWN && shown === Math.floor(shown);
  let text = small ? describedSmall[index]![shown] : described[index]!.get(shown);
  if (text === undefined) {
    text = spec ? catalogueWords(spec, shown) : words(NAMES[index]!, shown);
    if (small) describedSmall[index]![shown] = text;
    else {
      const cache = described[index]!;
      if (cache.size >= DESCRIBED_PER_FEATURE) cache.clear();
      cache.set(shown, text);
    }
  }
  return text;
}

/**
 * The value of a feature (a core one, a catalogue column, or a column of the team's own features
 * `usage_<own>_month/_trend`) in words a CSM reads, e.g. "active users fell 38% in 30 days vs. 2 months before",
 * "12 events of "reports" last month".
 */
export function describeFeature(feature: FeatureName | (string & {}), value: number): string {
  const index = APP_FEATURE_NAMES.indexOf(feature);
  if (index >= 0) return describeFeatureAt(index, value);
  const own = ownKeysOfFeatures([feature]);
  if (own.length === 0) throw new Error(`describeFeature: unknown feature ${feature}`);
  const layout = featureLayout(own);
  return describeFeatureAt(layout.names.indexOf(feature), value, layout);
}
