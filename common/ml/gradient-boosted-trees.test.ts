import { describe, expect, it } from 'vitest';
import { type GbtModel, predictProbability, predictRaw, trainGradientBoostedTrees, type Tree } from './gradient-boosted-trees';
import { rocAuc } from './metrics';
import { createRandom } from '../random/seeded-random';
import { generateSyntheticData } from './testing/synthetic-data';
import { saabasContributions, treeShap } from './tree-explanations';

const train = generateSyntheticData({ seed: 1, rows: 20_000, missingRate: 0.05 });
const test = generateSyntheticData({ seed: 2, rows: 5_000 });
const model = trainGradientBoostedTrees(train, { seed: 7 });

describe('gradient-boosted trees', () => {
  it('is deterministic for a seed and changes with the seed', () => {
    const small = { trees: 10, seed: 3 };
    expect(JSON.stringify(trainGradientBoostedTrees(train, small))).toBe(JSON.stringify(trainGradientBoostedTrees(train, small)));
    expect(JSON.stringify(trainGradientBoostedTrees(train, { ...small, seed: 4 }))).not.toBe(
      JSON.stringify(trainGradientBoostedTrees(train, small)),
    );
  });

  it('respects depth, leaf size and the 64-bin limit', () => {
    for (const tree of model.trees) {
      expect(tree.nodes.length).toBeLessThanOrEqual(2 ** 5 - 1);
      for (const node of tree.nodes) if (node.feature < 0) expect(node.cover).toBeGreaterThanOrEqual(20);
    }
    const thresholds = new Set(model.trees.flatMap((t) => t.nodes.filter((n) => n.feature === 0).map((n) => n.threshold)));
    expect(thresholds.size).toBeLessThanOrEqual(63);
  });

  it('ranks held-out rows close to the generating process', () => {
    const scores = test.rows.map((row) => predictProbability(model, row));
    const oracle = rocAuc(test.trueProbabilities, test.labels);
    // Axis-aligned steps approximate the linear logit less well than a linear model, and 5% of training
    // values are missing: allow 0.02 below the oracle (the logistic fit gets within 0.01).
    expect(rocAuc(scores, test.labels)).toBeGreaterThan(oracle - 0.02);
  });

  it('routes missing values to the side that lowers the loss, per split', () => {
    const random = createRandom(11);
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 4_000; i++) {
      const missing = random() < 0.2;
      const x = random();
      rows.push([missing ? Number.NaN : x]);
      labels.push((missing ? random() < 0.9 : x > 0.5 !== random() < 0.1) ? 1 : 0);
    }
    const missingModel = trainGradientBoostedTrees({ featureNames: ['x'], rows, labels }, { trees: 20, subsample: 1 });
    const root = missingModel.trees[0]!.nodes[0]!;
    expect(root.threshold).toBeCloseTo(0.5, 1);
    expect(root.missingGoesLeft).toBe(false);
    expect(predictProbability(missingModel, [Number.NaN])).toBeGreaterThan(0.8);
    expect(predictProbability(missingModel, [0.1])).toBeLessThan(0.2);
  });

  it('TreeSHAP and Saabas contributions plus the expected value sum to the raw margin', () => {
    const rows = [...test.rows.slice(0, 100), ...train.rows.filter((r) => Array.from(r).some(Number.isNaN)).slice(0, 100)];
    for (const row of rows) {
      const margin = predictRaw(model, row);
      for (const explanation of [treeShap(model, row), saabasContributions(model, row)]) {
        const sum = explanation.contributions.reduce((s, c) => s + c, explanation.expectedValue);
        expect(Math.abs(sum - margin)).toBeLessThan(1e-6);
      }
    }
  });

  it('TreeSHAP equals Shapley values computed by enumerating every feature subset', () => {
    const small = trainGradientBoostedTrees(train, { trees: 5, seed: 2 });
    for (const row of [...test.rows.slice(0, 10), train.rows.find((r) => Array.from(r).some(Number.isNaN))!]) {
      const fast = treeShap(small, row).contributions;
      const exact = bruteForceShapley(small, row);
      fast.forEach((value, j) => expect(value).toBeCloseTo(exact[j]!, 9));
    }
  });

  it('gives the largest mean |TreeSHAP| to the strongest generating weight and little to noise', () => {
    const totals = new Float64Array(6);
    for (const row of test.rows.slice(0, 300)) treeShap(model, row).contributions.forEach((c, j) => (totals[j]! += Math.abs(c)));
    expect(totals.indexOf(Math.max(...totals))).toBe(0);
    expect(totals[5]!).toBeLessThan(totals[0]! / 10);
  });
});

/** v(S) = path-dependent conditional expectation: follow x on features in S, average children by cover otherwise. */
function bruteForceShapley(model: GbtModel, x: ArrayLike<number>): number[] {
  const m = model.featureNames.length;
  const value = (mask: number) => model.trees.reduce((sum, tree) => sum + conditionalExpectation(tree, 0, x, mask), 0);
  const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
  const phi = new Array<number>(m).fill(0);
  for (let mask = 0; mask < 1 << m; mask++) {
    const size = popcount(mask);
    for (let j = 0; j < m; j++) {
      if (mask & (1 << j)) continue;
      const weight = (factorial(size) * factorial(m - size - 1)) / factorial(m);
      phi[j]! += weight * (value(mask | (1 << j)) - value(mask));
    }
  }
  return phi;
}

function conditionalExpectation(tree: Tree, index: number, x: ArrayLike<number>, mask: number): number {
  const node = tree.nodes[index]!;
  if (node.feature < 0) return node.value;
  if (mask & (1 << node.feature)) {
    const v = x[node.feature]!;
    const left = Number.isNaN(v) ? node.missingGoesLeft : Math.fround(v) <= node.threshold;
    return conditionalExpectation(tree, left ? node.left : node.right, x, mask);
  }
  const l = tree.nodes[node.left]!;
  const r = tree.nodes[node.right]!;
  return (l.cover * conditionalExpectation(tree, node.left, x, mask) + r.cover * conditionalExpectation(tree, node.right, x, mask)) / node.cover;
}

function popcount(mask: number): number {
  let count = 0;
  for (let v = mask; v; v &= v - 1) count++;
  return count;
}
