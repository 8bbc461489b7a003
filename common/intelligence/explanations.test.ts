import { describe, expect, it } from 'vitest';
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
});
