import { fitPlatt, foldPlattIntoTrees, type PlattScaling } from '../ml/calibration';
import { type FeatureCoverage, featureCoverage } from '../ml/coverage';
import { type ReferenceBins, referenceBins } from '../ml/drift';
import { type GbtModel, type GbtParameters, predictProbability, predictRaw, trainGradientBoostedTrees } from '../ml/gradient-boosted-trees';
import { saabasContributions } from '../ml/tree-explanations';
import { timeSplit } from '../ml/time-split';
import { type AlertFeedback, FEEDBACK_RULE, type FeedbackRule, type FeedbackUse, feedbackUse, feedbackWeights, matchFeedback } from './alert-feedback';
import { evaluateProbabilities, type HoldoutEvaluation } from './model-evaluation';
import { checkMinimumOutcomes } from './model-promotion';
import type { ModelName, RenewalTrainingExample } from './training';

/** A window of renewals a model learnt from, was calibrated on or was measured on. */
export interface RenewalWindow {
  readonly from: string;
  readonly to: string;
  readonly rows: number;
}

/** The card of a model retrained on a team's own outcomes: what it learnt from, how it does, what it sees. */
export interface TeamModelCard {
  readonly name: ModelName;
  readonly kind: GbtModel['kind'];
  readonly version: string;
  /** Numeric version in the ONNX file's model_version (epoch seconds of createdAt). */
  readonly onnxVersion: number;
  readonly createdAt: string;
  readonly label: string;
  readonly data: string;
  /** The features the model reads, by name, in its input order (also in the ONNX metadata). */
  readonly features: readonly string[];
  readonly trainingWindow: RenewalWindow;
  readonly calibrationWindow: RenewalWindow;
  readonly testWindow: RenewalWindow;
  readonly calibration: { readonly method: 'platt'; readonly a: number; readonly b: number };
  /** On the time-based holdout: the trees as trained, and after calibration (what the model outputs). */
  readonly beforeCalibration: HoldoutEvaluation;
  readonly metrics: HoldoutEvaluation;
  /** Share of training renewals where each feature could be measured; a feature never measured is left out. */
  readonly coverage: readonly FeatureCoverage[];
  /** Mean |contribution| in log-odds on the holdout, largest first. */
  readonly importance: readonly { readonly feature: string; readonly meanAbsLogOdds: number }[];
  /** Training distribution per feature, for drift (PSI) of the live book. */
  readonly reference: Readonly<Record<string, ReferenceBins>>;
  readonly parameters: GbtParameters;
  /** Churn model: what the training took from "this alert was wrong" (absent: no feedback was handed in). */
  readonly feedback?: FeedbackUse;
}

export interface RetrainedModel {
  readonly model: GbtModel;
  readonly card: TeamModelCard;
}

export interface RetrainOptions {
  /** Names of the columns of every example's features. */
  readonly featureNames: readonly string[];
  readonly seed: number;
  /** When the retrain ran (ISO instant): the version and card date. */
  readonly createdAt: string;
  readonly data: string;
  /** Days before each renewal the features were measured: the embargo after each split boundary. */
  readonly leadDays: number;
  readonly calibrationShare?: number;
  readonly testShare?: number;
  /**
   * "This alert was wrong" items: training renewals they confirmed weigh more in the churn trees (alert-feedback.ts);
   * only the training split is weighted, never calibration or test.
   */
  readonly feedback?: readonly AlertFeedback[];
  readonly feedbackRule?: FeedbackRule;
  readonly onProgress?: (step: RetrainStep, done: number, total: number) => void;
}

export type RetrainStep = 'split' | 'train churn' | 'calibrate churn' | 'evaluate churn' | 'train expansion' | 'calibrate expansion' | 'evaluate expansion';

export class NotEnoughOutcomesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotEnoughOutcomesError';
  }
}

/** The time-based holdout of a retrain: the candidate and the current model are both measured on it. */
export interface Holdout {
  readonly featureNames: readonly string[];
  readonly rows: readonly ArrayLike<number>[];
  readonly labels: Readonly<Record<ModelName, number[]>>;
}

export interface RetrainResult {
  readonly models: Readonly<Record<ModelName, RetrainedModel>>;
  readonly holdout: Holdout;
}

const window = (rows: readonly RenewalTrainingExample[]): RenewalWindow => ({ from: rows[0]?.date ?? '', to: rows[rows.length - 1]?.date ?? '', rows: rows.length });

/**
 * The in-app retrain: a time-based split (train on earlier renewals, calibrate on the next, test on the latest, with
 * an embargo of leadDays after each boundary), gradient-boosted trees on the features the book can measure, Platt
 * scaling fitted on the calibration split and folded into the trees, and every metric on the untouched holdout.
 * Runs the same in a worker (the Models page), in Node (tests, bench). Throws NotEnoughOutcomesError when the book
 * has too few outcomes, saying how many it has.
 */
export function retrainRenewalModels(examples: readonly RenewalTrainingExample[], options: RetrainOptions): RetrainResult {
  const progress = options.onProgress ?? (() => undefined);
  const total = 7;
  const check = checkMinimumOutcomes(examples.map((e) => e.churned));
  if (!check.enough) throw new NotEnoughOutcomesError(check.message);
  progress('split', 0, total);
  const split = timeSplit(examples, { calibrationShare: options.calibrationShare ?? 0.2, testShare: options.testShare ?? 0.2, embargoDays: options.leadDays });
  if (split.test.length === 0 || split.calibration.length === 0) throw new NotEnoughOutcomesError('The renewals span too short a time for a time-based holdout');
  // The feature set follows the book: a feature never measured in training is left out (the app scores any model
  // whose features it can compute, by name).
  const allCoverage = featureCoverage(options.featureNames, split.train.map((e) => e.features));
  const kept = options.featureNames.flatMap((name, j) => (allCoverage[j]!.coverage > 0 ? [j] : []));
  const featureNames = kept.map((j) => options.featureNames[j]!);
  const project = (row: ArrayLike<number>) => Float64Array.from(kept, (j) => row[j]!);
  const trainRows = split.train.map((e) => project(e.features));
  const calibrationRows = split.calibration.map((e) => project(e.features));
  const testRows = split.test.map((e) => project(e.features));
  const reference = Object.fromEntries(featureNames.map((name, j) => [name, referenceBins(trainRows.map((r) => r[j]!))]));
  const createdMs = Date.parse(options.createdAt);
  if (Number.isNaN(createdMs)) throw new Error(`retrain: createdAt "${options.createdAt}" is not a date`);

  // CSM feedback, on the training split only: every item used was given before a training outcome (no future leaks).
  const feedbackRule = options.feedbackRule ?? FEEDBACK_RULE;
  const trainFeedback = options.feedback ? matchFeedback(split.train, options.feedback, feedbackRule) : undefined;
  const churnWeights = trainFeedback ? feedbackWeights(trainFeedback, feedbackRule) : undefined;
  const churnFeedback = trainFeedback ? feedbackUse(options.feedback!.length, trainFeedback, feedbackRule) : undefined;

  let step = 1;
  const build = (name: ModelName, labelOf: (e: RenewalTrainingExample) => number, label: string, weights?: Float64Array, feedback?: FeedbackUse): RetrainedModel => {
    progress(`train ${name}`, step++, total);
    const trained = trainGradientBoostedTrees({ featureNames, rows: trainRows, labels: split.train.map(labelOf), ...(weights ? { weights } : {}) }, { seed: options.seed });
    progress(`calibrate ${name}`, step++, total);
    const scaling: PlattScaling = fitPlatt(
      calibrationRows.map((r) => predictRaw(trained, r)),
      split.calibration.map(labelOf),
    );
    const model = foldPlattIntoTrees(trained, scaling);
    progress(`evaluate ${name}`, step++, total);
    const labels = split.test.map(labelOf);
    const importance = new Float64Array(featureNames.length);
    for (const row of testRows) {
      const { contributions } = saabasContributions(model, row);
      for (let j = 0; j < importance.length; j++) importance[j]! += Math.abs(contributions[j]!) / testRows.length;
    }
    const stamp = options.createdAt.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    return {
      model,
      card: {
        name,
        kind: model.kind,
        version: `team-${name}-${stamp}-s${options.seed}`,
        onnxVersion: Math.floor(createdMs / 1000),
        createdAt: options.createdAt,
        label,
        data: options.data,
        features: featureNames,
        trainingWindow: window(split.train),
        calibrationWindow: window(split.calibration),
        testWindow: window(split.test),
        calibration: { method: 'platt', a: scaling.a, b: scaling.b },
        beforeCalibration: evaluateProbabilities(testRows.map((r) => predictProbability(trained, r)), labels),
        metrics: evaluateProbabilities(testRows.map((r) => predictProbability(model, r)), labels),
        coverage: allCoverage,
        importance: featureNames.map((feature, j) => ({ feature, meanAbsLogOdds: importance[j]! })).sort((a, b) => b.meanAbsLogOdds - a.meanAbsLogOdds),
        reference,
        parameters: model.parameters,
        ...(feedback ? { feedback } : {}),
      },
    };
  };
  const churn = build('churn', (e) => e.churned, 'renewal ended in churn', churnWeights, churnFeedback);
  const expansion = build('expansion', (e) => e.expanded, 'renewal ended in an expansion');
  progress('evaluate expansion', total, total);
  return {
    models: { churn, expansion },
    holdout: { featureNames, rows: testRows, labels: { churn: split.test.map((e) => e.churned), expansion: split.test.map((e) => e.expanded) } },
  };
}
