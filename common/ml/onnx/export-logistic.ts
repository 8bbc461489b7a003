import type { LogisticModel } from '../logistic-regression';
import { encodeModel, floatTensor, INPUT_NAME, node, OUTPUT_NAME } from './graph-builders';

export interface ExportMetadata {
  /** Stored as ModelProto.model_version and in metadata_props. */
  readonly modelVersion: number;
  /** The model card's version (e.g. "team-churn-20260701-090000-s3"), stored in metadata_props as `version`. */
  readonly version?: string;
}

/**
 * Logistic regression as IsNaN/Where (missing → training mean) → MatMul → Add → Sigmoid, with the
 * standardisation folded in: w_j = β_j / sd_j, b = β_0 − Σ β_j mean_j / sd_j.
 */
export function exportLogisticToOnnx(model: LogisticModel, meta: ExportMetadata): Uint8Array {
  const f = model.featureNames.length;
  const weights = model.coefficients.map((beta, j) => beta / model.scales[j]!);
  const bias = model.coefficients.reduce((b, beta, j) => b - (beta * model.means[j]!) / model.scales[j]!, model.intercept);
  return encodeModel({
    graphName: 'logistic_regression',
    featureCount: f,
    modelVersion: meta.modelVersion,
    opsets: [{ domain: '', version: 13 }],
    metadata: {
      feature_names: JSON.stringify(model.featureNames),
      model_version: String(meta.modelVersion),
      model_kind: model.kind,
    },
    initializers: [
      floatTensor('means', [f], model.means),
      floatTensor('weights', [f, 1], weights),
      floatTensor('bias', [1], [bias]),
    ],
    nodes: [
      node('IsNaN', [INPUT_NAME], ['missing']),
      node('Where', ['missing', 'means', INPUT_NAME], ['imputed']),
      node('MatMul', ['imputed', 'weights'], ['linear']),
      node('Add', ['linear', 'bias'], ['logit']),
      node('Sigmoid', ['logit'], [OUTPUT_NAME]),
    ],
  });
}
