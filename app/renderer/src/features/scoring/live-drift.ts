import { type AccountHistory, scoringCutoff } from '../../../../../common/intelligence/account-features';
import { appFeatures, featureLayout, ownKeysOfFeatures } from '../../../../../common/intelligence/catalogue-features';
import { selectColumns } from '../../../../../common/intelligence/model-evaluation';
import type { TeamModelCard } from '../../../../../common/intelligence/retrain';
import { type FeatureDrift, featureDrift } from '../../../../../common/ml/drift';

/** PSI per feature of today's book against a model's training data (its card keeps the reference bins). */
export function liveDrift(card: TeamModelCard, histories: readonly AccountHistory[]): FeatureDrift[] {
  const cutoff = scoringCutoff();
  // The whole row the app computes (core and catalogue columns): a team model may read the book's own features.
  // The team's own features the model reads end the row.
  const ownKeys = ownKeysOfFeatures(card.features);
  const names = featureLayout(ownKeys).names;
  const rows = histories.filter((h) => h.account.status === 'active').map((h) => selectColumns(appFeatures(h, cutoff, h.account.seatsPurchased, ownKeys), names, card.features));
  return featureDrift(card.features, card.reference, rows);
}
