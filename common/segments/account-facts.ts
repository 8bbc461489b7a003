import type { Account, Alert, IsoDate, RiskAssessment, ScorePoint, StoredHealthBand, UsageMonth } from '../model';
import { daysToRenewal, isoDateToDay, seatUtilizationPercent } from '../model/derived-fields';

/**
 * Everything a segment condition, a playbook trigger or a merge field reads about one account on one day, gathered
 * once from the account, its risk assessment, open alerts, tasks and running playbooks. Pure data: the engine and
 * the tests build it the same way, so "what the account looks like" has one definition.
 */
export interface AccountFacts {
  accountId: string;
  ownerId: string;
  teamId: string;
  today: IsoDate;
  account: Pick<
    Account,
    | 'name'
    | 'tier'
    | 'lifecycleStage'
    | 'status'
    | 'region'
    | 'industry'
    | 'plan'
    | 'ownerId'
    | 'ownerName'
    | 'mrr'
    | 'seatsPurchased'
    | 'seatsActive'
    | 'renewalDate'
    | 'contractStart'
  >;
  custom: Readonly<Record<string, string | number | null>>;
  healthBand: StoredHealthBand;
  health: number | null;
  risk: number | null;
  expansion: number | null;
  /** Score history, oldest first (for changes over a window). */
  history: readonly ScorePoint[];
  openAlerts: readonly { rule: string; raisedAt: string }[];
  openTasks: number;
  overdueTasks: number;
  activePlaybooks: readonly string[];
  /** For merge fields: the champion (or first contact) of the account. */
  primaryContact: { name: string; email: string } | null;
  /**
   * Product events of the calendar month of `today` (`YYYY-MM`), counted per product feature: what the sync server's
   * ingestion rolled the tracked events up into (usage month documents, synced to the app).
   */
  productEvents: { month: string; byFeature: Readonly<Partial<Record<string, number>>> };
  /** Derived once per account and day (read by many segments and triggers). */
  derived: { daysToRenewal: number | null; daysSinceContractStart: number | null; seatUtilization: number | null };
}

export interface FactSources {
  account: Account & { customFields?: Record<string, string | number | null> };
  assessment?: Pick<RiskAssessment, 'health' | 'healthBand' | 'risk' | 'expansion' | 'history'> | null;
  alerts?: readonly Pick<Alert, 'rule' | 'raisedAt' | 'status'>[];
  tasks?: readonly { status: string; dueDate: string }[];
  activePlaybooks?: readonly string[];
  primaryContact?: { name: string; email: string } | null;
  /** The account's usage months (any; the one of `today` is read). */
  usage?: readonly Pick<UsageMonth, 'month' | 'featureEvents'>[];
  today: IsoDate;
}

export function accountFacts(sources: FactSources): AccountFacts {
  const { account, assessment, today } = sources;
  const open = (sources.tasks ?? []).filter((task) => task.status === 'open');
  return {
    accountId: account.id,
    ownerId: account.ownerId,
    teamId: account.teamId,
    today,
    account,
    custom: account.customFields ?? {},
    healthBand: assessment?.healthBand ?? 'none',
    health: assessment?.health ?? null,
    risk: assessment?.risk ?? null,
    expansion: assessment?.expansion ?? null,
    history: assessment?.history ?? [],
    openAlerts: (sources.alerts ?? []).filter((alert) => alert.status === 'open').map(({ rule, raisedAt }) => ({ rule, raisedAt })),
    openTasks: open.length,
    overdueTasks: open.filter((task) => task.dueDate < today).length,
    activePlaybooks: sources.activePlaybooks ?? [],
    primaryContact: sources.primaryContact ?? null,
    productEvents: productEventsOf(sources.usage, today),
    derived: derivedValues(account, today),
  };
}

const NO_EVENTS: Readonly<Partial<Record<string, number>>> = Object.freeze({});

function productEventsOf(usage: FactSources['usage'], today: IsoDate): AccountFacts['productEvents'] {
  const month = today.slice(0, 7);
  const current = usage?.find((u) => u.month === month);
  return { month, byFeature: current?.featureEvents ?? NO_EVENTS };
}

function derivedValues(account: FactSources['account'], today: IsoDate): AccountFacts['derived'] {
  const sinceStart = daysToRenewal(account.contractStart, today);
  return { daysToRenewal: daysToRenewal(account.renewalDate, today), daysSinceContractStart: sinceStart === null ? null : -sinceStart, seatUtilization: seatUtilizationPercent(account) };
}

type ScoreName = 'health' | 'risk' | 'expansion';

/** The score now minus the score on the last history point on or before `days` ago; null without both. */
export function scoreChange(facts: AccountFacts, score: ScoreName, days: number): number | null {
  const cutoff = dayBefore(facts.today, days);
  return cutoff === null ? null : scoreChangeSince(facts, score, cutoff);
}

/** The score now minus the score on the last history point on or before the ISO date `cutoff`; null without both. */
export function scoreChangeSince(facts: AccountFacts, score: ScoreName, cutoff: string): number | null {
  const now = facts[score];
  if (now === null) return null;
  // History is oldest first and ISO dates sort as strings: binary search for the last point on or before the cutoff.
  const history = facts.history;
  let lo = 0;
  let hi = history.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (history[mid]!.date <= cutoff) lo = mid + 1;
    else hi = mid;
  }
  const before = lo > 0 ? history[lo - 1]![score] : null;
  return before === null ? null : now - before;
}

const cutoffs = new Map<string, string | null>();

/** The ISO date `days` before `today` (memoised: a book asks for the same few windows on the same day). */
export function dayBefore(today: IsoDate, days: number): string | null {
  const key = `${today}|${days}`;
  let cutoff = cutoffs.get(key);
  if (cutoff === undefined) {
    const day = isoDateToDay(today);
    cutoff = day === null ? null : new Date((day - days) * 86_400_000).toISOString().slice(0, 10);
    if (cutoffs.size > 1000) cutoffs.clear();
    cutoffs.set(key, cutoff);
  }
  return cutoff;
}

/** The value of one field (see SEGMENT_FIELDS) for these facts; `days` is the window of a change. */
export function factValue(facts: AccountFacts, field: string, days?: number): string | number | null | readonly string[] {
  const a = facts.account;
  switch (field) {
    case 'arr':
      return a.mrr * 12;
    case 'seatUtilization':
      return facts.derived.seatUtilization;
    case 'daysToRenewal':
      return facts.derived.daysToRenewal;
    case 'daysSinceContractStart':
      return facts.derived.daysSinceContractStart;
    case 'healthBand':
      return facts.healthBand;
    case 'health':
    case 'risk':
    case 'expansion':
      return facts[field];
    case 'healthChange':
      return scoreChange(facts, 'health', days ?? 30);
    case 'riskChange':
      return scoreChange(facts, 'risk', days ?? 30);
    case 'expansionChange':
      return scoreChange(facts, 'expansion', days ?? 30);
    case 'openAlerts':
      return facts.openAlerts.length;
    case 'openAlertRules':
      return facts.openAlerts.map((alert) => alert.rule);
    case 'openTasks':
      return facts.openTasks;
    case 'overdueTasks':
      return facts.overdueTasks;
    case 'activePlaybooks':
      return facts.activePlaybooks;
    default:
      if (field.startsWith('custom.')) return facts.custom[field.slice(7)] ?? null;
      return (a as unknown as Record<string, string | number | null>)[field] ?? null;
  }
}
