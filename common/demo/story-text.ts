import type { TicketSeverity } from '../model';
import type { AccountSimulation, RenewalRecord } from './account-simulation';

/** Human-readable wording for the simulated story: subjects, bodies and reasons. */

const OTHER_CHURN_REASONS = ['budget cuts', 'consolidated onto a competitor', 'acquired by a company on another platform'];

export function churnReasons(sim: AccountSimulation, renewal: RenewalRecord): string[] {
  const { drivers, usageTrend } = renewal.signals;
  const reasons: string[] = [];
  if (usageTrend < -0.2) reasons.push(`active users fell ${Math.round((1 - Math.exp(usageTrend)) * 100)}% before renewal`);
  if (drivers.ticketSpike) reasons.push(`${drivers.ticketSpike.count} escalated support tickets`);
  if (drivers.championDepartedOn !== undefined) reasons.push('champion left the company');
  if (drivers.nps && drivers.nps.score <= 6) reasons.push(`NPS ${drivers.nps.score}`);
  if (drivers.failedPayments > 0) reasons.push('failed payments');
  if (reasons.length === 0) reasons.push(OTHER_CHURN_REASONS[sim.profile.index % OTHER_CHURN_REASONS.length]!);
  return reasons;
}

export const TICKET_SUBJECTS: Record<TicketSeverity, readonly string[]> = {
  low: ['How to share a dashboard', 'Question about report scheduling', 'Request: dark mode', 'Billing address update'],
  medium: ['Report totals look wrong', 'CSV export times out', 'Integration sync delayed', 'New users cannot see projects'],
  high: ['Dashboards not loading', 'SSO login failures for some users', 'API returning 500 errors', 'Automation rules not firing'],
  urgent: ['Production outage: app unreachable', 'Data missing after sync', 'All users locked out', 'API down for integrations'],
};

export function npsComment(score: number): string {
  if (score >= 9) return 'Great product, the team relies on it every day.';
  if (score >= 7) return 'Works well overall; a few rough edges in reporting.';
  if (score >= 4) return 'Too many issues lately and support is slow to resolve them.';
  return 'We are not getting value from this and are evaluating alternatives.';
}

export function npsCategory(score: number): string {
  return score >= 9 ? 'Promoter' : score >= 7 ? 'Passive' : 'Detractor';
}

export type RoutineType = 'email' | 'call' | 'meeting' | 'note';

export const ROUTINE_TEMPLATES: Record<RoutineType, readonly (readonly [string, string])[]> = {
  email: [
    ['Check-in on adoption goals', 'Shared the adoption report and asked about goals for next quarter.'],
    ['New feature: automation templates', 'Introduced the new automation templates and offered a walkthrough.'],
    ['Training session follow-up', 'Sent the recording and slides from the admin training.'],
    ['Product roadmap update', 'Summarised the roadmap items relevant to their use case.'],
  ],
  call: [
    ['Monthly check-in', 'Reviewed open questions and usage of reports.'],
    ['Admin onboarding call', 'Walked the admin through user provisioning.'],
    ['Use-case discovery', 'Discussed expanding to another department.'],
  ],
  meeting: [
    ['Workshop: dashboards best practices', 'Hands-on workshop with the analytics team.'],
    ['Integration planning', 'Planned the CRM integration rollout.'],
    ['Success plan review', 'Reviewed the success plan milestones.'],
  ],
  note: [
    ['Account context', 'Team is reorganising; keep the executive sponsor in the loop.'],
    ['Usage observation', 'Reports usage is concentrated in one team.'],
    ['Internal handover notes', 'Key stakeholders and goals documented for coverage.'],
  ],
};
