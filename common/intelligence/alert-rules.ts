import { z } from 'zod';
import type { Alert, AlertRuleId, AlertSeverity, RiskAssessment } from '../model';
import { daysToRenewal } from '../model/derived-fields';
import { readsAsChurnCause } from './churn-causes';

const severity = z.enum(['critical', 'warning']);

export const alertRulesSchema = z.object({
  version: z.literal(1),
  riskAbove: z.object({ enabled: z.boolean(), threshold: z.number().int().min(1).max(100), severity }),
  healthDrop: z.object({ enabled: z.boolean(), points: z.number().int().min(1).max(100), days: z.number().int().min(1).max(365), severity }),
  renewalWhileRed: z.object({ enabled: z.boolean(), days: z.number().int().min(1).max(730), severity }),
});
export type AlertRules = z.infer<typeof alertRulesSchema>;

export const DEFAULT_ALERT_RULES: AlertRules = {
  version: 1,
  riskAbove: { enabled: true, threshold: 50, severity: 'critical' },
  healthDrop: { enabled: true, points: 15, days: 30, severity: 'warning' },
  renewalWhileRed: { enabled: true, days: 60, severity: 'critical' },
};

export function parseAlertRules(value: unknown): { rules: AlertRules; error?: string } {
  const parsed = alertRulesSchema.safeParse(value);
  if (parsed.success) return { rules: parsed.data };
  const issue = parsed.error.issues[0];
  return { rules: DEFAULT_ALERT_RULES, error: `Alert rules setting is invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message}` };
}

export interface FiringAlert {
  readonly rule: AlertRuleId;
  readonly severity: AlertSeverity;
  readonly title: string;
  readonly detail: string;
}

type Scored = Pick<RiskAssessment, 'risk' | 'health' | 'healthBand' | 'history' | 'riskFactors'>;

/** The rules that fire for one account's latest assessment. */
export function evaluateAlertRules(rules: AlertRules, assessment: Scored, account: { name: string; renewalDate: string; status: string }, today: string): readonly FiringAlert[] {
  if (account.status !== 'active') return NONE_FIRING;
  // Made only when a rule fires: most accounts of a book fire none, and this runs for each of them.
  let firing: FiringAlert[] | undefined;
  const { riskAbove, healthDrop, renewalWhileRed } = rules;
  if (riskAbove.enabled && assessment.risk !== null && assessment.risk >= riskAbove.threshold) {
    const why: string[] = [];
    for (const factor of assessment.riskFactors) if (factor.points > 0 && why.length < 2 && readsAsChurnCause(factor)) why.push(factor.text);
    (firing ??= []).push({
      rule: 'risk-above',
      severity: riskAbove.severity,
      title: `Churn risk ${assessment.risk} (threshold ${riskAbove.threshold})`,
      detail: why.length > 0 ? `Main drivers: ${why.join('; ')}.` : 'Churn risk is above the alert threshold.',
    });
  }
  if (healthDrop.enabled && assessment.health !== null) {
    const since = shiftDate(today, -healthDrop.days);
    let peak = -Infinity;
    // The history holds change points: the last one before `since` still held on that day.
    let held: number | null = null;
    for (const point of assessment.history) {
      if (point.date < since) held = point.health;
      else if (point.health !== null && point.health > peak) peak = point.health;
    }
    if (held !== null && held > peak) peak = held;
    if (Number.isFinite(peak) && peak - assessment.health >= healthDrop.points) {
      (firing ??= []).push({
        rule: 'health-drop',
        severity: healthDrop.severity,
        title: `Health dropped ${peak - assessment.health} points in ${healthDrop.days} days`,
        detail: `Health fell from ${peak} to ${assessment.health}.`,
      });
    }
  }
  if (renewalWhileRed.enabled && assessment.healthBand === 'red') {
    const days = daysToRenewal(account.renewalDate, today);
    if (days !== null && days >= 0 && days <= renewalWhileRed.days) {
      (firing ??= []).push({
        rule: 'renewal-red',
        severity: renewalWhileRed.severity,
        title: `Renewal in ${days} days while health is red`,
        detail: `Health ${assessment.health} is in the red band with the renewal on ${account.renewalDate}.`,
      });
    }
  }
  return firing ?? NONE_FIRING;
}

const NONE_FIRING: readonly FiringAlert[] = Object.freeze([]);

/** The last date shifted: a run asks the same question (today − N days) for every account. */
let lastShift = { isoDate: '', days: 0, result: '' };

/** `isoDate` moved by `days`. */
function shiftDate(isoDate: string, days: number): string {
  if (lastShift.isoDate !== isoDate || lastShift.days !== days) {
    lastShift = { isoDate, days, result: new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10) };
  }
  return lastShift.result;
}

export type AlertFields = Omit<Alert, 'updatedAt' | 'fieldStamps'>;

/** A stored alert without its sync stamps. */
function strip(alert: Alert): AlertFields {
  const { updatedAt: _u, fieldStamps: _f, ...rest } = alert;
  return rest;
}

/**
 * What to write for one account given the rules firing now and its stored alerts: new alerts open; a snoozed alert
 * whose snooze ended reopens; an open or snoozed alert whose condition is gone resolves; acknowledged or dismissed
 * alerts stay as the person left them (a dismissed alert — "this alert was wrong" — does not come back for the
 * same condition). Returns the documents to upsert and which of them were newly raised.
 */
export function reconcileAlerts(
  account: { id: string; name: string; ownerId: string; teamId: string },
  firing: readonly FiringAlert[],
  existing: readonly Alert[],
  now: Date,
): AlertChanges {
  // Most accounts of a book: nothing firing, nothing stored.
  if (firing.length === 0 && existing.length === 0) return NO_CHANGES;
  const nowIso = now.toISOString();
  const writes: AlertFields[] = [];
  const raised: AlertFields[] = [];
  const byRule = new Map<string, Alert>();
  for (const alert of existing) byRule.set(alert.rule, alert);
  for (const fire of firing) {
    const stored = byRule.get(fire.rule);
    const fresh: AlertFields = {
      id: `${fire.rule}:${account.id}`,
      accountId: account.id,
      accountName: account.name,
      ownerId: account.ownerId,
      teamId: account.teamId,
      rule: fire.rule,
      severity: fire.severity,
      title: fire.title,
      detail: fire.detail,
      raisedAt: nowIso,
      status: 'open',
    };
    if (!stored || stored.status === 'resolved') {
      writes.push(fresh);
      raised.push(fresh);
    } else if (stored.status === 'snoozed' && stored.snoozedUntil !== undefined && stored.snoozedUntil <= nowIso) {
      const { snoozedUntil: _s, ...rest } = strip(stored);
      const reopened = { ...rest, severity: fire.severity, title: fire.title, detail: fire.detail, status: 'open' as const };
      writes.push(reopened);
      raised.push(reopened);
    } else if (stored.status === 'open' && (stored.title !== fire.title || stored.detail !== fire.detail || stored.severity !== fire.severity)) {
      writes.push({ ...strip(stored), title: fire.title, detail: fire.detail, severity: fire.severity });
    }
  }
  for (const stored of existing) {
    if (!firing.some((f) => f.rule === stored.rule) && (stored.status === 'open' || stored.status === 'snoozed')) {
      writes.push({ ...strip(stored), status: 'resolved' });
    }
  }
  return { writes, raised };
}

/** What reconcileAlerts asks to store (`writes`) and which of those are newly raised (`raised`, to notify about). */
export interface AlertChanges {
  readonly writes: readonly AlertFields[];
  readonly raised: readonly AlertFields[];
}

/** The answer for an account with nothing firing and nothing stored, shared (it runs for every account of a book). */
const NO_CHANGES: AlertChanges = Object.freeze({ writes: Object.freeze([]), raised: Object.freeze([]) });
