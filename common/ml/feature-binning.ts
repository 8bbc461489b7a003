/**
 * Quantile binning for histogram-based trees. Edges are float32 values and values are compared as float32
 * (Math.fround), exactly as an ONNX runtime compares a float tensor against float thresholds: a row's bin
 * during training is therefore the branch it takes at prediction time, here and in the exported model.
 */
export const MISSING_BIN = 255;

export interface FeatureBins {
  /** Ascending float32 edges; bin b holds values v with edges[b-1] < v ≤ edges[b]; the last bin is v > last edge. */
  readonly edges: Float64Array;
}

export function computeBins(rows: readonly ArrayLike<number>[], feature: number, maxBins: number): FeatureBins {
  if (maxBins < 2 || maxBins > 64) throw new Error(`binning: maxBins must be within 2..64, got ${maxBins}`);
  const values: number[] = [];
  for (const row of rows) {
    const v = row[feature]!;
    if (!Number.isNaN(v)) values.push(Math.fround(v));
  }
  values.sort((a, b) => a - b);
  const distinct: number[] = [];
  for (const v of values) if (distinct.length === 0 || distinct[distinct.length - 1] !== v) distinct.push(v);
  if (distinct.length <= maxBins) return { edges: Float64Array.from(distinct.slice(0, -1)) };
  const edges: number[] = [];
  for (let k = 1; k < maxBins; k++) {
    const v = values[Math.floor((k * values.length) / maxBins) - 1]!;
    if (v < distinct[distinct.length - 1]! && (edges.length === 0 || edges[edges.length - 1]! < v)) edges.push(v);
  }
  return { edges: Float64Array.from(edges) };
}

/** Bin index of a value, or MISSING_BIN for NaN. */
export function binOf(bins: FeatureBins, value: number): number {
  if (Number.isNaN(value)) return MISSING_BIN;
  const v = Math.fround(value);
  const edges = bins.edges;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
