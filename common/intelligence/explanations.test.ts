import { describe, expect, it } from 'vitest';
import { APP_FEATURE_NAMES, CATALOGUE_FEATURE_NAMES } from './catalogue-features';
import { describeFeature } from './explanations';

describe('describeFeature', () => {
  it('says what each value means, as shown (rounded), with missing values named', () => {
    expect(describeFeature('usage_trend', -0.384)).toBe('active users fell 38% in 30 days vs. 2 months before');
    expect(describeFeature('usage_trend', 0.051)).toBe('active users grew 5% in 30 days vs. 2 months before');
    expect(describeFeature('usage_trend', -0.001)).toBe('active users fell 0% in 30 days vs. 2 months before');
    expect(describeFeature('usage_trend', Number.NaN)).toBe('no usage trend (too little usage reported)');
    expect(describeFeature('utilization', 0.456)).toBe('daily active users 46% of purchased seats (30-day mean)');
    expect(describeFeature('tickets_90d', 1)).toBe('1 support ticket in 90 days');
    expect(describeFeature('tickets_90d', 0.2)).toBe('0 support tickets in 90 days');
    expect(describeFeature('days_since_touch', 12.6)).toBe('last touch 13 days ago');
    expect(describeFeature('days_since_touch', Number.NaN)).toBe('never contacted');
    expect(describeFeature('log_mrr', Math.log1p(12_345))).toBe('MRR $12,345');
    expect(describeFeature('champion_present', 1)).toBe('champion in place');
    expect(describeFeature('sponsor_present', 0)).toBe('no executive sponsor');
    expect(describeFeature('last_nps', -3.4)).toBe('last NPS -3');
  });

  it('gives the same words again for values that show the same, and other words for values that do not', () => {
    expect(describeFeature('utilization', 0.4551)).toBe(describeFeature('utilization', 0.4649));
    expect(describeFeature('usage_trend', -0.002)).not.toBe(describeFeature('usage_trend', 0.002));
    for (let i = 0; i < 12_000; i++) describeFeature('active_users_30d', i);
    expect(describeFeature('active_users_30d', 41.7)).toBe('42 daily active users (30-day mean)');
  });

  it("says a catalogue column's value in words from its spec's label, and a missing one as unknown, never as 0", () => {
    expect(describeFeature('usage_reports_month', 12)).toBe('12 events of "reports" last month');
    expect(describeFeature('usage_reports_month', 1)).toBe('1 event of "reports" last month');
    expect(describeFeature('usage_reports_month', 0)).toBe('0 events of "reports" last month');
    expect(describeFeature('usage_reports_month', Number.NaN)).toBe('Events of "reports" last month unknown (no data)');
    expect(describeFeature('usage_api_trend', -0.384)).toBe('−38% change in "api" events vs. 3 months before');
    expect(describeFeature('usage_api_trend', 0.051)).toBe('+5% change in "api" events vs. 3 months before');
    expect(describeFeature('usage_api_trend', -0.001)).not.toBe(describeFeature('usage_api_trend', 0.001));
    expect(describeFeature('usage_api_trend', Number.NaN)).toBe('Change in "api" events vs. 3 months before unknown (no data)');
    expect(describeFeature('activity_call_90d', 3)).toBe('3 activities of kind "call" in 90 days');
    expect(describeFeature('activity_call_90d', 1)).toBe('1 activity of kind "call" in 90 days');
    expect(describeFeature('activity_call_90d', Number.NaN)).toBe('Activities of kind "call" in 90 days unknown (no data)');
  });

  it('every feature the app computes has words; every catalogue column says "no data" apart from 0', () => {
    for (const name of APP_FEATURE_NAMES) {
      for (const value of [0, 1, 2.6, -0.4, Number.NaN]) expect(describeFeature(name, value).length).toBeGreaterThan(5);
    }
    for (const name of CATALOGUE_FEATURE_NAMES) {
      expect(describeFeature(name, Number.NaN)).toMatch(/unknown \(no data\)$/);
      expect(describeFeature(name, 0)).not.toMatch(/unknown/);
    }
  });
});
