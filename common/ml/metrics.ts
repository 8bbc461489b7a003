/** Binary-classification metrics over scores (higher = more likely positive) and 0/1 labels. */

/** ROC-AUC by the rank-sum statistic; tied scores share their average rank (i.e. count as half a win). */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  checkLengths(scores, labels);
  const order = sortedIndices(scores, 'ascending');
  let positives = 0;
  let rankSumPositives = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k]!] === 1) {
        positives++;
        rankSumPositives += averageRank;
      }
    }
    start = end + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * PR-AUC as average precision: Σ (R_k − R_{k−1}) P_k over distinct score thresholds, highest first,
 * so a block of tied scores enters as one threshold.
 */
export function averagePrecision(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  checkLengths(scores, labels);
  const order = sortedIndices(scores, 'descending');
  let totalPositives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) totalPositives++;
  if (totalPositives === 0) return Number.NaN;
  let truePositives = 0;
  let seen = 0;
  let previousRecall = 0;
  let ap = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end++;
    for (let k = start; k <= end; k++) if (labels[order[k]!] === 1) truePositives++;
    seen = end + 1;
    const recall = truePositives / totalPositives;
    ap += (recall - previousRecall) * (truePositives / seen);
    previousRecall = recall;
    start = end + 1;
  }
  return ap;
}

/** Expected calibration error: equal-width probability bins, |mean predicted − observed rate| weighted by bin size. */
export function expectedCalibrationError(probabilities: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): number {
  checkLengths(probabilities, labels);
  const count = new Float64Array(bins);
  const predicted = new Float64Array(bins);
  const observed = new Float64Array(bins);
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i]!;
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    count[bin]!++;
    predicted[bin]! += p;
    observed[bin]! += labels[i]!;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b]! > 0) ece += Math.abs(predicted[b]! - observed[b]!) / probabilities.length;
  }
  return ece;
}

export interface ThresholdMetrics {
  readonly threshold: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  /** NaN when nothing is predicted positive. */
  readonly precision: number;
  /** NaN when there are no positives. */
  readonly recall: number;
}

/** Precision and recall when rows with score ≥ threshold are called positive. */
export function precisionRecallAt(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): ThresholdMetrics {
  checkLengths(scores, labels);
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (let i = 0; i < scores.length; i++) {
    const predicted = scores[i]! >= threshold;
    if (predicted && labels[i] === 1) truePositives++;
    else if (predicted) falsePositives++;
    else if (labels[i] === 1) falseNegatives++;
  }
  return {
    threshold,
    truePositives,
    falsePositives,
    falseNegatives,
    precision: truePositives / (truePositives + falsePositives),
    recall: truePositives / (truePositives + falseNegatives),
  };
}

function sortedIndices(scores: ArrayLike<number>, direction: 'ascending' | 'descending'): number[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => sign * (scores[a]! - scores[b]!));
}

function checkLengths(scores: ArrayLike<number>, labels: ArrayLike<number>): void {
  if (scores.length !== labels.length) {
    throw new Error(`metrics: ${scores.length} scores but ${labels.length} labels`);
  }
}

/**
 * Lift in the top decile: the positive rate among the 10% highest scores over the overall positive rate
 * (2 = the top tenth churns twice as often as the book). NaN without positives.
 */
export function topDecileLift(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  checkLengths(scores, labels);
  const n = scores.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i]!;
  if (n === 0 || positives === 0) return Number.NaN;
  const top = Math.max(1, Math.ceil(n / 10));
  const order = sortedIndices(scores, 'descending');
  let topPositives = 0;
  for (let k = 0; k < top; k++) topPositives += labels[order[k]!]!;
  return topPositives / top / (positives / n);
}

export interface ReliabilityBin {
  /** Probability range [from, to) of the bin (the last includes 1). */
  readonly from: number;
  readonly to: number;
  readonly count: number;
  /** Mean predicted probability and observed positive rate in the bin (NaN when empty). */
  readonly predicted: number;
  readonly observed: number;
}

/** The reliability diagram: equal-width probability bins with mean predicted vs. observed rate (what ECE sums up). */
export function reliabilityBins(probabilities: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): ReliabilityBin[] {
  checkLengths(probabilities, labels);
  const count = new Float64Array(bins);
  const predicted = new Float64Array(bins);
  const observed = new Float64Array(bins);
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i]!;
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    count[bin]!++;
    predicted[bin]! += p;
    observed[bin]! += labels[i]!;
  }
  return Array.from({ length: bins }, (_, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    count: count[b]!,
    predicted: count[b]! > 0 ? predicted[b]! / count[b]! : Number.NaN,
    observed: count[b]! > 0 ? observed[b]! / count[b]! : Number.NaN,
  }));
}
