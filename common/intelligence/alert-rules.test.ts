import { describe, expect, it } from 'vitest';
import type { Alert, RiskAssessment, ScorePoint } from '../model';
import { type AlertRules, DEFAULT_ALERT_RULES, evaluateAlertRules, parseAlertRules, reconcileAlerts } from './alert-rules';

const today = '2026-06-30';
const account = { id: 'acc-1', name: 'Acme Corporation', ownerId: 'u-1', teamId: 'team-1', renewalDate: '2026-12-31', status: 'active' };

/** Only the rule under test is on, so each case shows one rule's behaviour. */
function only(rule: keyof Omit<AlertRules, 'version'>, patch: Record<string, unknown> = {}): AlertRules {
  const off = { ...DEFAULT_ALERT_RULES };
  for (const key of ['riskAbove', 'healthDrop', 'renewalWhileRed'] as const) off[key] = { ...off[key], enabled: false } as never;
  return { ...off, [rule]: { ...DEFAULT_ALERT_RULES[rule], ...patch, enabled: true } };
}

type Scored = Pick<RiskAssessment, 'risk' | 'health' | 'healthBand' | 'history' | 'riskFactors'>;
const point = (date: string, health: number | null): ScorePoint => ({ date, health, risk: null, expansion: null });
const scored = (patch: Partial<Scored> = {}): Scored => ({ risk: 10, health: 80, healthBand: 'green', history: [], riskFactors: [], ...patch });

describe('risk above a threshold', () => {
  it('fires at the threshold and names the factors that raise the risk', () => {
    const rules = only('riskAbove', { threshold: 60 });
    const riskFactors = [
      { feature: 'usage_trend', value: -0.38, points: 14, text: 'active seats fell 38% in 30 days' },
      { feature: 'last_nps', value: 9, points: -3, text: 'NPS 9' },
    ];
    expect(evaluateAlertRules(rules, scored({ risk: 59, riskFactors }), account, today)).toEqual([]);
    const [alert] = evaluateAlertRules(rules, scored({ risk: 60, riskFactors }), account, today);
    expect(alert).toMatchObject({ rule: 'risk-above', severity: 'critical', title: 'Churn risk 60 (threshold 60)' });
    expect(alert!.detail).toContain('active seats fell 38% in 30 days');
    expect(alert!.detail).not.toContain('NPS 9');
  });

  it('does not fire without a model score', () => {
    expect(evaluateAlertRules(only('riskAbove', { threshold: 1 }), scored({ risk: null }), account, today)).toEqual([]);
  });
});

describe('health dropping by N points in M days', () => {
  const rules = only('healthDrop', { points: 15, days: 30 });

  it('fires when health fell at least N points from its peak inside the window', () => {
    const history = [point('2026-06-05', 82), point('2026-06-20', 75), point(today, 66)];
    const [alert] = evaluateAlertRules(rules, scored({ health: 66, history }), account, today);
    expect(alert).toMatchObject({ rule: 'health-drop', severity: 'warning', title: 'Health dropped 16 points in 30 days' });
    expect(alert!.detail).toBe('Health fell from 82 to 66.');
  });

  it('does not fire for a smaller drop', () => {
    const history = [point('2026-06-05', 80), point(today, 66)];
    expect(evaluateAlertRules(rules, scored({ health: 66, history }), account, today)).toEqual([]);
  });

  it('ignores a peak that ended before the window and days without a health score', () => {
    const history = [point('2026-05-20', 95), point('2026-05-30', 70), point('2026-06-10', null), point('2026-06-15', 70), point(today, 66)];
    expect(evaluateAlertRules(rules, scored({ health: 66, history }), account, today)).toEqual([]);
    // The first day inside the window counts.
    const atEdge = [point('2026-05-20', 70), point('2026-05-31', 95), point(today, 66)];
    expect(evaluateAlertRules(rules, scored({ health: 66, history: atEdge }), account, today)).toHaveLength(1);
  });

  it('reads the history as change points: a score set before the window still held inside it', () => {
    // 95 from 20 May until today's 66 (no change in between, so no point in between).
    const history = [point('2026-05-20', 95), point(today, 66)];
    expect(evaluateAlertRules(rules, scored({ health: 66, history }), account, today)).toHaveLength(1);
    // Unless no health was held then.
    expect(evaluateAlertRules(rules, scored({ health: 66, history: [point('2026-05-20', null), point(today, 66)] }), account, today)).toEqual([]);
  });

  it('does not fire for an account without health (no data to score)', () => {
    const history = [point('2026-06-05', 90)];
    expect(evaluateAlertRules(rules, scored({ health: null, healthBand: 'none', history }), account, today)).toEqual([]);
  });
});

describe('renewal within N days while red', () => {
  const rules = only('renewalWhileRed', { days: 60 });
  const red = scored({ health: 31, healthBand: 'red' });

  it('fires for a red account renewing within the window, today included', () => {
    const [alert] = evaluateAlertRules(rules, red, { ...account, renewalDate: '2026-08-29' }, today);
    expect(alert).toMatchObject({ rule: 'renewal-red', severity: 'critical', title: 'Renewal in 60 days while health is red' });
    expect(alert!.detail).toContain('2026-08-29');
    expect(evaluateAlertRules(rules, red, { ...account, renewalDate: today }, today)).toHaveLength(1);
  });

  it('does not fire beyond the window, after the renewal date, or when health is not red', () => {
    expect(evaluateAlertRules(rules, red, { ...account, renewalDate: '2026-08-30' }, today)).toEqual([]);
    expect(evaluateAlertRules(rules, red, { ...account, renewalDate: '2026-06-29' }, today)).toEqual([]);
    expect(evaluateAlertRules(rules, scored({ health: 55, healthBand: 'yellow' }), { ...account, renewalDate: '2026-07-15' }, today)).toEqual([]);
  });

  it('does not fire on an unreadable renewal date', () => {
    expect(evaluateAlertRules(rules, red, { ...account, renewalDate: 'soon' }, today)).toEqual([]);
  });
});

describe('all rules', () => {
  const everything = scored({ risk: 99, health: 10, healthBand: 'red', history: [point('2026-06-20', 90), point(today, 10)] });
  const renewing = { ...account, renewalDate: '2026-07-10' };

  it('fire together, and none fires for an account that is not active or when switched off', () => {
    expect(evaluateAlertRules(DEFAULT_ALERT_RULES, everything, renewing, today).map((a) => a.rule)).toEqual(['risk-above', 'health-drop', 'renewal-red']);
    expect(evaluateAlertRules(DEFAULT_ALERT_RULES, everything, { ...renewing, status: 'churned' }, today)).toEqual([]);
    const off: AlertRules = {
      ...DEFAULT_ALERT_RULES,
      riskAbove: { ...DEFAULT_ALERT_RULES.riskAbove, enabled: false },
      healthDrop: { ...DEFAULT_ALERT_RULES.healthDrop, enabled: false },
      renewalWhileRed: { ...DEFAULT_ALERT_RULES.renewalWhileRed, enabled: false },
    };
    expect(evaluateAlertRules(off, everything, renewing, today)).toEqual([]);
  });

  it('a malformed setting falls back to the defaults and says where it is wrong', () => {
    const parsed = parseAlertRules({ ...DEFAULT_ALERT_RULES, healthDrop: { ...DEFAULT_ALERT_RULES.healthDrop, days: 0 } });
    expect(parsed.rules).toEqual(DEFAULT_ALERT_RULES);
    expect(parsed.error).toMatch(/healthDrop\.days/);
    expect(parseAlertRules(DEFAULT_ALERT_RULES)).toEqual({ rules: DEFAULT_ALERT_RULES });
  });
});

describe('an alert through its life', () => {
  const now = new Date(`${today}T12:00:00Z`);
  const later = new Date(`2026-07-05T12:00:00Z`);
  const firing = [{ rule: 'health-drop' as const, severity: 'warning' as const, title: 'Health dropped 16 points in 30 days', detail: 'Health fell from 82 to 66.' }];
  const stored = (patch: Partial<Alert>): Alert => ({
    id: `health-drop:${account.id}`,
    accountId: account.id,
    accountName: account.name,
    ownerId: account.ownerId,
    teamId: account.teamId,
    rule: 'health-drop',
    severity: 'warning',
    title: firing[0]!.title,
    detail: firing[0]!.detail,
    raisedAt: now.toISOString(),
    status: 'open',
    updatedAt: 'hlc',
    fieldStamps: {},
    ...patch,
  });

  it('is raised once, and rewritten (not raised again) when its text changes', () => {
    const first = reconcileAlerts(account, firing, [], now);
    expect(first.raised).toHaveLength(1);
    expect(first.writes).toEqual(first.raised);
    expect(first.raised[0]).toMatchObject({ id: 'health-drop:acc-1', status: 'open', raisedAt: now.toISOString() });

    expect(reconcileAlerts(account, firing, [stored({})], later)).toEqual({ writes: [], raised: [] });
    const worse = [{ ...firing[0]!, title: 'Health dropped 25 points in 30 days' }];
    const rewritten = reconcileAlerts(account, worse, [stored({})], later);
    expect(rewritten.raised).toEqual([]);
    expect(rewritten.writes).toEqual([expect.objectContaining({ title: 'Health dropped 25 points in 30 days', status: 'open', raisedAt: now.toISOString() })]);
  });

  it('stays as the person left it: acknowledged and "wrong" alerts do not come back for the same condition', () => {
    for (const status of ['acknowledged', 'dismissed'] as const) {
      expect(reconcileAlerts(account, firing, [stored({ status, feedback: status === 'dismissed' ? 'wrong' : undefined })], later)).toEqual({ writes: [], raised: [] });
    }
  });

  it('sleeps while snoozed and reopens (raised again) once the snooze ends', () => {
    const snoozed = stored({ status: 'snoozed', snoozedUntil: '2026-07-01T12:00:00.000Z' });
    expect(reconcileAlerts(account, firing, [snoozed], now)).toEqual({ writes: [], raised: [] });
    const woke = reconcileAlerts(account, firing, [snoozed], later);
    expect(woke.raised).toHaveLength(1);
    expect(woke.raised[0]!.status).toBe('open');
    expect(woke.raised[0]).not.toHaveProperty('snoozedUntil');
  });

  it('resolves when its condition is gone, and a resolved alert is raised anew when the condition returns', () => {
    for (const status of ['open', 'snoozed'] as const) {
      expect(reconcileAlerts(account, [], [stored({ status })], later).writes).toEqual([expect.objectContaining({ status: 'resolved' })]);
    }
    expect(reconcileAlerts(account, [], [stored({ status: 'acknowledged' })], later).writes).toEqual([]);
    const again = reconcileAlerts(account, firing, [stored({ status: 'resolved' })], later);
    expect(again.raised).toEqual([expect.objectContaining({ status: 'open', raisedAt: later.toISOString() })]);
  });
});
