import type { Account, ForecastCall, IsoDate, RevenueEvent, ScorePoint } from '../model';
import { annualRecurringRevenue } from '../model/derived-fields';
import type { ScoresByAccount } from './book-scores';

/**
 * The model's call from a churn probability, in the CSM's vocabulary: below 25 % commit, below 50 % best case,
 * otherwise at risk (docs/METRICS.md "Renewal forecast").
 */
export const MODEL_CALL_THRESHOLDS = { commitBelow: 0.25, bestCaseBelow: 0.5 } as const;

export function modelCall(churnProbability: number): ForecastCall {
  if (churnProbability < MODEL_CALL_THRESHOLDS.commitBelow) return 'commit';
  if (churnProbability < MODEL_CALL_THRESHOLDS.bestCaseBelow) return 'best_case';
  return 'at_risk';
}

export interface RenewalForecastRow {
  accountId: string;
  name: string;
  ownerId: string;
  ownerName: string;
  renewalDate: IsoDate;
  arr: number;
  churnProbability: number | null;
  /** ARR × (1 − P(churn)); null when the account is not scored. */
  expectedArr: number | null;
  modelCall: ForecastCall | null;
  csmCall: ForecastCall | null;
}

/** ARR per call; `bestCase` includes commit (commit ⊂ best case), as forecasts are usually read. */
export interface CallTotals {
  commit: number;
  bestCase: number;
  atRisk: number;
  /** ARR of renewals with no call (no CSM call made, or not scored for the model). */
  none: number;
}

export interface ForecastRollup {
  ownerId: string;
  ownerName: string;
  renewals: number;
  arr: number;
  /** Σ expected ARR over the scored renewals. */
  expectedArr: number;
  model: CallTotals;
  csm: CallTotals;
}

export interface RenewalForecast {
  start: IsoDate;
  end: IsoDate;
  rows: RenewalForecastRow[];
  byCsm: ForecastRollup[];
  team: ForecastRollup;
}

/** Active accounts renewing in [start, end]: the model's and the CSM's calls, rolled up by CSM and for the team. */
export function renewalForecast(accounts: readonly Account[], scores: ScoresByAccount, start: IsoDate, end: IsoDate): RenewalForecast {
  const rows: RenewalForecastRow[] = [];
  for (const account of accounts) {
    if (account.status !== 'active' || account.renewalDate < start || account.renewalDate > end) continue;
    const arr = annualRecurringRevenue(account.mrr);
    const p = scores.get(account.id)?.churnProbability ?? null;
    rows.push({
      accountId: account.id,
      name: account.name,
      ownerId: account.ownerId,
      ownerName: account.ownerName,
      renewalDate: account.renewalDate,
      arr,
      churnProbability: p,
      expectedArr: p === null ? null : arr * (1 - p),
      modelCall: p === null ? null : modelCall(p),
      csmCall: account.forecastCall ?? null,
    });
  }
  rows.sort((a, b) => (a.renewalDate < b.renewalDate ? -1 : a.renewalDate > b.renewalDate ? 1 : a.name.localeCompare(b.name)));
  const byOwner = new Map<string, ForecastRollup>();
  const team = emptyRollup('', 'Team');
  for (const row of rows) {
    let rollup = byOwner.get(row.ownerId);
    if (!rollup) byOwner.set(row.ownerId, (rollup = emptyRollup(row.ownerId, row.ownerName)));
    add(rollup, row);
    add(team, row);
  }
  const byCsm = [...byOwner.values()].sort((a, b) => b.arr - a.arr || a.ownerName.localeCompare(b.ownerName));
  return { start, end, rows, byCsm, team };
}

function emptyRollup(ownerId: string, ownerName: string): ForecastRollup {
  const calls = (): CallTotals => ({ commit: 0, bestCase: 0, atRisk: 0, none: 0 });
  return { ownerId, ownerName, renewals: 0, arr: 0, expectedArr: 0, model: calls(), csm: calls() };
}

function add(rollup: ForecastRollup, row: RenewalForecastRow): void {
  rollup.renewals++;
  rollup.arr += row.arr;
  rollup.expectedArr += row.expectedArr ?? 0;
  addCall(rollup.model, row.modelCall, row.arr);
  addCall(rollup.csm, row.csmCall, row.arr);
}

function addCall(totals: CallTotals, call: ForecastCall | null, arr: number): void {
  if (call === 'commit') {
    totals.commit += arr;
    totals.bestCase += arr;
  } else if (call === 'best_case') totals.bestCase += arr;
  else if (call === 'at_risk') totals.atRisk += arr;
  else totals.none += arr;
}

const OUTCOME_KINDS = new Set(['renewal', 'expansion', 'contraction', 'churn']);

export interface ForecastVsActualRow {
  accountId: string;
  date: IsoDate;
  /** ARR before the renewal (12 × (mrrAfter − amount)). */
  arrBefore: number;
  /** ARR after it (0 when churned). */
  actualArr: number;
  /** The model's churn probability on the quarter's first day (its last score on or before it); null if none. */
  forecastProbability: number | null;
  /** arrBefore × (1 − forecastProbability); null when no forecast was on record. */
  forecastArr: number | null;
}

export interface ForecastVsActual {
  start: IsoDate;
  end: IsoDate;
  rows: ForecastVsActualRow[];
  /** Over the renewals that had a forecast on record at the quarter's start. */
  forecastArr: number;
  actualArrForecasted: number;
  /** (actual − forecast) / forecast; null with no forecast renewals. */
  error: number | null;
  /** Renewals with no score on record at the quarter's start: their actual ARR, outside the comparison. */
  unforecast: number;
  unforecastActualArr: number;
}

/**
 * How a past quarter's model forecast compared with what happened: each renewal outcome event dated in [start, end],
 * forecast from the churn probability the account's score history held on `start` (risk = 100 × P(churn)).
 */
export function forecastVsActual(
  eventsByAccount: ReadonlyMap<string, readonly RevenueEvent[]>,
  scores: ScoresByAccount,
  start: IsoDate,
  end: IsoDate,
): ForecastVsActual {
  return forecastVsActualOf(forecastVsActualRows(eventsByAccount, scores, start, end), start, end);
}

/**
 * The rows of `forecastVsActual` for the accounts given (in their order), added to `rows`: a book's accounts can be
 * read a chunk at a time into one list, then `forecastVsActualOf` sums and orders it.
 */
export function forecastVsActualRows(
  eventsByAccount: Iterable<readonly [string, readonly RevenueEvent[]]>,
  scores: ScoresByAccount,
  start: IsoDate,
  end: IsoDate,
  rows: ForecastVsActualRow[] = [],
): ForecastVsActualRow[] {
  for (const [accountId, events] of eventsByAccount) {
    for (const event of events) {
      if (!OUTCOME_KINDS.has(event.kind) || event.date < start || event.date > end) continue;
      const arrBefore = annualRecurringRevenue(Math.max(0, event.mrrAfter - event.amount));
      const actualArr = annualRecurringRevenue(Math.max(0, event.mrrAfter));
      const p = probabilityOn(scores.get(accountId)?.history ?? [], start);
      rows.push({ accountId, date: event.date, arrBefore, actualArr, forecastProbability: p, forecastArr: p === null ? null : arrBefore * (1 - p) });
    }
  }
  return rows;
}

/** The comparison over the rows (`forecastVsActualRows`), which it sorts by date in place. */
export function forecastVsActualOf(rows: ForecastVsActualRow[], start: IsoDate, end: IsoDate): ForecastVsActual {
  let forecastArr = 0;
  let actualArrForecasted = 0;
  let unforecast = 0;
  let unforecastActualArr = 0;
  for (const row of rows) {
    if (row.forecastArr === null) {
      unforecast++;
      unforecastActualArr += row.actualArr;
    } else {
      forecastArr += row.forecastArr;
      actualArrForecasted += row.actualArr;
    }
  }
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const forecasted = rows.length - unforecast;
  return {
    start,
    end,
    rows,
    forecastArr,
    actualArrForecasted,
    error: forecasted > 0 && forecastArr > 0 ? (actualArrForecasted - forecastArr) / forecastArr : null,
    unforecast,
    unforecastActualArr,
  };
}

/** The churn probability of the last history point on or before `date` that has a risk. */
function probabilityOn(history: readonly ScorePoint[], date: IsoDate): number | null {
  let p: number | null = null;
  for (const point of history) {
    if (point.date > date) break;
    if (point.risk !== null) p = point.risk / 100;
  }
  return p;
}
