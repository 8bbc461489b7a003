import type { RiskAssessment, StoredFactor } from '../model';
import { MODEL_CALL_THRESHOLDS } from '../analytics/renewal-forecast';
import { type AssessmentFields, factorAsOf } from './assessment';
import { sameJson } from '../json/json-equality';

/**
 * When a rescored assessment is worth writing (and so syncing): only when something a CSM can see or act on changed.
 *
 * Two rules, by why the run happened:
 * - `shownChanged` (the account's data, the scorecard or the alert rules changed, or it is the first run): any value
 *   the app shows, at the precision it shows it — the scores and measures (whole points), the churn probability
 *   (0.1 %, SHOWN_PROBABILITY_STEP in assessment.ts; stored at that precision), the band, the data state, the model, the factors as
 *   the account page lists them (feature, direction, whole points, text as of today). A factor's points moving from
 *   7.2 to 7.4 (shown "+7" both times) or its raw value under an unchanged text is no change.
 * - `driftMatters` (nothing but the date moved on: the account's windows slid by a day): the stored scores are kept
 *   while they stay within DRIFT_STEP points of today's, on the same side of every line the app acts on (health band,
 *   the forecast's model-call thresholds; the engine also compares which alert rules fire), with the same data state,
 *   model and leading factors. The stored scores then lag the live ones by less than DRIFT_STEP points, and every
 *   reader (grid, sorts, segments, alerts, analytics) reads the same stored value. "Scored as of" is `scoredAt`: when
 *   these scores were stored (the account page says "unchanged since").
 */

/** Points a score (health, risk, expansion, a measure) may drift with the date alone before it is written again. */
export const DRIFT_STEP = 5;

/** Leading factors (feature and direction) whose change is written even on a drift: what the alert and the page lead with. */
export const LEADING_FACTORS = 1;

/** The churn probabilities the app draws a line at: the renewal forecast's model call (commit / best case / at risk). */
const PROBABILITY_LINES: readonly number[] = [MODEL_CALL_THRESHOLDS.commitBelow, MODEL_CALL_THRESHOLDS.bestCaseBelow];

/**
 * The churn probability as the account page shows it ("56.2%"): SHOWN_PROBABILITY_STEP. Compared as shown, so an
 * assessment stored before the probability was stored at that precision (0.5615) is not rewritten for it (0.562).
 */
const shownPercent = (p: number | null) => (p === null ? null : (p * 100).toFixed(1));

/** Whole points, as the account page shows a factor's points. */
const shownPoints = (points: number) => Math.round(points);

function sameIdentity(previous: RiskAssessment, next: AssessmentFields): boolean {
  return (
    previous.healthBand === next.healthBand &&
    previous.modelVersion === next.modelVersion &&
    previous.dataState === next.dataState &&
    previous.ownerId === next.ownerId &&
    previous.teamId === next.teamId
  );
}

/** The factors as the account page lists them today: same features in the same order, direction, whole points and text. */
export function sameShownFactors(previous: readonly StoredFactor[], previousScoredAt: string, next: readonly StoredFactor[], today: string): boolean {
  if (previous.length !== next.length) return false;
  for (let i = 0; i < next.length; i++) {
    const a = previous[i]!;
    const b = next[i]!;
    if (a.feature !== b.feature || shownPoints(a.points) !== shownPoints(b.points) || a.points > 0 !== b.points > 0) return false;
    if (a.text !== b.text && factorAsOf(a, previousScoredAt, today).text !== b.text) return false;
  }
  return true;
}

/** Whether any value the app shows differs at the precision it shows it (see the module comment). */
export function shownChanged(previous: RiskAssessment | null | undefined, next: AssessmentFields): boolean {
  if (!previous) return true;
  const today = next.scoredAt.slice(0, 10);
  return !(
    sameIdentity(previous, next) &&
    previous.health === next.health &&
    previous.risk === next.risk &&
    previous.expansion === next.expansion &&
    shownPercent(previous.churnProbability) === shownPercent(next.churnProbability) &&
    (previous.history === next.history || sameJson(previous.history, next.history)) &&
    sameJson(previous.measures, next.measures) &&
    sameShownFactors(previous.riskFactors, previous.scoredAt, next.riskFactors, today) &&
    sameShownFactors(previous.expansionFactors, previous.scoredAt, next.expansionFactors, today)
  );
}

/** Within DRIFT_STEP points, or both null. */
function near(a: number | null, b: number | null): boolean {
  return a === null || b === null ? a === b : Math.abs(a - b) < DRIFT_STEP;
}

/** Feature and direction of the factors shown (`positiveOnly`: the expansion signals), in order. */
function shownKeys(factors: readonly StoredFactor[], positiveOnly: boolean): string[] {
  const keys: string[] = [];
  for (const f of factors) if (!positiveOnly || f.points > 0) keys.push(`${f.feature}${f.points > 0 ? '+' : '-'}`);
  return keys;
}

/**
 * The leading factor still leads, with hysteresis: the stored first LEADING_FACTORS are among today's first
 * LEADING_FACTORS + 1 and today's first among the stored first LEADING_FACTORS + 1 (two factors of nearly the same
 * points trading places from one day to the next is no news; a new main driver is).
 */
function sameLeading(previous: readonly StoredFactor[], next: readonly StoredFactor[], positiveOnly: boolean): boolean {
  const a = shownKeys(previous, positiveOnly);
  const b = shownKeys(next, positiveOnly);
  const within = (keys: string[], of: string[]) => keys.slice(0, LEADING_FACTORS).every((key) => of.indexOf(key) >= 0 && of.indexOf(key) <= LEADING_FACTORS);
  return (a.length === 0) === (b.length === 0) && within(a, b) && within(b, a);
}

/** Whether the churn probability crossed a line the app acts on (PROBABILITY_LINES). */
function crossedLine(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a !== b;
  for (const line of PROBABILITY_LINES) if (a < line !== b < line) return true;
  return false;
}

/**
 * Whether a rescore on which only the date moved on is worth writing (see the module comment): a score or measure
 * moved DRIFT_STEP points or more from the stored one, the band, data state, model or a leading factor changed, or
 * the churn probability crossed a line the forecast calls on.
 */
export function driftMatters(previous: RiskAssessment | null | undefined, next: AssessmentFields): boolean {
  if (!previous) return true;
  if (!sameIdentity(previous, next)) return true;
  if (!near(previous.health, next.health) || !near(previous.risk, next.risk) || !near(previous.expansion, next.expansion)) return true;
  if (crossedLine(previous.churnProbability, next.churnProbability)) return true;
  if (previous.measures.length !== next.measures.length) return true;
  for (let i = 0; i < next.measures.length; i++) {
    const a = previous.measures[i]!;
    const b = next.measures[i]!;
    if (a.id !== b.id || !near(a.score, b.score)) return true;
  }
  return !(sameLeading(previous.riskFactors, next.riskFactors, false) && sameLeading(previous.expansionFactors, next.expansionFactors, true));
}

/**
 * Whether nothing behind an account's stored assessment changed but the date (so driftMatters decides): the run's
 * settings are those it was stored with, its digest was not rebuilt (no write to its history since the last run:
 * `dataChanged`), and the account itself was not written after it was stored (its `updatedAt` clock stamp, whose
 * first 13 digits are wall-clock ms, is not later than `scoredAt`).
 */
export function onlyTheDateMoved(
  account: { id: string; updatedAt: string },
  previous: Pick<RiskAssessment, 'scoredAt'> | undefined,
  sameSettings: boolean,
  dataChanged: ReadonlySet<string> | 'all',
): boolean {
  if (!previous || !sameSettings || dataChanged === 'all' || dataChanged.has(account.id)) return false;
  const edited = Number(account.updatedAt.slice(0, 13));
  return !(edited > Date.parse(previous.scoredAt));
}
