import { type Dataset, validateDataset } from './dataset';
import { binOf, computeBins, type FeatureBins, MISSING_BIN } from './feature-binning';
import { sigmoid } from './link';
import { createRandom } from '../random/seeded-random';

/** One node of a tree. A leaf has feature −1. Rows with float32(x[feature]) ≤ threshold go left; NaN per missingGoesLeft. */
export interface TreeNode {
  readonly feature: number;
  readonly threshold: number;
  readonly missingGoesLeft: boolean;
  readonly left: number;
  readonly right: number;
  /** Leaf output in log-odds (learning rate already applied); 0 for internal nodes. */
  readonly value: number;
  /** Training rows (of the tree's subsample) that reached this node; TreeSHAP weighs paths by it. */
  readonly cover: number;
}

export interface Tree {
  readonly nodes: readonly TreeNode[];
}

export interface GbtParameters {
  readonly trees: number;
  readonly learningRate: number;
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  /** L2 penalty on leaf values (λ in G²/(H+λ)). */
  readonly l2: number;
  /** Share of rows each tree is grown on, drawn without replacement from the seeded generator. */
  readonly subsample: number;
  readonly maxBins: number;
  readonly seed: number;
}

export interface GbtModel {
  readonly kind: 'gradient-boosted-trees';
  readonly featureNames: readonly string[];
  readonly parameters: GbtParameters;
  /** Initial margin: log-odds of the training base rate. */
  readonly baseMargin: number;
  readonly trees: readonly Tree[];
}

// A module-local copy: hot loops read it per row, and CJS transpilation turns an imported binding into a getter call.
const MISSING = MISSING_BIN;

export const DEFAULT_GBT_PARAMETERS: GbtParameters = {
  trees: 100,
  learningRate: 0.1,
  maxDepth: 4,
  minSamplesLeaf: 20,
  l2: 1,
  subsample: 0.8,
  maxBins: 64,
  seed: 1,
};

/** Fits gradient-boosted trees for binary log-loss on binned features; deterministic for a given seed. */
export function trainGradientBoostedTrees(data: Dataset, options: Partial<GbtParameters> = {}): GbtModel {
  validateDataset(data);
  const parameters: GbtParameters = { ...DEFAULT_GBT_PARAMETERS, ...options };
  if (!(parameters.subsample > 0 && parameters.subsample <= 1)) {
    throw new Error(`gradient-boosted trees: subsample must be in (0, 1], got ${parameters.subsample}`);
  }
  const n = data.rows.length;
  const p = data.featureNames.length;
  const bins = Array.from({ length: p }, (_, j) => computeBins(data.rows, j, parameters.maxBins));
  const codes = bins.map((featureBins, j) => Uint8Array.from(data.rows, (row) => binOf(featureBins, row[j]!)));

  // Row weights (absent: 1 each) scale each row's share of the base rate, the gradients and the hessians.
  const weight = data.weights;
  let positives = 0;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    const w = weight === undefined ? 1 : weight[i]!;
    positives += w * data.labels[i]!;
    totalWeight += w;
  }
  const baseRate = Math.min(Math.max(positives / totalWeight, 1e-6), 1 - 1e-6);
  const baseMargin = Math.log(baseRate / (1 - baseRate));

  const margin = new Float64Array(n).fill(baseMargin);
  const gradient = new Float64Array(n);
  const hessian = new Float64Array(n);
  const random = createRandom(parameters.seed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const sampleSize = Math.max(1, Math.round(parameters.subsample * n));
  const trees: Tree[] = [];

  for (let t = 0; t < parameters.trees; t++) {
    for (let i = 0; i < n; i++) {
      const prob = sigmoid(margin[i]!);
      const w = weight === undefined ? 1 : weight[i]!;
      gradient[i] = w * (prob - data.labels[i]!);
      hessian[i] = w * prob * (1 - prob);
    }
    // Partial Fisher–Yates: the first sampleSize entries become a uniform sample without replacement.
    for (let k = 0; k < sampleSize && sampleSize < n; k++) {
      const pick = k + Math.floor(random() * (n - k));
      const swap = order[k]!;
      order[k] = order[pick]!;
      order[pick] = swap;
    }
    const sample = order.slice(0, sampleSize).sort();
    const tree = growTree({ bins, codes, gradient, hessian, parameters }, sample);
    trees.push(tree);
    for (let i = 0; i < n; i++) margin[i]! += treeValue(tree, data.rows[i]!);
  }
  return { kind: 'gradient-boosted-trees', featureNames: [...data.featureNames], parameters, baseMargin, trees };
}

/** Log-odds margin for one row (NaN = missing). */
export function predictRaw(model: GbtModel, x: ArrayLike<number>): number {
  let margin = model.baseMargin;
  for (const tree of model.trees) margin += treeValue(tree, x);
  return margin;
}

export function predictProbability(model: GbtModel, x: ArrayLike<number>): number {
  return sigmoid(predictRaw(model, x));
}

interface GrowContext {
  readonly bins: readonly FeatureBins[];
  readonly codes: readonly Uint8Array[];
  readonly gradient: Float64Array;
  readonly hessian: Float64Array;
  readonly parameters: GbtParameters;
}

interface Split {
  readonly feature: number;
  readonly bin: number;
  readonly missingGoesLeft: boolean;
  readonly gain: number;
}

function growTree(context: GrowContext, sample: Int32Array): Tree {
  const nodes: TreeNode[] = [];
  const grow = (rows: Int32Array, depth: number): number => {
    const index = nodes.length;
    let g = 0;
    let h = 0;
    for (let k = 0; k < rows.length; k++) {
      g += context.gradient[rows[k]!]!;
      h += context.hessian[rows[k]!]!;
    }
    const { maxDepth, minSamplesLeaf, l2, learningRate } = context.parameters;
    const split = depth < maxDepth && rows.length >= 2 * minSamplesLeaf ? findBestSplit(context, rows, g, h) : null;
    if (split === null) {
      const value = (-g / (h + l2)) * learningRate;
      nodes.push({ feature: -1, threshold: 0, missingGoesLeft: false, left: -1, right: -1, value, cover: rows.length });
      return index;
    }
    nodes.push({ feature: -1, threshold: 0, missingGoesLeft: false, left: -1, right: -1, value: 0, cover: rows.length });
    const codes = context.codes[split.feature]!;
    const goesLeft = (i: number) => {
      const code = codes[i]!;
      return code === MISSING ? split.missingGoesLeft : code <= split.bin;
    };
    const left = grow(rows.filter(goesLeft), depth + 1);
    const right = grow(rows.filter((i) => !goesLeft(i)), depth + 1);
    nodes[index] = {
      feature: split.feature,
      threshold: context.bins[split.feature]!.edges[split.bin]!,
      missingGoesLeft: split.missingGoesLeft,
      left,
      right,
      value: 0,
      cover: rows.length,
    };
    return index;
  };
  grow(sample, 0);
  return { nodes };
}

function findBestSplit(context: GrowContext, rows: Int32Array, g: number, h: number): Split | null {
  const { l2, minSamplesLeaf } = context.parameters;
  const score = (gs: number, hs: number) => (gs * gs) / (hs + l2);
  const parentScore = score(g, h);
  let best: Split | null = null;
  for (let feature = 0; feature < context.codes.length; feature++) {
    const binCount = context.bins[feature]!.edges.length + 1;
    if (binCount < 2) continue;
    const codes = context.codes[feature]!;
    const gradHist = new Float64Array(binCount);
    const hessHist = new Float64Array(binCount);
    const countHist = new Int32Array(binCount);
    let gMissing = 0;
    let hMissing = 0;
    let nMissing = 0;
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k]!;
      const code = codes[i]!;
      if (code === MISSING) {
        gMissing += context.gradient[i]!;
        hMissing += context.hessian[i]!;
        nMissing++;
      } else {
        gradHist[code]! += context.gradient[i]!;
        hessHist[code]! += context.hessian[i]!;
        countHist[code]!++;
      }
    }
    let gLeft = 0;
    let hLeft = 0;
    let nLeft = 0;
    const nPresent = rows.length - nMissing;
    for (let bin = 0; bin < binCount - 1; bin++) {
      gLeft += gradHist[bin]!;
      hLeft += hessHist[bin]!;
      nLeft += countHist[bin]!;
      const nRight = nPresent - nLeft;
      // With no missing rows here, unseen NaNs follow the larger child.
      const directions = nMissing > 0 ? [true, false] : [nLeft >= nRight];
      for (const missingGoesLeft of directions) {
        const gl = gLeft + (missingGoesLeft ? gMissing : 0);
        const hl = hLeft + (missingGoesLeft ? hMissing : 0);
        const nl = nLeft + (missingGoesLeft ? nMissing : 0);
        const nr = rows.length - nl;
        if (nl < minSamplesLeaf || nr < minSamplesLeaf) continue;
        const gain = 0.5 * (score(gl, hl) + score(g - gl, h - hl) - parentScore);
        if (gain > 1e-12 && (best === null || gain > best.gain)) best = { feature, bin, missingGoesLeft, gain };
      }
    }
  }
  return best;
}

/** Index of the leaf a row reaches. */
export function leafIndex(tree: Tree, x: ArrayLike<number>): number {
  let index = 0;
  for (;;) {
    const node = tree.nodes[index]!;
    if (node.feature < 0) return index;
    index = goesLeft(node, x[node.feature]!) ? node.left : node.right;
  }
}

export function goesLeft(node: TreeNode, value: number): boolean {
  return Number.isNaN(value) ? node.missingGoesLeft : Math.fround(value) <= node.threshold;
}

function treeValue(tree: Tree, x: ArrayLike<number>): number {
  return tree.nodes[leafIndex(tree, x)]!.value;
}
