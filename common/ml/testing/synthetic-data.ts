import type { Dataset } from '../dataset';
import { sigmoid } from '../link';
import { createRandom, normal } from '../../random/seeded-random';

export interface SyntheticOptions {
  readonly seed: number;
  readonly rows: number;
  /** Share of feature values blanked to NaN (missing completely at random). */
  readonly missingRate?: number;
}

export interface SyntheticData extends Dataset {
  /** The generating probability of each row, for oracle comparisons. */
  readonly trueProbabilities: Float64Array;
}

/** True log-odds weights; the last feature is pure noise. */
export const SYNTHETIC_WEIGHTS = [1.2, -0.8, 0.5, 0.9, -0.4, 0] as const;
export const SYNTHETIC_INTERCEPT = -1;
export const SYNTHETIC_FEATURES = ['usage_trend', 'support_tickets', 'seats_used', 'nps', 'days_since_login', 'noise'];

/** Rows from a known logistic process with features on different scales, so standardisation matters. */
export function generateSyntheticData(options: SyntheticOptions): SyntheticData {
  const random = createRandom(options.seed);
  const missingRate = options.missingRate ?? 0;
  const scales = [1, 3, 10, 0.5, 20, 1];
  const offsets = [0, 5, 50, 7, 30, 0];
  const rows: Float64Array[] = [];
  const labels = new Uint8Array(options.rows);
  const trueProbabilities = new Float64Array(options.rows);
  for (let i = 0; i < options.rows; i++) {
    const latent = SYNTHETIC_WEIGHTS.map(() => normal(random));
    const logit = latent.reduce((sum, v, j) => sum + SYNTHETIC_WEIGHTS[j]! * v, SYNTHETIC_INTERCEPT);
    const probability = sigmoid(logit);
    trueProbabilities[i] = probability;
    labels[i] = random() < probability ? 1 : 0;
    const row = Float64Array.from(latent, (v, j) => offsets[j]! + scales[j]! * v);
    for (let j = 0; j < row.length; j++) if (random() < missingRate) row[j] = Number.NaN;
    rows.push(row);
  }
  return { featureNames: SYNTHETIC_FEATURES, rows, labels, trueProbabilities };
}
