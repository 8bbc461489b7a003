import { demoAccountTruth, generateDemoBook } from '../demo/generate-demo-book';
import type { Dataset } from '../ml/dataset';
import { type GbtModel, predictProbability, trainGradientBoostedTrees } from '../ml/gradient-boosted-trees';
import { averagePrecision, expectedCalibrationError, precisionRecallAt, rocAuc } from '../ml/metrics';
import { renewalExample } from '../ml/renewal-features';
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

interface Example {
  readonly date: string;
  readonly features: Float64Array;
  readonly churned: number;
  readonly expanded: number;
  readonly simulatorChurn: number;
  readonly simulatorExpansion: number;
}

/** One example per renewal in the demo book, with the seats held before it, sorted by renewal date. */
export function demoRenewalExamples(options: TrainingOptions): Example[] {
  const params = { seed: options.seed, accounts: options.accounts, asOf: options.asOf };
  const examples: Example[] = [];
  let index = 0;
  for (const bundle of generateDemoBook(params)) {
    const truth = demoAccountTruth(params, index++).renewal;
    if (!truth) continue;
    const example = renewalExample(bundle, options.leadDays, truth.seatsBefore);
    if (!example || example.renewalDate !== truth.date) continue;
    examples.push({
      date: example.renewalDate,
      features: example.features,
      churned: example.churned,
      expanded: example.expanded,
      simulatorChurn: truth.probabilities.churn,
      simulatorExpansion: truth.probabilities.expansion,
    });
  }
  // Stable sort: ties keep generation order, so the split is deterministic.
  return examples.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Trains churn and expansion trees on the earlier renewals and measures them on the later ones (a time split). */
export function trainRenewalModels(options: TrainingOptions = DEFAULT_TRAINING_OPTIONS): Record<ModelName, TrainedModel> {
  const examples = demoRenewalExamples(options);
  if (examples.length < 100) throw new Error(`Too few renewals to train on (${examples.length}); raise accounts`);
  const split = Math.floor(examples.length * (1 - options.testShare));
  const train = examples.slice(0, split);
  const test = examples.slice(split);
  const build = (name: ModelName, label: (e: Example) => number, simulator: (e: Example) => number, description: string): TrainedModel => {
    const data: Dataset = { featureNames: FEATURE_NAMES, rows: train.map((e) => e.features), labels: train.map(label) };
    const model = trainGradientBoostedTrees(data, { seed: options.seed });
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
          simulatorRocAuc: rocAuc(test.map(simulator), labels),
        },
        data: `demo book: seed ${options.seed}, ${options.accounts} accounts, as of ${options.asOf}; features ${options.leadDays} days before each renewal`,
        parameters: model.parameters,
      },
    };
  };
  return {
    churn: build('churn', (e) => e.churned, (e) => e.simulatorChurn, 'renewal ended in churn'),
    expansion: build('expansion', (e) => e.expanded, (e) => e.simulatorExpansion, 'renewal ended in an expansion'),
  };
}
