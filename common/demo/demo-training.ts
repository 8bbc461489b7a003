import {
  DEFAULT_TRAINING_OPTIONS,
  type ModelName,
  type RenewalTrainingExample,
  type TrainedModel,
  type TrainingOptions,
  trainRenewalModelsOn,
} from '../intelligence/training';
import { renewalExample } from '../intelligence/renewal-features';
import type { BookProfile } from './book-window';
import { demoAccountTruth, generateDemoBook } from './generate-demo-book';

/** One example per renewal in the demo book (or another profile's book), with the seats held before it, sorted by renewal date. */
export function demoRenewalExamples(options: TrainingOptions & { readonly profile?: BookProfile }): RenewalTrainingExample[] {
  const params = { seed: options.seed, accounts: options.accounts, asOf: options.asOf, ...(options.profile ? { profile: options.profile } : {}) };
  const examples: RenewalTrainingExample[] = [];
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

/** The shipped models: trained on the demo book (`npm run train`). */
export function trainRenewalModels(options: TrainingOptions = DEFAULT_TRAINING_OPTIONS): Record<ModelName, TrainedModel> {
  const data = `demo book: seed ${options.seed}, ${options.accounts} accounts, as of ${options.asOf}; features ${options.leadDays} days before each renewal`;
  return trainRenewalModelsOn(demoRenewalExamples(options), options, data);
}
