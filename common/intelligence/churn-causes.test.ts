import { describe, expect, it } from 'vitest';
import type { RiskAssessment } from '../model';
import { DEFAULT_ALERT_RULES, evaluateAlertRules } from './alert-rules';
import { readsAsChurnCause } from './churn-causes';

const today = '2026-06-30';
const account = { name: 'Echo Media Corp.', renewalDate: '2026-12-31', status: 'active' };
type Scored = Pick<RiskAssessment, 'risk' | 'health' | 'healthBand' | 'history' | 'riskFactors'>;

describe('churn causes named in a risk alert', () => {
  it('"last touch 0 days ago" is not listed as a main driver of churn risk, the next real cause is', () => {
    // As on the demo book's Echo Media Corp.: a touch today carries +21 risk points in the model's attribution.
    const scored: Scored = {
      risk: 80, health: 59, healthBand: 'yellow', history: [],
      riskFactors: [
        { feature: 'days_since_touch', value: 0, points: 21, text: 'last touch 0 days ago' },
        { feature: 'utilization', value: 0.15, points: 18, text: 'daily active users 15% of purchased seats (30-day mean)' },
        { feature: 'log_mrr', value: 8.1, points: -8, text: 'MRR $3,398' },
        { feature: 'active_users_30d', value: 2.4, points: 6, text: '10 daily active users (30-day mean)' },
      ],
    };
    const [alert] = evaluateAlertRules(DEFAULT_ALERT_RULES, scored, account, today);
    expect(alert!.detail).toBe('Main drivers: daily active users 15% of purchased seats (30-day mean); 10 daily active users (30-day mean).');
    expect(alert!.detail).not.toContain('last touch');
  });

  it('long silence, or never being contacted, still reads as a cause', () => {
    expect(readsAsChurnCause({ feature: 'days_since_touch', value: 0 })).toBe(false);
    expect(readsAsChurnCause({ feature: 'days_since_touch', value: 29 })).toBe(false);
    expect(readsAsChurnCause({ feature: 'days_since_touch', value: 45 })).toBe(true);
    expect(readsAsChurnCause({ feature: 'days_since_touch', value: null })).toBe(true);
    expect(readsAsChurnCause({ feature: 'tickets_90d', value: 0 })).toBe(true);
  });
});
