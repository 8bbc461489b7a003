import { solveCholesky } from './cholesky';
import { type Dataset, validateDataset } from './dataset';
import { sigmoid } from './link';

/** A trained model as plain JSON: features are standardised, then a linear predictor in log-odds. */
export interface LogisticModel {
  readonly kind: 'logistic-regression';
  readonly featureNames: readonly string[];
  readonly means: readonly number[];
  /** Standard deviations used for scaling; a constant feature gets 1 so its coefficient is simply 0. */
  readonly scales: readonly number[];
  /** Coefficients on the standardised features. */
  readonly coefficients: readonly number[];
  readonly intercept: number;
  readonly l2: number;
  readonly iterations: number;
}

export interface LogisticOptions {
  /** Ridge penalty on the standardised coefficients (not the intercept), on the summed log-loss scale. */
  readonly l2?: number;
  readonly maxIterations?: number;
  /** Stop when the largest Newton step is below this. */
  readonly tolerance?: number;
}

export interface LinearExplanation {
  readonly intercept: number;
  /** Per feature, in log-odds: coefficient × standardised value; a missing value contributes 0. */
  readonly contributions: readonly number[];
  readonly logit: number;
  readonly probability: number;
}

/** Fits L2-regularised logistic regression by Newton's method (IRLS); deterministic. Missing values → the mean. */
export function trainLogisticRegression(data: Dataset, options: LogisticOptions = {}): LogisticModel {
  validateDataset(data);
  if (data.weights !== undefined) throw new Error('logistic regression: row weights are not supported (only the gradient-boosted trees take them)');
  const l2 = options.l2 ?? 1;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-10;
  const p = data.featureNames.length;
  const n = data.rows.length;
  const { means, scales } = standardisation(data.rows, p);

  // Design matrix with the intercept in column 0.
  const d = p + 1;
  const z = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = data.rows[i]!;
    z[i * d] = 1;
    for (let j = 0; j < p; j++) z[i * d + j + 1] = standardise(row[j]!, means[j]!, scales[j]!);
  }

  let beta = new Float64Array(d);
  let loss = penalisedLoss(z, data.labels, beta, n, d, l2);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const gradient = new Float64Array(d);
    const hessian = new Float64Array(d * d);
    for (let i = 0; i < n; i++) {
      const prob = sigmoid(dot(z, i * d, beta, d));
      const residual = prob - data.labels[i]!;
      const weight = Math.max(prob * (1 - prob), 1e-12);
      for (let a = 0; a < d; a++) {
        const za = z[i * d + a]!;
        gradient[a]! += residual * za;
        for (let b = 0; b <= a; b++) hessian[a * d + b]! += weight * za * z[i * d + b]!;
      }
    }
    for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) hessian[b * d + a] = hessian[a * d + b]!;
    for (let a = 1; a < d; a++) {
      gradient[a]! += l2 * beta[a]!;
      hessian[a * d + a]! += l2;
    }
    const step = solveCholesky(hessian, gradient, d);
    // Backtracking keeps each Newton step a descent step on the (convex) penalised loss.
    let scale = 1;
    let next = beta;
    let nextLoss = loss;
    for (let halving = 0; halving < 30; halving++, scale /= 2) {
      next = beta.map((v, a) => v - scale * step[a]!);
      nextLoss = penalisedLoss(z, data.labels, next, n, d, l2);
      if (nextLoss <= loss) break;
    }
    beta = next;
    loss = nextLoss;
    if (maxAbs(step) * scale < tolerance) {
      iterations++;
      break;
    }
  }

  return {
    kind: 'logistic-regression',
    featureNames: [...data.featureNames],
    means,
    scales,
    coefficients: Array.from(beta.subarray(1)),
    intercept: beta[0]!,
    l2,
    iterations,
  };
}

/** Log-odds for one row. */
export function logisticLogit(model: LogisticModel, x: ArrayLike<number>): number {
  let logit = model.intercept;
  for (let j = 0; j < model.coefficients.length; j++) {
    logit += model.coefficients[j]! * standardise(x[j]!, model.means[j]!, model.scales[j]!);
  }
  return logit;
}

/** Probability of the positive class for one row. */
export function predictLogistic(model: LogisticModel, x: ArrayLike<number>): number {
  return sigmoid(logisticLogit(model, x));
}

/** Exact additive explanation: intercept + Σ contributions = logit. */
export function explainLogistic(model: LogisticModel, x: ArrayLike<number>): LinearExplanation {
  const contributions = model.coefficients.map(
    (beta, j) => beta * standardise(x[j]!, model.means[j]!, model.scales[j]!),
  );
  const logit = contributions.reduce((sum, c) => sum + c, model.intercept);
  return { intercept: model.intercept, contributions, logit, probability: sigmoid(logit) };
}

function standardise(value: number, mean: number, scale: number): number {
  return Number.isNaN(value) ? 0 : (value - mean) / scale;
}

function standardisation(rows: readonly ArrayLike<number>[], p: number): { means: number[]; scales: number[] } {
  const means: number[] = [];
  const scales: number[] = [];
  for (let j = 0; j < p; j++) {
    let count = 0;
    let sum = 0;
    for (const row of rows) {
      const v = row[j]!;
      if (!Number.isNaN(v)) {
        count++;
        sum += v;
      }
    }
    const mean = count > 0 ? sum / count : 0;
    let squares = 0;
    for (const row of rows) {
      const v = row[j]!;
      if (!Number.isNaN(v)) squares += (v - mean) ** 2;
    }
    const sd = count > 1 ? Math.sqrt(squares / count) : 0;
    means.push(mean);
    scales.push(sd > 1e-12 ? sd : 1);
  }
  return { means, scales };
}

function dot(z: Float64Array, offset: number, beta: Float64Array, d: number): number {
  let sum = 0;
  for (let a = 0; a < d; a++) sum += z[offset + a]! * beta[a]!;
  return sum;
}

function penalisedLoss(z: Float64Array, y: ArrayLike<number>, beta: Float64Array, n: number, d: number, l2: number): number {
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const eta = dot(z, i * d, beta, d);
    // log(1 + e^eta) − y·eta, computed without overflow.
    loss += Math.max(eta, 0) + Math.log1p(Math.exp(-Math.abs(eta))) - y[i]! * eta;
  }
  let penalty = 0;
  for (let a = 1; a < d; a++) penalty += beta[a]! ** 2;
  return loss + 0.5 * l2 * penalty;
}

function maxAbs(values: Float64Array): number {
  let m = 0;
  for (const v of values) m = Math.max(m, Math.abs(v));
  return m;
}
