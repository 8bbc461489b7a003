import { describe, expect, it } from 'vitest';
import type { Account, RiskAssessment } from '../model';
import { FEATURE_NAMES } from './account-features';
import { type AccountAssessed, assessAccount } from './assess-account';
import { DEFAULT_ALERT_RULES } from './alert-rules';
import { APP_FEATURE_COUNT, APP_LAYOUT } from './catalogue-features';
import { BatchStamps } from '../db/stamp-writes';
import { DRIFT_STEP, driftMatters, onlyTheDateMoved, shownChanged } from './material-change';
import { DEFAULT_SCORECARD, MEASURE_COUNT } from './scorecard';

// assessAccount is the engine's step for one account, without I/O: `assessment` is what the run would write (null:
// nothing). What counts as a change is what a CSM can see or act on (material-change.ts).

const account = { id: 'acct-1', ownerId: 'me', teamId: 't', name: 'Acme', status: 'active', renewalDate: '2027-03-01', updatedAt: '2026-06-01T00:00:00.000Z' } as Account;

const at = (name: string) => FEATURE_NAMES.indexOf(name as (typeof FEATURE_NAMES)[number]);

/** A recent row (daily users, a touch, tickets), `overrides` by feature name. */
function row(overrides: Record<string, number> = {}): Float64Array {
  const values = new Float64Array(APP_FEATURE_COUNT).fill(Number.NaN);
  const core: Record<string, number> = {
    usage_trend: 0.04, active_users_30d: 10.3, utilization: 0.161, feature_breadth: 0.5, tickets_90d: 0, severe_tickets_90d: 0, open_tickets: 0,
    last_nps: 8, days_since_touch: 0.3, failed_payments_180d: 0, log_mrr: 8.13, departed_contacts_180d: 0, champion_present: 1, sponsor_present: 1,
    ...overrides,
  };
  for (const [name, value] of Object.entries(core)) values[at(name)] = value;
  return values;
}

/** Churn points: utilization and the touch raise risk, the MRR lowers it (`overrides` by feature name). */
function points(overrides: Record<string, number> = {}): Float32Array {
  const p = new Float32Array(APP_FEATURE_COUNT);
  for (const [name, value] of Object.entries({ utilization: 30.5, days_since_touch: 21.4, log_mrr: -8.7, active_users_30d: 7.2, ...overrides })) p[at(name)] = value;
  return p;
}

function step(input: { churn: number; churnPoints?: Float32Array; row?: Float64Array; previous?: RiskAssessment; day: string; dateOnly?: boolean }): AccountAssessed {
  const expansionPoints = new Float32Array(APP_FEATURE_COUNT);
  expansionPoints[at('feature_breadth')] = 4;
  return assessAccount({
    account,
    row: input.row ?? row(),
    layout: APP_LAYOUT,
    scorecard: DEFAULT_SCORECARD,
    rules: DEFAULT_ALERT_RULES,
    previous: input.previous,
    storedAlerts: [],
    stored: new Map(),
    model: { churn: input.churn, expansion: 0.2, churnPoints: input.churnPoints ?? points(), expansionPoints, version: 'v1' },
    now: new Date(`${input.day}T12:00:00Z`),
    today: input.day,
    newAssessmentStamps: new BatchStamps(),
    newAlertStamps: new BatchStamps(),
    measureScores: new Float64Array(MEASURE_COUNT),
    dateOnly: input.dateOnly,
  });
}

/** The stored assessment of a first run on 1 July. */
function stored(churn: number, churnPoints?: Float32Array): RiskAssessment {
  return step({ churn, churnPoints, day: '2026-07-01' }).assessment! as RiskAssessment;
}

describe('an assessment is written only when what a CSM sees or acts on changed', () => {
  it('stores the churn probability at the precision the account page shows it (0.1 %)', () => {
    expect(stored(0.56163).churnProbability).toBe(0.562);
  });

  it('writes nothing when every shown value is the same: factor points 7.2 → 7.4 (shown +7) and a raw value under the same text', () => {
    const previous = stored(0.5616);
    const again = step({ churn: 0.56163, churnPoints: points({ active_users_30d: 7.4 }), row: row({ active_users_30d: 10.34 }), previous, day: '2026-07-01' });
    expect(again.assessment).toBeNull();
    // Stored before the probability was stored at 0.1 % (0.5612, shown 56.1%): 0.561 today, shown the same, is no change.
    expect(step({ churn: 0.5612, previous: { ...previous, churnProbability: 0.5612 }, day: '2026-07-01' }).assessment).toBeNull();
    // What the page shows does change: written.
    expect(step({ churn: 0.5616, churnPoints: points({ active_users_30d: 8.6 }), previous, day: '2026-07-01' }).assessment).not.toBeNull();
    expect(step({ churn: 0.5646, previous, day: '2026-07-01' }).assessment).not.toBeNull();
  });

  it('on a new day by itself, keeps the stored scores while they drift less than DRIFT_STEP points and nothing acted on changes', () => {
    const previous = stored(0.36);
    // Risk 36 → 35, the touch a day older, two near-equal factors trading places: nothing written, no alert change.
    const drift = step({ churn: 0.35, churnPoints: points({ days_since_touch: 20.1, utilization: 19.9 }), row: row({ days_since_touch: 1.3 }), previous, day: '2026-07-02', dateOnly: true });
    expect(drift.assessment).toBeNull();
    expect(drift.alertWrites).toEqual([]);
    // The same run after a change to the account's data (not dateOnly): risk 35 is shown, so written.
    expect(step({ churn: 0.35, previous, day: '2026-07-02' }).assessment?.risk).toBe(35);
    // A drift of DRIFT_STEP points is written.
    expect(step({ churn: 0.36 - DRIFT_STEP / 100, previous, day: '2026-07-02', dateOnly: true }).assessment?.risk).toBe(36 - DRIFT_STEP);
    // A new main driver is written.
    expect(step({ churn: 0.36, churnPoints: points({ tickets_90d: 40 }), previous, day: '2026-07-02', dateOnly: true }).assessment).not.toBeNull();
  });

  it('on a new day by itself, writes a small move that crosses the risk alert threshold, and raises the alert', () => {
    const below = stored(0.49);
    const crossed = step({ churn: 0.51, previous: below, day: '2026-07-02', dateOnly: true });
    expect(crossed.assessment?.risk).toBe(51);
    expect(crossed.raised.map((a) => a.rule)).toEqual(['risk-above']);
    // Crossing the forecast's model call (churn probability 25 %) is written too.
    expect(step({ churn: 0.26, previous: stored(0.24), day: '2026-07-02', dateOnly: true }).assessment?.risk).toBe(26);
  });
});

describe('shownChanged and driftMatters', () => {
  const previous = stored(0.3);
  const next = (patch: Partial<RiskAssessment>) => ({ ...previous, scoredAt: '2026-07-02T12:00:00.000Z', ...patch });

  it('a new band, data state or model is a change under both rules', () => {
    for (const patch of [{ healthBand: 'red' as const }, { dataState: 'not-enough-recent-data' as const }, { modelVersion: 'v2' }]) {
      expect(shownChanged(previous, next(patch))).toBe(true);
      expect(driftMatters(previous, next(patch))).toBe(true);
    }
  });

  it('a measure: any shown move under shownChanged, DRIFT_STEP points under driftMatters; null ↔ a score under both', () => {
    const moved = (by: number | null) => next({ measures: previous.measures.map((m, i) => (i === 0 ? { id: m.id, score: by === null ? null : (m.score ?? 0) + by } : m)) });
    expect(shownChanged(previous, moved(1))).toBe(true);
    expect(driftMatters(previous, moved(1))).toBe(false);
    expect(driftMatters(previous, moved(DRIFT_STEP))).toBe(true);
    expect(driftMatters(previous, moved(null))).toBe(previous.measures[0]!.score !== null);
  });

  it('no previous assessment is always a change', () => {
    expect(shownChanged(undefined, previous)).toBe(true);
    expect(driftMatters(null, previous)).toBe(true);
  });
});

describe('onlyTheDateMoved', () => {
  const previous = { scoredAt: '2026-07-01T12:00:00.000Z' };
  const before = { id: 'a', updatedAt: `${Date.parse('2026-06-30T00:00:00Z')}-0000-dev` };
  const after = { id: 'a', updatedAt: `${Date.parse('2026-07-01T13:00:00Z')}-0000-dev` };

  it('only when the settings are the same, the account is stored, its history and the account were not written since', () => {
    expect(onlyTheDateMoved(before, previous, true, new Set())).toBe(true);
    expect(onlyTheDateMoved(before, previous, false, new Set())).toBe(false);
    expect(onlyTheDateMoved(before, undefined, true, new Set())).toBe(false);
    expect(onlyTheDateMoved(before, previous, true, new Set(['a']))).toBe(false);
    expect(onlyTheDateMoved(before, previous, true, 'all')).toBe(false);
    expect(onlyTheDateMoved(after, previous, true, new Set())).toBe(false);
  });
});
