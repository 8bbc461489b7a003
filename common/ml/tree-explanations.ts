import { goesLeft, type GbtModel, type Tree } from './gradient-boosted-trees';

export interface TreeExplanation {
  /** Base margin + cover-weighted mean output of every tree: the model's expected log-odds. */
  readonly expectedValue: number;
  /** Per feature, in log-odds; expectedValue + Σ contributions = predictRaw (exact for TreeSHAP). */
  readonly contributions: Float64Array;
}

/** Exact path-dependent TreeSHAP for one row (Lundberg et al. 2018, algorithm 2), summed over the ensemble. */
export function treeShap(model: GbtModel, x: ArrayLike<number>): TreeExplanation {
  const phi = new Float64Array(model.featureNames.length);
  let expectedValue = model.baseMargin;
  for (const tree of model.trees) {
    expectedValue += nodeExpectations(tree)[0]!;
    shapTree(tree, x, phi);
  }
  return { expectedValue, contributions: phi };
}

/**
 * Saabas attribution: along the row's path, each split's feature is credited with the change in the
 * subtree's expected output. Cheap (one path per tree) and also sums exactly to the margin, but
 * order-dependent; good for bulk ranking, not for a single explanation.
 */
export function saabasContributions(model: GbtModel, x: ArrayLike<number>): TreeExplanation {
  const phi = new Float64Array(model.featureNames.length);
  let expectedValue = model.baseMargin;
  for (const tree of model.trees) {
    const expectations = nodeExpectations(tree);
    expectedValue += expectations[0]!;
    let index = 0;
    for (;;) {
      const node = tree.nodes[index]!;
      if (node.feature < 0) break;
      const next = goesLeft(node, x[node.feature]!) ? node.left : node.right;
      phi[node.feature]! += expectations[next]! - expectations[index]!;
      index = next;
    }
  }
  return { expectedValue, contributions: phi };
}

const expectationCache = new WeakMap<Tree, Float64Array>();

/** Cover-weighted mean leaf value under each node (what Saabas credits the change of along a path). */
export function nodeExpectations(tree: Tree): Float64Array {
  const cached = expectationCache.get(tree);
  if (cached) return cached;
  const expectations = new Float64Array(tree.nodes.length);
  const visit = (index: number): number => {
    const node = tree.nodes[index]!;
    const value =
      node.feature < 0
        ? node.value
        : (visit(node.left) * tree.nodes[node.left]!.cover + visit(node.right) * tree.nodes[node.right]!.cover) / node.cover;
    expectations[index] = value;
    return value;
  };
  visit(0);
  expectationCache.set(tree, expectations);
  return expectations;
}

/** One element of the unique-feature path: feature, zero/one fractions and the permutation weight. */
interface PathElement {
  feature: number;
  zero: number;
  one: number;
  weight: number;
}

function shapTree(tree: Tree, x: ArrayLike<number>, phi: Float64Array): void {
  const recurse = (index: number, parentPath: readonly PathElement[], zero: number, one: number, feature: number): void => {
    const path = extendPath(parentPath, zero, one, feature);
    const node = tree.nodes[index]!;
    if (node.feature < 0) {
      for (let i = 1; i < path.length; i++) {
        const element = path[i]!;
        phi[element.feature]! += unwoundPathSum(path, i) * (element.one - element.zero) * node.value;
      }
      return;
    }
    const hot = goesLeft(node, x[node.feature]!) ? node.left : node.right;
    const cold = hot === node.left ? node.right : node.left;
    let incomingZero = 1;
    let incomingOne = 1;
    let current = path;
    const previous = path.findIndex((element, i) => i > 0 && element.feature === node.feature);
    if (previous >= 0) {
      incomingZero = path[previous]!.zero;
      incomingOne = path[previous]!.one;
      current = unwindPath(path, previous);
    }
    recurse(hot, current, (incomingZero * tree.nodes[hot]!.cover) / node.cover, incomingOne, node.feature);
    recurse(cold, current, (incomingZero * tree.nodes[cold]!.cover) / node.cover, 0, node.feature);
  };
  recurse(0, [], 1, 1, -1);
}

function extendPath(parent: readonly PathElement[], zero: number, one: number, feature: number): PathElement[] {
  const path = parent.map((element) => ({ ...element }));
  const depth = path.length;
  path.push({ feature, zero, one, weight: depth === 0 ? 1 : 0 });
  for (let i = depth - 1; i >= 0; i--) {
    path[i + 1]!.weight += (one * path[i]!.weight * (i + 1)) / (depth + 1);
    path[i]!.weight = (zero * path[i]!.weight * (depth - i)) / (depth + 1);
  }
  return path;
}

function unwindPath(source: readonly PathElement[], pathIndex: number): PathElement[] {
  const path = source.map((element) => ({ ...element }));
  const depth = path.length - 1;
  const { one, zero } = path[pathIndex]!;
  let nextOnePortion = path[depth]!.weight;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const previous = path[i]!.weight;
      path[i]!.weight = (nextOnePortion * (depth + 1)) / ((i + 1) * one);
      nextOnePortion = previous - (path[i]!.weight * zero * (depth - i)) / (depth + 1);
    } else {
      path[i]!.weight = (path[i]!.weight * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = pathIndex; i < depth; i++) {
    path[i]!.feature = path[i + 1]!.feature;
    path[i]!.zero = path[i + 1]!.zero;
    path[i]!.one = path[i + 1]!.one;
  }
  path.pop();
  return path;
}

function unwoundPathSum(path: readonly PathElement[], pathIndex: number): number {
  const depth = path.length - 1;
  const { one, zero } = path[pathIndex]!;
  let nextOnePortion = path[depth]!.weight;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const portion = nextOnePortion / ((i + 1) * one);
      total += portion;
      nextOnePortion = path[i]!.weight - portion * zero * (depth - i);
    } else {
      total += path[i]!.weight / (zero * (depth - i));
    }
  }
  return total * (depth + 1);
}

/**
 * Saabas attribution for many rows: the ensemble flattened into typed arrays, with each node's change in expected
 * output precomputed, so a row costs one descent per tree and no allocation. Gives bit-for-bit the contributions of
 * `saabasContributions` (each row's additions to a feature happen in the same tree order).
 */
export interface CompiledSaabas {
  readonly expectedValue: number;
  /**
   * Adds the contributions (log-odds) of `count` rows (row-major, `width` features each) into `phi` (same layout,
   * zeroed by the caller). Tree by tree over all rows: one tree's nodes stay in the CPU cache for the whole batch.
   */
  contributionsOfRows(rows: Float32Array, count: number, width: number, phi: Float64Array): void;
}

export function compileSaabas(model: GbtModel): CompiledSaabas {
  let total = 0;
  for (const tree of model.trees) total += tree.nodes.length;
  const feature = new Int32Array(total);
  const threshold = new Float64Array(total);
  const missingLeft = new Uint8Array(total);
  const left = new Int32Array(total);
  const right = new Int32Array(total);
  /** E[node] − E[parent]: what the parent's split feature is credited with when the row goes to this node. */
  const gain = new Float64Array(total);
  const roots = new Int32Array(model.trees.length);
  let expectedValue = model.baseMargin;
  let base = 0;
  model.trees.forEach((tree, t) => {
    const expectations = nodeExpectations(tree);
    expectedValue += expectations[0]!;
    roots[t] = base;
    tree.nodes.forEach((node, i) => {
      feature[base + i] = node.feature;
      threshold[base + i] = node.threshold;
      missingLeft[base + i] = node.missingGoesLeft ? 1 : 0;
      left[base + i] = base + node.left;
      right[base + i] = base + node.right;
      if (node.feature >= 0) {
        gain[base + node.left] = expectations[node.left]! - expectations[i]!;
        gain[base + node.right] = expectations[node.right]! - expectations[i]!;
      }
    });
    base += tree.nodes.length;
  });
  return {
    expectedValue,
    contributionsOfRows(rows, count, width, phi) {
      for (let t = 0; t < roots.length; t++) {
        const root = roots[t]!;
        for (let r = 0, offset = 0; r < count; r++, offset += width) {
          let index = root;
          for (;;) {
            const f = feature[index]!;
            if (f < 0) break;
            // A Float32Array element is a float32 already: comparing it to the float32 threshold is goesLeft's test.
            const value = rows[offset + f]!;
            const next = (value !== value ? missingLeft[index] === 1 : value <= threshold[index]!) ? left[index]! : right[index]!;
            phi[offset + f] = phi[offset + f]! + gain[next]!;
            index = next;
          }
        }
      }
    },
  };
}
