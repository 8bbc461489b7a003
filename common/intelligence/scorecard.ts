import { z } from 'zod';
import { FEATURE_INDEX, type FeatureName } from './account-features';

/**
 * The health scorecard: six measures, each a raw metric from the feature vector mapped linearly onto 0-100 between
 * its "poor" (0) and "good" (100) thresholds, then a weighted mean over the measures that have data. An admin or
 * CS Manager edits weights, thresholds and band boundaries (stored in the teamsettings collection).
 */
export const MEASURE_IDS = ['usage', 'adoption', 'support', 'sentiment', 'financial', 'relationship'] as const;
export type MeasureId = (typeof MEASURE_IDS)[number];

export interface MeasureDefinition {
  readonly label: string;
  /** What the raw metric is, in words, with its unit. */
  readonly metric: string;
  readonly unit: string;
  /** The raw metric of a feature row; NaN when there is nothing to measure. */
  raw(row: ArrayLike<number>): number;
}

// A module-local alias: read for every measure of every account (an imported binding may be an accessor).
const INDEX = FEATURE_INDEX;
const f = (row: ArrayLike<number>, name: FeatureName) => row[INDEX[name]]!;

export const MEASURES: Readonly<Record<MeasureId, MeasureDefinition>> = {
  usage: {
    label: 'Usage',
    metric: 'active users (30-day mean) as a share of purchased seats',
    unit: '%',
    raw: (row) => f(row, 'utilization') * 100,
  },
  adoption: {
    label: 'Adoption',
    metric: 'key features used last month, of 6',
    unit: '%',
    raw: (row) => (f(row, 'feature_breadth') / 6) * 100,
  },
  support: {
    label: 'Support',
    metric: 'ticket load: tickets in 90 days + 2 × high/urgent ones + open tickets',
    unit: 'tickets',
    raw: (row) => f(row, 'tickets_90d') + 2 * f(row, 'severe_tickets_90d') + f(row, 'open_tickets'),
  },
  sentiment: { label: 'Sentiment', metric: 'latest NPS response in the last year', unit: 'NPS 0-10', raw: (row) => f(row, 'last_nps') },
  financial: {
    label: 'Financial',
    metric: 'failed payments in 180 days',
    unit: 'payments',
    raw: (row) => f(row, 'failed_payments_180d'),
  },
  relationship: {
    label: 'Relationship',
    metric: 'champion (40) + executive sponsor (30) + touch recency (30 within 30 days, none after 90)',
    unit: 'points',
    raw: (row) => {
      const days = f(row, 'days_since_touch');
      const recency = Number.isNaN(days) ? 0 : 30 * Math.min(1, Math.max(0, (90 - days) / 60));
      return 40 * f(row, 'champion_present') + 30 * f(row, 'sponsor_present') + recency;
    },
  },
};

const measureConfig = z
  .object({
    weight: z.number().min(0, 'weight must be 0 or more').max(100),
    /** Raw value scoring 0 … */
    poor: z.number().finite(),
    /** … and raw value scoring 100 (may be below `poor` when less is better). */
    good: z.number().finite(),
  })
  .refine((m) => m.poor !== m.good, { message: 'poor and good thresholds must differ' });

export const scorecardConfigSchema = z
  .object({
    version: z.literal(1),
    measures: z.object(Object.fromEntries(MEASURE_IDS.map((id) => [id, measureConfig])) as Record<MeasureId, typeof measureConfig>),
    /** Scores below `redBelow` are red; from `greenFrom` up green; between them yellow. */
    bands: z
      .object({ redBelow: z.number().min(0).max(100), greenFrom: z.number().min(0).max(100) })
      .refine((b) => b.redBelow <= b.greenFrom, { message: 'the red boundary must not be above the green one' }),
  })
  .refine((c) => MEASURE_IDS.some((id) => c.measures[id].weight > 0), { message: 'at least one measure needs a weight above 0' });

export type ScorecardConfig = z.infer<typeof scorecardConfigSchema>;

export const DEFAULT_SCORECARD: ScorecardConfig = {
  version: 1,
  measures: {
    usage: { weight: 30, poor: 25, good: 80 },
    adoption: { weight: 15, poor: 17, good: 67 },
    support: { weight: 15, poor: 8, good: 0 },
    sentiment: { weight: 15, poor: 5, good: 9 },
    financial: { weight: 10, poor: 2, good: 0 },
    relationship: { weight: 15, poor: 30, good: 90 },
  },
  bands: { redBelow: 40, greenFrom: 70 },
};

export type HealthBand = 'red' | 'yellow' | 'green';

export interface MeasureScore {
  readonly id: MeasureId;
  readonly label: string;
  /** 0-100, or null when the account has no data for it (then it does not count). */
  readonly score: number | null;
  readonly raw: number | null;
  readonly weight: number;
}

export interface HealthScore {
  /** 0-100 (rounded), or null when less than MIN_COVERAGE of the weight has data. */
  readonly score: number | null;
  readonly band: HealthBand | null;
  readonly measures: readonly MeasureScore[];
  /** Share of the total weight that had data (1 = every measure measured). */
  readonly coverage: number;
}

export function bandOf(score: number, bands: ScorecardConfig['bands']): HealthBand {
  return score < bands.redBelow ? 'red' : score >= bands.greenFrom ? 'green' : 'yellow';
}

/**
 * Below this share of the total weight measured, the account has no health score yet ("not enough data"): a
 * brand-new account with no usage, NPS or adoption would otherwise look healthy on its zero tickets alone.
 */
export const MIN_COVERAGE = 0.5;

/** The scorecard of one feature row. Missing measures are left out and the weights of the rest renormalised. */
export function healthScore(row: ArrayLike<number>, config: ScorecardConfig = DEFAULT_SCORECARD): HealthScore {
  const scores = new Float64Array(MEASURE_COUNT);
  const { score, coverage } = scoreMeasuresInto(row, config, scores);
  const measures = MEASURE_IDS.map((id, i): MeasureScore => {
    const raw = MEASURES[id].raw(row);
    const { weight } = config.measures[id];
    return Number.isNaN(scores[i]!) ? { id, label: MEASURES[id].label, score: null, raw: null, weight } : { id, label: MEASURES[id].label, score: scores[i]!, raw, weight };
  });
  return { score, band: score === null ? null : bandOf(score, config.bands), measures, coverage };
}

export const MEASURE_COUNT = MEASURE_IDS.length;
// Module-local aliases: read for every measure of every account (an imported or exported binding may be an accessor).
const IDS = MEASURE_IDS;
const COUNT = MEASURE_COUNT;

/**
 * healthScore's arithmetic without its objects, for scoring a whole book: each measure's rounded 0-100 score
 * (NaN = no data) into `scores`, in MEASURE_IDS order, and the health score (null = not enough data).
 */
export function scoreMeasuresInto(row: ArrayLike<number>, config: ScorecardConfig, scores: Float64Array): { score: number | null; coverage: number } {
  let weighted = 0;
  let weightWithData = 0;
  let totalWeight = 0;
  for (let i = 0; i < COUNT; i++) {
    const id = IDS[i]!;
    const { weight, poor, good } = config.measures[id];
    totalWeight += weight;
    const raw = MEASURES[id].raw(row);
    if (!Number.isFinite(raw)) {
      scores[i] = Number.NaN;
      continue;
    }
    const score = Math.min(100, Math.max(0, ((raw - poor) / (good - poor)) * 100));
    if (weight > 0) {
      weighted += weight * score;
      weightWithData += weight;
    }
    scores[i] = Math.round(score);
  }
  const coverage = totalWeight > 0 ? weightWithData / totalWeight : 0;
  if (weightWithData === 0 || coverage < MIN_COVERAGE) return { score: null, coverage };
  return { score: Math.round(weighted / weightWithData), coverage };
}

/** A stored scorecard, validated; an invalid one is reported and the default used instead. */
export function parseScorecard(value: unknown): { config: ScorecardConfig; error?: string } {
  const parsed = scorecardConfigSchema.safeParse(value);
  if (parsed.success) return { config: parsed.data };
  const issue = parsed.error.issues[0];
  return { config: DEFAULT_SCORECARD, error: `Scorecard setting is invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message}` };
}
