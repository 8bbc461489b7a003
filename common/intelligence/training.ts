import type { Dataset } from '../ml/dataset';
import { type GbtModel, predictProbability, trainGradientBoostedTrees } from '../ml/gradient-boosted-trees';
import { averagePrecision, expectedCalibrationError, precisionRecallAt, rocAuc } from '../ml/metrics';
import { FEATURE_NAMES, FEATURE_SPECS, type FeatureSpec } from './account-features';

export type ModelName = 'churn' | 'expansion';

/** Probability at or above which the churn alert (default rule: risk ≥ 50) or an opportunity (propensity ≥ 50) fires. */
export const ALERT_THRESHOLDS: Readonly<Record<ModelName, number>> = { churn: 0.5, expansion: 0.5 };

export interface TrainingOptions {
  readonly accounts: number;
  readonly seed: number;
  /** The demo book's "today"; renewals up to it have known outcomes. */
  readonly asOf: string;
  /** Features are measured this many days before each renewal: what a CSM would have known. */
  readonly leadDays: number;
  /** Share of renewals (the latest ones) held out for the metrics. */
  readonly testShare: number;
}

export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = { accounts: 5000, seed: 7, asOf: '2026-06-30', leadDays: 30, testShare: 0.2 };

export interface HeldOutMetrics {
  readonly rocAuc: number;
  readonly prAuc: number;
  readonly expectedCalibrationError: number;
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
  readonly positiveRate: number;
  /** The simulator's own probabilities on the same rows: the ceiling a model could reach. */
  readonly simulatorRocAuc?: number;
}

export interface ModelCard {
  readonly name: ModelName;
  readonly kind: GbtModel['kind'];
  readonly version: string;
  /** Numeric version stored in the ONNX file's model_version. */
  readonly onnxVersion: number;
  /** The date the model was built for (the training data's as-of date), so a rebuild gives the same bytes. */
  readonly date: string;
  readonly label: string;
  readonly features: readonly FeatureSpec[];
  readonly trainingWindow: { readonly from: string; readonly to: string; readonly rows: number };
  readonly testWindow: { readonly from: string; readonly to: string; readonly rows: number };
  readonly metrics: HeldOutMetrics;
  readonly data: string;
  readonly parameters: GbtModel['parameters'];
}

export interface TrainedModel {
  readonly model: GbtModel;
  readonly card: ModelCard;
}

/** One renewal to learn from: the features a CSM had `leadDays` before it, and how it ended. */
export interface RenewalTrainingExample {
  readonly date: string;
  readonly features: Float64Array;
  readonly churned: number;
  readonly expanded: number;
  /** The account and its contract outcome (renewal, expansion, contraction, churn): for CSM feedback (alert-feedback.ts). */
  readonly accountId?: string;
  readonly outcome?: string;
  /** Where the data comes from a simulator: its own probabilities, the ceiling a model could reach. */
  readonly simulatorChurn?: number;
  readonly simulatorExpansion?: number;
}

/**
 * Trains churn and expansion trees on the earlier renewals and measures them on the later ones (a time split).
 * `examples` must be sorted by renewal date; `data` says where they come from, for the model card.
 */
export function trainRenewalModelsOn(
  examples: readonly RenewalTrainingExample[],
  options: Pick<TrainingOptions, 'seed' | 'asOf' | 'testShare'>,
  data: string,
): Record<ModelName, TrainedModel> {
  if (examples.length < 100) throw new Error(`Too few renewals to train on (${examples.length}); raise accounts`);
  const split = Math.floor(examples.length * (1 - options.testShare));
  const train = examples.slice(0, split);
  const test = examples.slice(split);
  const build = (name: ModelName, label: (e: RenewalTrainingExample) => number, simulator: (e: RenewalTrainingExample) => number | undefined, description: string): TrainedModel => {
    const dataset: Dataset = { featureNames: FEATURE_NAMES, rows: train.map((e) => e.features), labels: train.map(label) };
    const model = trainGradientBoostedTrees(dataset, { seed: options.seed });
    const scores = test.map((e) => predictProbability(model, e.features));
    const labels = test.map(label);
    const threshold = ALERT_THRESHOLDS[name];
    const at = precisionRecallAt(scores, labels, threshold);
    const onnxVersion = Date.parse(`${options.asOf}T00:00:00Z`) / 1000;
    return {
      model,
      card: {
        name,
        kind: model.kind,
        version: `${name}-${options.asOf}-s${options.seed}`,
        onnxVersion,
        date: options.asOf,
        label: description,
        features: FEATURE_SPECS,
        trainingWindow: { from: train[0]!.date, to: train[train.length - 1]!.date, rows: train.length },
        testWindow: { from: test[0]!.date, to: test[test.length - 1]!.date, rows: test.length },
        metrics: {
          rocAuc: rocAuc(scores, labels),
          prAuc: averagePrecision(scores, labels),
          expectedCalibrationError: expectedCalibrationError(scores, labels),
          threshold,
          precision: at.precision,
          recall: at.recall,
          positiveRate: labels.reduce((s, y) => s + y, 0) / labels.length,
          ...simulatorMetric(test.map(simulator), labels),
        },
        data,
        parameters: model.parameters,
      },
    };
  };
  return {
    churn: build('churn', (e) => e.churned, (e) => e.simulatorChurn, 'renewal ended in churn'),
    expansion: build('expansion', (e) => e.expanded, (e) => e.simulatorExpansion, 'renewal ended in an expansion'),
  };
}

/** The simulator's ROC-AUC on the held-out rows, where every row has the simulator's probability. */
function simulatorMetric(probabilities: readonly (number | undefined)[], labels: readonly number[]): { simulatorRocAuc?: number } {
  if (probabilities.some((p) => p === undefined)) return {};
  return { simulatorRocAuc: rocAuc(probabilities as number[], labels) };
}
