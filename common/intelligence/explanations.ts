import type { GbtModel } from '../ml/gradient-boosted-trees';
import { sigmoid } from '../ml/link';
import { type CompiledSaabas, saabasContributions, treeShap } from '../ml/tree-explanations';
import { FEATURE_NAMES, FEATURE_SPECS, type FeatureName } from './account-features';

/** One reason behind a score: a feature, its value, and how many score points (0-100 scale) it adds or removes. */
export interface Factor {
  readonly feature: FeatureName;
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
  /** Points per feature in FEATURE_NAMES order. */
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
export function pathPointsInto(compiled: CompiledSaabas, rows: ArrayLike<number>, count: number, width: number, out: Float32Array): void {
  const phi = new Float64Array(width);
  const { expectedValue } = compiled;
  const p0 = sigmoid(expectedValue);
  for (let r = 0; r < count; r++) {
    phi.fill(0);
    compiled.contributions(rows, r * width, phi);
    let margin = expectedValue;
    for (let i = 0; i < width; i++) margin += phi[i]!;
    const p = sigmoid(margin);
    const delta = margin - expectedValue;
    const scale = Math.abs(delta) > 1e-12 ? ((p - p0) / delta) * 100 : p * (1 - p) * 100;
    for (let i = 0; i < width; i++) out[r * width + i] = phi[i]! * scale;
  }
}

/** The largest factors by size (at least `minPoints` in magnitude), biggest first. */
export function topFactors(explanation: ScoreExplanation, row: ArrayLike<number>, count = 5, minPoints = 0.5): Factor[] {
  const order = Array.from(explanation.points.keys()).filter((i) => Math.abs(explanation.points[i]!) >= minPoints);
  order.sort((a, b) => Math.abs(explanation.points[b]!) - Math.abs(explanation.points[a]!));
  return order.slice(0, count).map((i) => {
    const feature = FEATURE_NAMES[i]!;
    const value = row[i]!;
    return { feature, value: Number.isNaN(value) ? null : value, points: explanation.points[i]!, text: describeFeature(feature, value) };
  });
}

const usd = new Intl.NumberFormat('en-US');
const pct = (x: number) => `${Math.round(Math.abs(x) * 100)}%`;
const n = (x: number) => String(Math.round(x));
const plural = (x: number, word: string) => `${n(x)} ${word}${Math.round(x) === 1 ? '' : 's'}`;

/** The value of a feature in words a CSM reads, e.g. "active users fell 38% in 30 days". */
export function describeFeature(feature: FeatureName, value: number): string {
  const missing = Number.isNaN(value);
  switch (feature) {
    case 'usage_trend':
      if (missing) return 'no usage trend (too little usage reported)';
      return value < 0 ? `active users fell ${pct(value)} in 30 days vs. 2 months before` : `active users grew ${pct(value)} in 30 days vs. 2 months before`;
    case 'active_users_30d':
      return missing ? 'no usage reported in 30 days' : `${n(value)} daily active users (30-day mean)`;
    case 'utilization':
      return missing ? 'seat use unknown (no seats or no usage)' : `${pct(value)} of purchased seats in use`;
    case 'feature_breadth':
      return missing ? 'no feature usage reported last month' : `${n(value)} of 6 key features used last month`;
    case 'tickets_90d':
      return `${plural(value, 'support ticket')} in 90 days`;
    case 'severe_tickets_90d':
      return `${plural(value, 'high/urgent ticket')} in 90 days`;
    case 'open_tickets':
      return `${plural(value, 'open ticket')}`;
    case 'last_nps':
      return missing ? 'no NPS response in a year' : `last NPS ${n(value)}`;
    case 'days_since_touch':
      return missing ? 'never contacted' : `last touch ${plural(value, 'day')} ago`;
    case 'failed_payments_180d':
      return `${plural(value, 'failed payment')} in 180 days`;
    case 'log_mrr':
      return missing ? 'MRR unknown' : `MRR $${usd.format(Math.round(Math.expm1(value)))}`;
    case 'departed_contacts_180d':
      return `${plural(value, 'contact')} left in 180 days`;
    case 'champion_present':
      return value === 1 ? 'champion in place' : 'no champion';
    case 'sponsor_present':
      return value === 1 ? 'executive sponsor in place' : 'no executive sponsor';
  }
}

/** The meaning of a feature (from FEATURE_SPECS), for tooltips. */
export function featureMeaning(feature: FeatureName): string {
  return FEATURE_SPECS.find((s) => s.name === feature)?.meaning ?? feature;
}
