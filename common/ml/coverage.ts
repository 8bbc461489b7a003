export interface FeatureCoverage {
  readonly feature: string;
  /** Share of rows with a value (not NaN), 0..1. */
  readonly coverage: number;
}

/** Per feature, the share of rows where it could be measured: what the model card shows as coverage. */
export function featureCoverage(featureNames: readonly string[], rows: readonly ArrayLike<number>[]): FeatureCoverage[] {
  return featureNames.map((feature, j) => {
    let present = 0;
    for (const row of rows) if (!Number.isNaN(row[j]!)) present++;
    return { feature, coverage: rows.length === 0 ? 0 : present / rows.length };
  });
}
