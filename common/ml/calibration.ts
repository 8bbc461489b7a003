import type { GbtModel } from './gradient-boosted-trees';
import { sigmoid } from './link';

/** Platt scaling: p = sigmoid(a · margin + b), fitted on a split the model was not trained on. */
export interface PlattScaling {
  readonly a: number;
  readonly b: number;
}

/**
 * Fits Platt scaling to raw margins (log-odds) and 0/1 labels by Newton's method on the log-loss, with Platt's
 * smoothed targets ((N+ + 1)/(N+ + 2), 1/(N− + 2)) so that a separable split does not push a to infinity.
 * Written by hand: two parameters, a 2×2 Newton step; no npm package does this without a whole ML framework.
 */
export function fitPlatt(margins: ArrayLike<number>, labels: ArrayLike<number>, iterations = 50): PlattScaling {
  if (margins.length !== labels.length) throw new Error(`Platt scaling: ${margins.length} margins but ${labels.length} labels`);
  if (margins.length === 0) throw new Error('Platt scaling: no rows to calibrate on');
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i]!;
  const negatives = labels.length - positives;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < iterations; iteration++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < margins.length; i++) {
      const m = margins[i]!;
      const p = sigmoid(a * m + b);
      const t = labels[i] === 1 ? hi : lo;
      const d = p - t;
      const w = p * (1 - p);
      ga += d * m;
      gb += d;
      haa += w * m * m;
      hab += w * m;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(Math.abs(det) > 1e-12)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    // Backtracking (Lin, Lin & Weng's form of Platt's method): a full Newton step from where every p is near 0 or 1
    // (margins far from 0) is huge and overshoots; halve it until the loss goes down.
    const current = smoothedLoss(margins, labels, hi, lo, a, b);
    let step = 1;
    while (step >= 1e-10 && smoothedLoss(margins, labels, hi, lo, a - step * da, b - step * db) > current + 1e-4 * step * -(ga * da + gb * db)) step /= 2;
    if (step < 1e-10) break;
    a -= step * da;
    b -= step * db;
    if (Math.abs(step * da) < 1e-10 && Math.abs(step * db) < 1e-10) break;
  }
  return { a, b };
}

/** log(1 + e^x) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** The log-loss of sigmoid(a·margin + b) against Platt's smoothed targets. */
function smoothedLoss(margins: ArrayLike<number>, labels: ArrayLike<number>, hi: number, lo: number, a: number, b: number): number {
  let loss = 0;
  for (let i = 0; i < margins.length; i++) {
    const z = a * margins[i]! + b;
    const t = labels[i] === 1 ? hi : lo;
    loss += t * softplus(-z) + (1 - t) * softplus(z);
  }
  return loss;
}

export function applyPlatt(scaling: PlattScaling, margin: number): number {
  return sigmoid(scaling.a * margin + scaling.b);
}

/**
 * The trees with Platt scaling folded in: every leaf value times a, base margin a · base + b. The margin of the
 * result is a · margin + b for every row, so the exported ONNX file outputs calibrated probabilities and its
 * contributions (and TreeSHAP) still sum to the calibrated margin: one model file, no separate calibration step.
 */
export function foldPlattIntoTrees(model: GbtModel, scaling: PlattScaling): GbtModel {
  return {
    ...model,
    baseMargin: scaling.a * model.baseMargin + scaling.b,
    trees: model.trees.map((tree) => ({ nodes: tree.nodes.map((node) => ({ ...node, value: scaling.a * node.value })) })),
  };
}
