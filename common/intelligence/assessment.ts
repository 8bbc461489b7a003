import type { RiskAssessment, ScorePoint, StoredFactor, SyncFields } from '../model';
import { FEATURE_COUNT, FEATURE_NAMES } from './account-features';
import { APP_LAYOUT, type FeatureLayout } from './catalogue-features';
import { NOT_ENOUGH_RECENT_DATA } from './data-recency';
import { describeFeatureAt } from './explanations';
import { type HealthBand, type HealthScore, MEASURE_IDS } from './scorecard';

/** A risk assessment without the sync stamps (the engine stamps it when writing). */
export type AssessmentFields = Omit<RiskAssessment, 'updatedAt' | 'fieldStamps' | 'ownerId' | 'teamId'> & Pick<SyncFields, 'ownerId' | 'teamId'>;

export const HISTORY_DAYS = 366;

export interface ModelOutput {
  readonly churn: number;
  readonly expansion: number;
  /** Points per feature: one per column of the row from `offset` (a whole batch's points may be passed, no copy). */
  readonly churnPoints: ArrayLike<number>;
  readonly expansionPoints: ArrayLike<number>;
  readonly offset?: number;
  readonly version: string;
}

/**
 * The health part of an assessment: a HealthScore, or for a whole book (scoreMeasuresInto) the score and band with
 * the measures' scores in MEASURE_IDS order (NaN = no data), which need no object per measure.
 */
export type AssessedHealth = HealthScore | { readonly score: number | null; readonly band: HealthBand | null; readonly measureScores: ArrayLike<number> };

export interface AssessmentInput {
  readonly account: { id: string; ownerId: string; teamId: string };
  /**
   * The account's features: the core row (FEATURE_NAMES) or the app's whole row (APP_FEATURE_NAMES: the core
   * features, then the team's catalogue columns), whose every column a model reads can be among the factors.
   */
  readonly row: ArrayLike<number>;
  readonly health: AssessedHealth;
  /** Undefined when the models could not run (PRED001 / ML001): the previous predictions are kept, unchanged. */
  readonly model?: ModelOutput;
  readonly previous?: RiskAssessment | null;
  readonly now: Date;
  /** The names of the row's columns (its own features' columns are the models'): by default APP_LAYOUT. */
  readonly layout?: FeatureLayout;
  /** False when the account's data is older than the feature windows (hasRecentData): no model score, said so. */
  readonly recentData?: boolean;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The churn probability as stored and shown: 0.1 % (the account page's "(56.2% churn probability)"). */
export const SHOWN_PROBABILITY_STEP = 1e-3;
const shownProbability = (p: number) => Math.round(p * 1e3) / 1e3;

// Module-local aliases: read for every account of the book (an imported binding may be an accessor).
const CORE_WIDTH = FEATURE_COUNT;
const TOP_FACTORS = 5;
const MIN_FACTOR_POINTS = 0.5;

/**
 * The stored top factors: what `topFactors` picks (largest |points| first, ties in feature order, at least
 * MIN_FACTOR_POINTS) over every column of the row, selected in place — this runs for every account of the book.
 */
function factors(points: ArrayLike<number>, offset: number, row: ArrayLike<number>, layout: FeatureLayout): StoredFactor[] {
  const names = layout.names;
  // Insertion into a fixed buffer of the TOP_FACTORS largest so far (no array churn: this runs twice per account).
  let count = 0;
  const width = row.length;
  for (let i = 0; i < width; i++) {
    const size = Math.abs(points[offset + i]!);
    if (!(size >= MIN_FACTOR_POINTS)) continue;
    let at = count;
    while (at > 0 && topSizes[at - 1]! < size) at--;
    if (at >= TOP_FACTORS) continue;
    for (let k = Math.min(count, TOP_FACTORS - 1); k > at; k--) {
      topIndexes[k] = topIndexes[k - 1]!;
      topSizes[k] = topSizes[k - 1]!;
    }
    topIndexes[at] = i;
    topSizes[at] = size;
    if (count < TOP_FACTORS) count++;
  }
  const stored: StoredFactor[] = new Array<StoredFactor>(count);
  for (let k = 0; k < count; k++) {
    const i = topIndexes[k]!;
    const value = row[i]!;
    stored[k] = { feature: names[i]!, value: Number.isNaN(value) ? null : value, points: round1(points[offset + i]!), text: describeFeatureAt(i, value, layout) };
  }
  return stored;
}
const topIndexes = new Int32Array(TOP_FACTORS);
const topSizes = new Float64Array(TOP_FACTORS);

/** `now` as stored (scoredAt) and as a history date: the same for every account of a run, so made once. */
let lastStamp: { time: number; iso: string; date: string } | undefined;
function isoOf(now: Date): { iso: string; date: string } {
  const time = now.getTime();
  if (lastStamp?.time !== time) {
    const iso = now.toISOString();
    lastStamp = { time, iso, date: iso.slice(0, 10) };
  }
  return lastStamp;
}

/**
 * A stored measure score. There are only a few hundred distinct ones ({usage, 45}…: integer scores 0-100 or null), so
 * every assessment of a book shares the same frozen objects instead of each holding six copies (stored documents are
 * never changed in place). Looked up by measure and score, without building a key: this runs six times per account.
 */
const measureScores = new Map<string, ({ id: string; score: number | null } | undefined)[]>();
function measureScore(id: string, score: number | null): { id: string; score: number | null } {
  let byScore = measureScores.get(id);
  if (!byScore) {
    if (measureScores.size > 100) measureScores.clear();
    byScore = [];
    measureScores.set(id, byScore);
  }
  // Slot 0 holds null; 1-101 the integer scores 0-100. Anything else (not made by healthScore) is not shared.
  const slot = score === null ? 0 : Number.isInteger(score) && score >= 0 && score <= 100 ? score + 1 : -1;
  if (slot < 0) return Object.freeze({ id, score });
  let stored = byScore[slot];
  if (!stored) {
    stored = Object.freeze({ id, score });
    byScore[slot] = stored;
  }
  return stored;
}

const IDS = MEASURE_IDS;

function storedMeasures(health: AssessedHealth): { id: string; score: number | null }[] {
  if ('measures' in health) return health.measures.map((m) => measureScore(m.id, m.score));
  const stored = new Array<{ id: string; score: number | null }>(IDS.length);
  for (let i = 0; i < IDS.length; i++) {
    const score = health.measureScores[i]!;
    stored[i] = measureScore(IDS[i]!, Number.isNaN(score) ? null : score);
  }
  return stored;
}

/**
 * The history with today's point added where the scores changed. The history holds change points: each point's
 * scores hold from its date until the next point's (or until now), so a day whose scores equal the last point's adds
 * nothing, and an unchanged account on a new day is not rewritten. Today's point replaces one already made today. At
 * most HISTORY_DAYS points, oldest first (a year or more of changes).
 */
function withPoint(history: ScorePoint[], point: ScorePoint): ScorePoint[] {
  const last = history[history.length - 1];
  // The stored array itself (stored documents are never changed in place).
  if (last && last.date <= point.date && last.health === point.health && last.risk === point.risk && last.expansion === point.expansion) return history;
  // The common cases, without a sort: no history yet, or the first change of a new day.
  if (!last || last.date < point.date) {
    // Exactly sized (a push would leave spare capacity in every stored history of the book).
    const from = Math.max(0, history.length - HISTORY_DAYS + 1);
    const kept = new Array<ScorePoint>(history.length - from + 1);
    for (let i = from; i < history.length; i++) kept[i - from] = history[i]!;
    kept[kept.length - 1] = point;
    return kept;
  }
  const merged = history.filter((p) => p.date !== point.date);
  merged.push(point);
  merged.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  // Today's scores back at the previous point's: today's point says nothing (change points only).
  const at = merged.indexOf(point);
  const before = merged[at - 1];
  if (before && before.health === point.health && before.risk === point.risk && before.expansion === point.expansion) merged.splice(at, 1);
  return merged.slice(-HISTORY_DAYS);
}

/** The next stored assessment of an account: new scores, today's history point replaced or appended. */
export function nextAssessment(input: AssessmentInput): AssessmentFields {
  const { account, row, health, model, previous, now } = input;
  const appWidth = (input.layout ?? APP_LAYOUT).names.length;
  if (row.length !== CORE_WIDTH && row.length !== appWidth) {
    throw new Error(`nextAssessment: row has ${row.length} features, expected ${CORE_WIDTH} (core) or ${appWidth} (with the catalogue columns)`);
  }
  const { iso: scoredAt, date } = isoOf(now);
  const measures = storedMeasures(health);
  if (input.recentData === false) {
    // No model score on stale data (a confident near-zero risk would read as "safe"): null, and the reason stored.
    return {
      id: account.id,
      accountId: account.id,
      ownerId: account.ownerId,
      teamId: account.teamId,
      scoredAt,
      health: health.score,
      healthBand: health.band ?? 'none',
      measures,
      churnProbability: null,
      risk: null,
      expansion: null,
      riskFactors: [],
      expansionFactors: [],
      modelVersion: model ? model.version : (previous?.modelVersion ?? ''),
      predictedAt: null,
      history: withPoint(previous?.history ?? [], { date, health: health.score, risk: null, expansion: null }),
      dataState: NOT_ENOUGH_RECENT_DATA,
    };
  }
  const risk = model ? Math.round(model.churn * 100) : (previous?.risk ?? null);
  const expansion = model ? Math.round(model.expansion * 100) : (previous?.expansion ?? null);
  return {
    id: account.id,
    accountId: account.id,
    ownerId: account.ownerId,
    teamId: account.teamId,
    scoredAt,
    health: health.score,
    healthBand: health.band ?? 'none',
    measures,
    churnProbability: model ? shownProbability(model.churn) : (previous?.churnProbability ?? null),
    risk,
    expansion,
    riskFactors: model ? factors(model.churnPoints, model.offset ?? 0, row, input.layout ?? APP_LAYOUT) : (previous?.riskFactors ?? []),
    expansionFactors: model ? factors(model.expansionPoints, model.offset ?? 0, row, input.layout ?? APP_LAYOUT) : (previous?.expansionFactors ?? []),
    modelVersion: model ? model.version : (previous?.modelVersion ?? ''),
    predictedAt: model ? scoredAt : (previous?.predictedAt ?? null),
    history: withPoint(previous?.history ?? [], { date, health: health.score, risk, expansion }),
  };
}

const TOUCH = FEATURE_NAMES.indexOf('days_since_touch');
const TOUCH_NAME = FEATURE_NAMES[TOUCH];
const DAY_MS = 86_400_000;

/** Whole days from the date of `from` to the date of `to` (ISO date-times). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / DAY_MS);
}

/**
 * A stored factor as of `today`: the age-type factor (days since the last touch) counted on from the day it was
 * stored (`scoredAt`), since an unchanged assessment is not rewritten every day. Other factors as stored.
 */
export function factorAsOf(factor: StoredFactor, scoredAt: string, today: string): StoredFactor {
  if (factor.feature !== TOUCH_NAME || factor.value === null) return factor;
  const days = daysBetween(scoredAt, today);
  if (days <= 0) return factor;
  const value = factor.value + days;
  return { ...factor, value, text: describeFeatureAt(TOUCH, value) };
}
