import type { OutpostDatabase } from '../db/create-database';
import type { GbtModel } from '../ml/gradient-boosted-trees';
import { predictProbability } from '../ml/gradient-boosted-trees';
import { type AccountHistory, FEATURE_NAMES } from './account-features';
import { type AlertFeedback, alertFeedbackOf } from './alert-feedback';
import { type BookCatalogue, bookCatalogue, catalogueFeatureNames, catalogueFeatures, featureLayout } from './catalogue-features';
import { groupBy, raw } from './engine-storage';
import { evaluateProbabilities, type HoldoutEvaluation, selectColumns } from './model-evaluation';
import { renewalExample } from './renewal-features';
import { retrainRenewalModels, type RetrainStep } from './retrain';
import type { ScorecardConfig } from './scorecard';
import { proposeScorecardWeights, type ScorecardProposal } from './scorecard-optimiser';
import type { ModelVersionFiles } from './team-model';
import type { ModelName, RenewalTrainingExample } from './training';

/** What the Models page hands the retrain worker: the book's histories and the current models to compare against. */
export interface RetrainJobRequest {
  readonly histories: readonly AccountHistory[];
  /** The current models' trees (shipped or the team's promoted version), measured on the same holdout. */
  readonly current: Readonly<Record<ModelName, GbtModel>>;
  readonly createdAt: string;
  readonly seed: number;
  /** Features are measured this many days before each renewal (what a CSM would have known). */
  readonly leadDays: number;
  readonly data: string;
  /** The alerts people marked "this alert was wrong" (alertFeedbackOf): weights of the churn training set. */
  readonly feedback?: readonly AlertFeedback[];
  /**
   * Learn from the team's own catalogue too (catalogue-features.ts): the book's product features, activity kinds and
   * own features (`usage_<own>_month/_trend`) become columns, and the model keeps those its training renewals measured. Absent: the core features only.
   */
  readonly catalogue?: boolean;
  /** Today's scorecard: the optimiser proposes weights for it (absent: no proposal). */
  readonly scorecard?: ScorecardConfig;
}

export interface ModelComparison {
  readonly candidate: HoldoutEvaluation;
  readonly current: HoldoutEvaluation;
}

export interface RetrainJobResult {
  readonly files: ModelVersionFiles;
  readonly renewals: number;
  readonly comparison: Readonly<Record<ModelName, ModelComparison>>;
  readonly scorecard?: ScorecardProposal;
}

export type RetrainJobStep = 'features' | RetrainStep;

/** The columns of a retrain's examples: the core features, then the catalogue columns of the book's catalogue. */
export function retrainFeatureNames(catalogue?: BookCatalogue): string[] {
  return [...FEATURE_NAMES, ...(catalogue ? catalogueFeatureNames(catalogue) : [])];
}

/**
 * One training example per account with a past renewal: features `leadDays` before it, sorted by renewal date.
 * With a catalogue, each row also holds the book's catalogue columns (retrainFeatureNames order).
 */
export function renewalExamplesOf(histories: readonly AccountHistory[], leadDays: number, catalogue?: BookCatalogue): RenewalTrainingExample[] {
  const examples: RenewalTrainingExample[] = [];
  // The book's own features end the row (featureLayout), so their columns are found by name like the rest.
  const ownKeys = catalogue?.ownFeatures ?? [];
  const catalogueNames = featureLayout(ownKeys).catalogueSpecs.map((spec) => spec.name);
  const extra = catalogue ? catalogueFeatureNames(catalogue).map((name) => catalogueNames.indexOf(name)) : [];
  const catalogueRow = new Float64Array(catalogueNames.length);
  for (const history of histories) {
    const example = renewalExample(history, leadDays);
    if (!example) continue;
    let features = example.features;
    if (extra.length > 0) {
      catalogueFeatures(history, Date.parse(example.renewalDate) - leadDays * 86_400_000, catalogueRow, ownKeys);
      features = new Float64Array(FEATURE_NAMES.length + extra.length);
      features.set(example.features);
      extra.forEach((k, j) => (features[FEATURE_NAMES.length + j] = catalogueRow[k]!));
    }
    examples.push({ date: example.renewalDate, features, churned: example.churned, expanded: example.expanded, accountId: example.accountId, outcome: example.outcome });
  }
  return examples.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The whole in-app retrain, as the worker runs it: features from the book's own history, the time-based retrain
 * with calibration, and the candidate and the current model measured on the same holdout.
 */
export function runRetrainJob(request: RetrainJobRequest, onProgress: (step: RetrainJobStep, done: number, total: number) => void = () => undefined): RetrainJobResult {
  onProgress('features', 0, 8);
  const catalogue = request.catalogue ? bookCatalogue(request.histories) : undefined;
  const examples = renewalExamplesOf(request.histories, request.leadDays, catalogue);
  const { models, holdout } = retrainRenewalModels(examples, {
    featureNames: retrainFeatureNames(catalogue),
    seed: request.seed,
    createdAt: request.createdAt,
    data: request.data,
    leadDays: request.leadDays,
    ...(request.feedback ? { feedback: request.feedback } : {}),
    onProgress: (step, done, total) => onProgress(step, done + 1, total + 1),
  });
  const compare = (name: ModelName): ModelComparison => {
    const current = request.current[name];
    const probabilities = holdout.rows.map((row) => predictProbability(current, selectColumns(row, holdout.featureNames, current.featureNames)));
    return { candidate: models[name].card.metrics, current: evaluateProbabilities(probabilities, holdout.labels[name]) };
  };
  return {
    files: {
      version: models.churn.card.version,
      models: { churn: { trees: models.churn.model, card: models.churn.card }, expansion: { trees: models.expansion.model, card: models.expansion.card } },
    },
    renewals: examples.length,
    comparison: { churn: compare('churn'), expansion: compare('expansion') },
    ...(request.scorecard ? { scorecard: proposeScorecardWeights(examples, request.scorecard) } : {}),
  };
}

/** Every account's history from the local book (plain documents), for the retrain worker. */
export async function readBookHistories(db: OutpostDatabase): Promise<AccountHistory[]> {
  const [accounts, contacts, usage, activities, revenue] = await Promise.all([raw(db.accounts), raw(db.contacts), raw(db.usage), raw(db.activities), raw(db.revenue)]);
  const by = { contacts: groupBy(contacts), usage: groupBy(usage), activities: groupBy(activities), revenue: groupBy(revenue) };
  return accounts.map((account) => ({
    account,
    contacts: by.contacts.get(account.id) ?? [],
    usage: by.usage.get(account.id) ?? [],
    activities: by.activities.get(account.id) ?? [],
    revenue: by.revenue.get(account.id) ?? [],
  }));
}

/** The "this alert was wrong" items of the local book's alerts, for the retrain (alert-feedback.ts). */
export async function readAlertFeedback(db: OutpostDatabase): Promise<AlertFeedback[]> {
  return alertFeedbackOf(await raw(db.alerts, { feedback: { $eq: 'wrong' } }));
}
