import type { GbtModel } from '../gradient-boosted-trees';
import type { ExportMetadata } from './export-logistic';
import { attribute, encodeModel, INPUT_NAME, node, OUTPUT_NAME } from './graph-builders';

/**
 * Trees as ai.onnx.ml TreeEnsembleRegressor (opset 3, float attributes) summing leaf values onto
 * base_values = the initial margin, then Sigmoid. "x ≤ threshold" is the true branch; NaN follows
 * nodes_missing_value_tracks_true, which records each split's learned missing direction.
 */
export function exportTreesToOnnx(model: GbtModel, meta: ExportMetadata): Uint8Array {
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
  const targetWeights: number[] = [];
  model.trees.forEach((tree, t) => {
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
      if (leaf) {
        targetTree.push(t);
        targetNode.push(id);
        targetWeights.push(n.value);
      }
    });
  });
  const ensemble = node(
    'TreeEnsembleRegressor',
    [INPUT_NAME],
    ['margin'],
    [
      attribute('n_targets', 'int', 1),
      attribute('aggregate_function', 'string', 'SUM'),
      attribute('post_transform', 'string', 'NONE'),
      attribute('base_values', 'floats', [model.baseMargin]),
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
      attribute('target_ids', 'ints', targetTree.map(() => 0)),
      attribute('target_weights', 'floats', targetWeights),
    ],
    'ai.onnx.ml',
  );
  return encodeModel({
    graphName: 'gradient_boosted_trees',
    featureCount: model.featureNames.length,
    modelVersion: meta.modelVersion,
    opsets: [
      { domain: '', version: 13 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    metadata: {
      feature_names: JSON.stringify(model.featureNames),
      model_version: String(meta.modelVersion),
      model_kind: model.kind,
    },
    initializers: [],
    nodes: [ensemble, node('Sigmoid', ['margin'], [OUTPUT_NAME])],
  });
}
