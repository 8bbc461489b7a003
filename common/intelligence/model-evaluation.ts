import { averagePrecision, expectedCalibrationError, type ReliabilityBin, reliabilityBins, rocAuc, topDecileLift } from '../ml/metrics';

/** What the Models page shows for a model on a holdout: ranking, calibration and lift, and the reliability diagram. */
export interface HoldoutEvaluation {
  readonly rows: number;
  readonly positiveRate: number;
  readonly rocAuc: number;
  readonly prAuc: number;
  readonly expectedCalibrationError: number;
  readonly topDecileLift: number;
  readonly reliability: ReliabilityBin[];
}

/** Evaluates probabilities against 0/1 outcomes (the same holdout for the candidate and the current model). */
export function evaluateProbabilities(probabilities: ArrayLike<number>, labels: ArrayLike<number>): HoldoutEvaluation {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i]!;
  return {
    rows: labels.length,
    positiveRate: labels.length === 0 ? Number.NaN : positives / labels.length,
    rocAuc: rocAuc(probabilities, labels),
    prAuc: averagePrecision(probabilities, labels),
    expectedCalibrationError: expectedCalibrationError(probabilities, labels),
    topDecileLift: topDecileLift(probabilities, labels),
    reliability: reliabilityBins(probabilities, labels),
  };
}

/** Columns of `row` (laid out as `from`) in the order of `to`; a feature `from` lacks is NaN (missing, never zero). */
export function selectColumns(row: ArrayLike<number>, from: readonly string[], to: readonly string[]): Float64Array {
  const out = new Float64Array(to.length);
  to.forEach((name, j) => {
    const i = from.indexOf(name);
    out[j] = i < 0 ? Number.NaN : row[i]!;
  });
  return out;
}
