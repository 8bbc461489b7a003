import type { RiskAssessment, ScorePoint, StoredFactor, SyncFields } from '../model';
import { FEATURE_COUNT, FEATURE_NAMES } from './account-features';
import { describeFeature } from './explanations';
import { sameJson } from './same-json';
import type { HealthScore } from './scorecard';

/** A risk assessment without the sync stamps (the engine stamps it when writing). */
export type AssessmentFields = Omit<RiskAssessment, 'updatedAt' | 'fieldStamps' | 'ownerId' | 'teamId'> & Pick<SyncFields, 'ownerId' | 'teamId'>;

export const HISTORY_DAYS = 366;

export interface ModelOutput {
  readonly churn: number;
  readonly expansion: number;
  readonly churnPoints: ArrayLike<number>;
  readonly expansionPoints: ArrayLike<number>;
  readonly version: string;
}

export interface AssessmentInput {
  readonly account: { id: string; ownerId: string; teamId: string };
  readonly row: ArrayLike<number>;
  readonly health: HealthScore;
  /** Undefined when the models could not run (PRED001 / ML001): the previous predictions are kept, unchanged. */
  readonly model?: ModelOutput;
  readonly previous?: RiskAssessment | null;
  readonly now: Date;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

const TOP_FACTORS = 5;
const MIN_FACTOR_POINTS = 0.5;

/**
 * The stored top factors: what `topFactors` picks (largest |points| first, ties in feature order, at least
 * MIN_FACTOR_POINTS), selected in place — this runs for every account of the book.
 */
function factors(points: ArrayLike<number>, row: ArrayLike<number>): StoredFactor[] {
  const top: number[] = [];
  for (let i = 0; i < FEATURE_COUNT; i++) {
    const size = Math.abs(points[i]!);
    if (!(size >= MIN_FACTOR_POINTS)) continue;
    let at = top.length;
    while (at > 0 && Math.abs(points[top[at - 1]!]!) < size) at--;
    if (at >= TOP_FACTORS) continue;
    top.splice(at, 0, i);
    if (top.length > TOP_FACTORS) top.pop();
  }
  return top.map((i) => {
    const feature = FEATURE_NAMES[i]!;
    const value = row[i]!;
    return { feature, value: Number.isNaN(value) ? null : value, points: round1(points[i]!), text: describeFeature(feature, value) };
  });
}

/** The next stored assessment of an account: new scores, today's history point replaced or appended. */
export function nextAssessment(input: AssessmentInput): AssessmentFields {
  const { account, row, health, model, previous, now } = input;
  if (row.length !== FEATURE_COUNT) throw new Error(`nextAssessment: row has ${row.length} features, expected ${FEATURE_COUNT}`);
  const scoredAt = now.toISOString();
  const risk = model ? Math.round(model.churn * 100) : (previous?.risk ?? null);
  const expansion = model ? Math.round(model.expansion * 100) : (previous?.expansion ?? null);
  const point: ScorePoint = { date: scoredAt.slice(0, 10), health: health.score, risk, expansion };
  const history = (previous?.history ?? []).filter((p) => p.date !== point.date);
  history.push(point);
  history.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    id: account.id,
    accountId: account.id,
    ownerId: account.ownerId,
    teamId: account.teamId,
    scoredAt,
    health: health.score,
    healthBand: health.band ?? 'none',
    measures: health.measures.map((m) => ({ id: m.id, score: m.score })),
    churnProbability: model ? Math.round(model.churn * 1e4) / 1e4 : (previous?.churnProbability ?? null),
    risk,
    expansion,
    riskFactors: model ? factors(model.churnPoints, row) : (previous?.riskFactors ?? []),
    expansionFactors: model ? factors(model.expansionPoints, row) : (previous?.expansionFactors ?? []),
    modelVersion: model ? model.version : (previous?.modelVersion ?? ''),
    predictedAt: model ? scoredAt : (previous?.predictedAt ?? null),
    history: history.slice(-HISTORY_DAYS),
  };
}

/**
 * Whether `next` says something `previous` did not: other scores, factors or model, or a new day. Rescoring an
 * unchanged book on start then writes (and syncs) nothing.
 */
export function assessmentChanged(previous: RiskAssessment | null | undefined, next: AssessmentFields): boolean {
  if (!previous) return true;
  if (previous.scoredAt.slice(0, 10) !== next.scoredAt.slice(0, 10)) return true;
  return !(
    previous.health === next.health &&
    previous.healthBand === next.healthBand &&
    previous.risk === next.risk &&
    previous.expansion === next.expansion &&
    previous.modelVersion === next.modelVersion &&
    previous.ownerId === next.ownerId &&
    previous.teamId === next.teamId &&
    sameJson(previous.measures, next.measures) &&
    sameJson(previous.riskFactors, next.riskFactors) &&
    sameJson(previous.expansionFactors, next.expansionFactors)
  );
}
