import { describe, expect, it } from 'vitest';
import { accountFeatures, FEATURE_COUNT, FEATURE_INDEX, type FeatureName } from './account-features';
import { handAccount, handActivity, handContact, handHistory, handUsage } from './testing/hand-built';
import { bandOf, DEFAULT_SCORECARD, healthScore, MIN_COVERAGE, parseScorecard, type ScorecardConfig } from './scorecard';

function row(values: Partial<Record<FeatureName, number>>): Float64Array {
  const out = new Float64Array(FEATURE_COUNT).fill(Number.NaN);
  for (const [name, value] of Object.entries(values)) out[FEATURE_INDEX[name as FeatureName]] = value;
  return out;
}

const complete = {
  utilization: 0.8,
  feature_breadth: 4,
  tickets_90d: 0,
  severe_tickets_90d: 0,
  open_tickets: 0,
  last_nps: 9,
  failed_payments_180d: 0,
  champion_present: 1,
  sponsor_present: 1,
  days_since_touch: 5,
};

describe('health scorecard', () => {
  it('scores a thriving account 100 and green, and maps each measure linearly between its thresholds', () => {
    const health = healthScore(row(complete));
    expect(health.score).toBe(100);
    expect(health.band).toBe('green');
    expect(health.coverage).toBe(1);
    const half = healthScore(row({ ...complete, utilization: (0.25 + 0.8) / 2 }));
    expect(half.measures.find((m) => m.id === 'usage')?.score).toBe(50);
    // usage weight 30 of 100 at 50 → 100 − 15.
    expect(half.score).toBe(85);
  });

  it('states its band boundaries: below 40 red, 40-69 yellow, 70 and up green', () => {
    expect(bandOf(39, DEFAULT_SCORECARD.bands)).toBe('red');
    expect(bandOf(40, DEFAULT_SCORECARD.bands)).toBe('yellow');
    expect(bandOf(69, DEFAULT_SCORECARD.bands)).toBe('yellow');
    expect(bandOf(70, DEFAULT_SCORECARD.bands)).toBe('green');
  });

  it('leaves out measures without data and renormalises the rest (no NPS → sentiment missing)', () => {
    const health = healthScore(row({ ...complete, last_nps: Number.NaN, utilization: 0.25 }));
    expect(health.measures.find((m) => m.id === 'sentiment')?.score).toBeNull();
    // usage 0 with weight 30 of the 85 measured.
    expect(health.score).toBe(Math.round((100 * 55) / 85));
    expect(health.coverage).toBeCloseTo(0.85, 12);
  });

  it('copes with zero seats purchased: no usage measure, no division by zero', () => {
    const id = 'acc-1';
    const features = accountFeatures(
      handHistory({ account: handAccount({ id, seatsPurchased: 0 }), usage: [handUsage(id, '2026-05', 12, { dashboards: 3, reports: 1 }), handUsage(id, '2026-06', 12)], contacts: [handContact(id, 'champion')] }),
      Date.parse('2026-07-01T00:00:00Z'),
    );
    const health = healthScore(features);
    expect(health.measures.find((m) => m.id === 'usage')?.score).toBeNull();
    expect(Number.isFinite(health.score)).toBe(true);
  });

  it('gives a brand-new account no score rather than a flattering one', () => {
    const features = accountFeatures(
      handHistory({ account: handAccount(), activities: [handActivity('acc-1', 'call', '2026-06-29T10:00:00Z')] }),
      Date.parse('2026-07-01T00:00:00Z'),
    );
    const health = healthScore(features);
    expect(health.coverage).toBeLessThan(MIN_COVERAGE);
    expect(health.score).toBeNull();
    expect(health.band).toBeNull();
  });

  it('gives no score when nothing at all is measured, and never NaN', () => {
    const health = healthScore(new Float64Array(FEATURE_COUNT).fill(Number.NaN));
    expect(health.score).toBeNull();
    expect(health.coverage).toBe(0);
  });

  it('follows an edited configuration: weights and thresholds', () => {
    const config: ScorecardConfig = structuredClone(DEFAULT_SCORECARD);
    for (const m of Object.values(config.measures)) m.weight = 0;
    config.measures.support.weight = 1;
    config.measures.support.poor = 4;
    expect(healthScore(row({ ...complete, tickets_90d: 2 }), config).score).toBe(50);
  });

  it('validates stored configurations and falls back to the default with the reason', () => {
    expect(parseScorecard(DEFAULT_SCORECARD).error).toBeUndefined();
    const bad = structuredClone(DEFAULT_SCORECARD) as ScorecardConfig;
    bad.measures.usage.good = bad.measures.usage.poor;
    const parsed = parseScorecard(bad);
    expect(parsed.config).toEqual(DEFAULT_SCORECARD);
    expect(parsed.error).toMatch(/measures\.usage.*poor and good thresholds must differ/);
    const noWeight = structuredClone(DEFAULT_SCORECARD) as ScorecardConfig;
    for (const m of Object.values(noWeight.measures)) m.weight = 0;
    expect(parseScorecard(noWeight).error).toMatch(/at least one measure/);
    expect(parseScorecard({ ...DEFAULT_SCORECARD, bands: { redBelow: 80, greenFrom: 50 } }).error).toMatch(/bands/);
  });
});
