/** Training data: one row of feature values per example (NaN = missing) and a 0/1 label per row. */
export interface Dataset {
  readonly featureNames: readonly string[];
  readonly rows: readonly ArrayLike<number>[];
  readonly labels: ArrayLike<number>;
  /**
   * Optional weight per row (> 0, finite; absent = 1 each): a row of weight w counts as w copies of it in the loss.
   * The gradient-boosted trees honour it (the retrain up-weights renewals CSM feedback confirmed, see
   * common/intelligence/alert-feedback.ts).
   */
  readonly weights?: ArrayLike<number>;
}

/** Checks shapes and labels so that trainers fail with a message that says what and where. */
export function validateDataset(data: Dataset): void {
  const width = data.featureNames.length;
  if (width === 0) throw new Error('Dataset: no features');
  if (data.rows.length === 0) throw new Error('Dataset: no rows');
  if (data.rows.length !== data.labels.length) {
    throw new Error(`Dataset: ${data.rows.length} rows but ${data.labels.length} labels`);
  }
  data.rows.forEach((row, i) => {
    if (row.length !== width) throw new Error(`Dataset: row ${i} has ${row.length} values, expected ${width}`);
    for (let j = 0; j < width; j++) {
      const v = row[j]!;
      // NaN means missing; ±Infinity would poison the standardisation and bin edges.
      if (v === Infinity || v === -Infinity) {
        throw new Error(`Dataset: row ${i}, feature "${data.featureNames[j]}" is ${v}; use NaN for missing`);
      }
    }
  });
  for (let i = 0; i < data.labels.length; i++) {
    const y = data.labels[i];
    if (y !== 0 && y !== 1) throw new Error(`Dataset: label ${i} is ${y}, expected 0 or 1`);
  }
  if (data.weights !== undefined) {
    if (data.weights.length !== data.rows.length) throw new Error(`Dataset: ${data.rows.length} rows but ${data.weights.length} weights`);
    for (let i = 0; i < data.weights.length; i++) {
      const w = data.weights[i]!;
      if (!(w > 0 && Number.isFinite(w))) throw new Error(`Dataset: weight ${i} is ${w}, expected a finite number > 0`);
    }
  }
}
