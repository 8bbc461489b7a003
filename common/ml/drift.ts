/**
 * Population stability index (PSI) per feature: Σ (a − e) · ln(a / e) over bins, e the share of the reference
 * (training) rows in a bin and a the share of the live rows. The bins are the reference's deciles, kept with the
 * model card (`referenceBins`), so the live book is compared without the training rows; missing values (NaN) are a
 * bin of their own, so a feature that stops being reported drifts too. Empty shares are floored at 1e-4 so a bin
 * one side lacks counts heavily instead of infinitely.
 * Usual reading: < 0.1 stable, 0.1-0.25 moderate shift, > 0.25 worth a retrain (DRIFT_THRESHOLD).
 */
export interface ReferenceBins {
  /** Ascending bin edges: bin b holds edges[b-1] ≤ v < edges[b]; one more bin past the last edge, then the NaN bin. */
  readonly edges: number[];
  /** Share of the reference rows per bin (edges.length + 2 of them, the last for NaN). */
  readonly shares: number[];
}

const FLOOR = 1e-4;

function binOf(edges: readonly number[], v: number): number {
  if (Number.isNaN(v)) return edges.length + 1;
  let b = 0;
  while (b < edges.length && v >= edges[b]!) b++;
  return b;
}

function sharesOf(edges: readonly number[], values: ArrayLike<number>): number[] {
  const counts = new Array<number>(edges.length + 2).fill(0);
  for (let i = 0; i < values.length; i++) counts[binOf(edges, values[i]!)]!++;
  return counts.map((c) => (values.length === 0 ? 0 : c / values.length));
}

/** The reference's decile edges and shares of one feature. */
export function referenceBins(values: ArrayLike<number>, bins = 10): ReferenceBins {
  const present: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) present.push(values[i]!);
  present.sort((x, y) => x - y);
  const edges: number[] = [];
  for (let q = 1; q < bins && present.length > 0; q++) {
    const edge = present[Math.min(present.length - 1, Math.floor((q * present.length) / bins))]!;
    if (edge > present[0]! && (edges.length === 0 || edge > edges[edges.length - 1]!)) edges.push(edge);
  }
  return { edges, shares: sharesOf(edges, values) };
}

/** PSI of live values against a reference's bins; NaN when there are no live values. */
export function populationStabilityIndex(reference: ReferenceBins, live: ArrayLike<number>): number {
  if (live.length === 0) return Number.NaN;
  const actual = sharesOf(reference.edges, live);
  let psi = 0;
  for (let b = 0; b < actual.length; b++) {
    const e = Math.max(reference.shares[b] ?? 0, FLOOR);
    const a = Math.max(actual[b]!, FLOOR);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}

/** A PSI above which the Models page says the live book has moved away from the training data. */
export const DRIFT_THRESHOLD = 0.25;

export interface FeatureDrift {
  readonly feature: string;
  readonly psi: number;
  readonly drifted: boolean;
}

/** PSI per feature of live rows (columns in `featureNames` order) against the reference bins kept per feature. */
export function featureDrift(
  featureNames: readonly string[],
  reference: Readonly<Record<string, ReferenceBins>>,
  live: readonly ArrayLike<number>[],
): FeatureDrift[] {
  return featureNames.flatMap((feature, j) => {
    const bins = reference[feature];
    if (!bins) return [];
    const psi = populationStabilityIndex(
      bins,
      live.map((row) => row[j]!),
    );
    return [{ feature, psi, drifted: psi > DRIFT_THRESHOLD }];
  });
}
