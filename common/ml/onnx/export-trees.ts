import type { GbtModel, Tree } from '../gradient-boosted-trees';
import { nodeExpectations } from '../tree-explanations';
import type { ExportMetadata } from './export-logistic';
import { attribute, CONTRIBUTIONS_NAME, encodeModel, INPUT_NAME, int64Tensor, node, OUTPUT_NAME } from './graph-builders';

/** One leaf's targets: its Saabas credit per feature (the changes of expected output along its path) and its value. */
function leafTargets(tree: Tree, featureCount: number): Map<number, Map<number, number>> {
  const expectations = nodeExpectations(tree);
  const leaves = new Map<number, Map<number, number>>();
  const visit = (index: number, credit: ReadonlyMap<number, number>): void => {
    const n = tree.nodes[index]!;
    if (n.feature < 0) {
      leaves.set(index, new Map([...credit, [featureCount, n.value]]));
      return;
    }
    for (const child of [n.left, n.right]) {
      const next = new Map(credit);
      next.set(n.feature, (next.get(n.feature) ?? 0) + expectations[child]! - expectations[index]!);
      visit(child, next);
    }
  };
  visit(0, new Map());
  return leaves;
}

/**
 * Trees as one ai.onnx.ml TreeEnsembleRegressor (opset 3, float attributes) with F + 1 targets, split into two
 * outputs by a single pass over the trees:
 * - target F sums leaf values onto base_values = the initial margin; Sigmoid of it is `probability` [N, 1];
 * - targets 0…F−1 are the Saabas path attribution in log-odds, `contributions` [N, F]: each leaf carries what its
 *   path credits each split feature with (the change of the cover-weighted expected output), so that
 *   expected_value + Σ contributions = the margin (expected_value in metadata_props). This is the bulk explanation
 *   of a whole book, computed by the runtime alongside the prediction instead of by a second walk in JavaScript.
 * "x ≤ threshold" is the true branch; NaN follows nodes_missing_value_tracks_true, which records each split's learned
 * missing direction.
 */
export function exportTreesToOnnx(model: GbtModel, meta: ExportMetadata): Uint8Array {
  const featureCount = model.featureNames.length;
  const nodeTree: number[] = [];
  const nodeIds: number[] = [];
  const features: number[] = [];
  const modes: string[] = [];
  const thresholds: number[] = [];
  const trueIds: number[] = [];
  const falseIds: number[] = [];
  const missingTrue: number[] = [];
  const targetTree: number[] = [];
  const targetNode: number[] = [];
  const targetIds: number[] = [];
  const targetWeights: number[] = [];
  let expectedValue = model.baseMargin;
  model.trees.forEach((tree, t) => {
    expectedValue += nodeExpectations(tree)[0]!;
    const leaves = leafTargets(tree, featureCount);
    tree.nodes.forEach((n, id) => {
      const leaf = n.feature < 0;
      nodeTree.push(t);
      nodeIds.push(id);
      features.push(leaf ? 0 : n.feature);
      modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      thresholds.push(leaf ? 0 : n.threshold);
      trueIds.push(leaf ? 0 : n.left);
      falseIds.push(leaf ? 0 : n.right);
      missingTrue.push(!leaf && n.missingGoesLeft ? 1 : 0);
      if (!leaf) return;
      for (const [target, weight] of [...leaves.get(id)!].sort((a, b) => a[0] - b[0])) {
        targetTree.push(t);
        targetNode.push(id);
        targetIds.push(target);
        targetWeights.push(weight);
      }
    });
  });
  const ensemble = node(
    'TreeEnsembleRegressor',
    [INPUT_NAME],
    ['targets'],
    [
      attribute('n_targets', 'int', featureCount + 1),
      attribute('aggregate_function', 'string', 'SUM'),
      attribute('post_transform', 'string', 'NONE'),
      attribute('base_values', 'floats', [...new Array<number>(featureCount).fill(0), model.baseMargin]),
      attribute('nodes_treeids', 'ints', nodeTree),
      attribute('nodes_nodeids', 'ints', nodeIds),
      attribute('nodes_featureids', 'ints', features),
      attribute('nodes_modes', 'strings', modes),
      attribute('nodes_values', 'floats', thresholds),
      attribute('nodes_truenodeids', 'ints', trueIds),
      attribute('nodes_falsenodeids', 'ints', falseIds),
      attribute('nodes_missing_value_tracks_true', 'ints', missingTrue),
      attribute('target_treeids', 'ints', targetTree),
      attribute('target_nodeids', 'ints', targetNode),
      attribute('target_ids', 'ints', targetIds),
      attribute('target_weights', 'floats', targetWeights),
    ],
    'ai.onnx.ml',
  );
  return encodeModel({
    graphName: 'gradient_boosted_trees',
    featureCount,
    modelVersion: meta.modelVersion,
    opsets: [
      { domain: '', version: 13 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    metadata: {
      feature_names: JSON.stringify(model.featureNames),
      model_version: String(meta.modelVersion),
      model_kind: model.kind,
      contributions_expected_value: String(expectedValue),
      // The card's version travels with the file (only when given: the shipped models' bytes stay as they were).
      ...(meta.version === undefined ? {} : { version: meta.version }),
    },
    initializers: [int64Tensor('split_sizes', [2], [featureCount, 1])],
    nodes: [
      ensemble,
      node('Split', ['targets', 'split_sizes'], [CONTRIBUTIONS_NAME, 'margin'], [attribute('axis', 'int', 1)]),
      node('Sigmoid', ['margin'], [OUTPUT_NAME]),
    ],
    extraOutputs: [{ name: CONTRIBUTIONS_NAME, shape: ['N', featureCount] }],
  });
}
