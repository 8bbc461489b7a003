import { rocAuc } from '../ml/metrics';
import { timeSplit } from '../ml/time-split';
import { MEASURE_COUNT, MEASURE_IDS, MIN_COVERAGE, type MeasureId, type ScorecardConfig, scoreMeasuresInto } from './scorecard';
import type { RenewalTrainingExample } from './training';

export interface ScorecardProposal {
  readonly current: Readonly<Record<MeasureId, number>>;
  readonly proposed: Readonly<Record<MeasureId, number>>;
  /** ROC-AUC of (100 − health) for churn on the later renewals (held out from the search), both weightings. */
  readonly currentRocAuc: number;
  readonly proposedRocAuc: number;
  readonly heldOut: number;
}

const STEPS = [0, 5, 10, 15, 20, 25, 30, 40, 50];

/** Health of each row for a set of weights, from measure scores computed once (NaN: no health score). */
function healthOf(measures: readonly Float64Array[], weights: readonly number[]): Float64Array {
  const total = weights.reduce((s, w) => s + w, 0);
  return Float64Array.from(measures, (scores) => {
    let weighted = 0;
    let withData = 0;
    for (let i = 0; i < MEASURE_COUNT; i++) {
      if (Number.isNaN(scores[i]!) || weights[i]! <= 0) continue;
      weighted += weights[i]! * scores[i]!;
      withData += weights[i]!;
    }
    return withData === 0 || withData / total < MIN_COVERAGE ? Number.NaN : weighted / withData;
  });
}

/** ROC-AUC of low health for churn over the rows that have a health score. */
function aucOf(health: Float64Array, labels: readonly number[]): number {
  const scores: number[] = [];
  const kept: number[] = [];
  health.forEach((h, i) => {
    if (Number.isNaN(h)) return;
    scores.push(100 - h);
    kept.push(labels[i]!);
  });
  return rocAuc(scores, kept);
}

/**
 * Proposes scorecard weights that best predict the team's churn outcomes: coordinate ascent over a grid of weights
 * (thresholds and bands stay), maximising the ROC-AUC of low health on the earlier renewals, and measured on the
 * later ones against today's weights. A proposal only: a CS Manager applies it (Models page).
 */
export function proposeScorecardWeights(examples: readonly RenewalTrainingExample[], config: ScorecardConfig): ScorecardProposal {
  const { train, test } = timeSplit(examples, { calibrationShare: 0, testShare: 0.3, embargoDays: 30 });
  const measuresOf = (rows: readonly RenewalTrainingExample[]) =>
    rows.map((e) => {
      const scores = new Float64Array(MEASURE_COUNT);
      scoreMeasuresInto(e.features, config, scores);
      return scores;
    });
  const trainMeasures = measuresOf(train);
  const trainLabels = train.map((e) => e.churned);
  const current = MEASURE_IDS.map((id) => config.measures[id].weight);
  let best = [...current];
  let bestAuc = aucOf(healthOf(trainMeasures, best), trainLabels);
  for (let pass = 0; pass < 3; pass++) {
    let improved = false;
    for (let i = 0; i < MEASURE_COUNT; i++) {
      for (const step of STEPS) {
        if (step === best[i]) continue;
        const candidate = [...best];
        candidate[i] = step;
        if (candidate.every((w) => w === 0)) continue;
        const auc = aucOf(healthOf(trainMeasures, candidate), trainLabels);
        if (auc > bestAuc + 1e-6) {
          best = candidate;
          bestAuc = auc;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  const testMeasures = measuresOf(test);
  const testLabels = test.map((e) => e.churned);
  const record = (weights: readonly number[]) => Object.fromEntries(MEASURE_IDS.map((id, i) => [id, weights[i]!])) as Record<MeasureId, number>;
  return {
    current: record(current),
    proposed: record(best),
    currentRocAuc: aucOf(healthOf(testMeasures, current), testLabels),
    proposedRocAuc: aucOf(healthOf(testMeasures, best), testLabels),
    heldOut: test.length,
  };
}
