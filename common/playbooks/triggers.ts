import type { AccountFacts } from '../segments/account-facts';
import { compileCondition, type CompiledCondition } from '../segments/evaluate-condition';
import type { Condition } from '../segments/segment-condition';
import { ACTIVE_STATUSES, type ExecutionState } from './execution';
import { executionId } from './execution-id';
import type { Playbook, PlaybookTrigger } from './playbook-definition';

/** Triggers that hold as a state (in a segment, a condition true, a score moved): started once per episode. */
const STATE_TRIGGERS = new Set<PlaybookTrigger['kind']>(['segment-enter', 'condition', 'score-change']);

/** The condition a state trigger holds on (score change as a windowed change rule). */
export function triggerCondition(trigger: PlaybookTrigger): Condition | null {
  switch (trigger.kind) {
    case 'segment-enter':
    case 'segment-leave':
    case 'condition':
      return trigger.condition;
    case 'score-change':
      return {
        kind: 'rule',
        field: `${trigger.score}Change`,
        days: trigger.days,
        op: trigger.direction === 'up' ? 'gte' : 'lte',
        value: trigger.direction === 'up' ? trigger.points : -trigger.points,
      };
    default:
      return null;
  }
}

/** Time-based triggers must also be looked at once a day, not only when the account changes. */
export function isTimeBased(trigger: PlaybookTrigger): boolean {
  return trigger.kind === 'renewal-date' || trigger.kind === 'contract-start' || trigger.kind === 'score-change' || trigger.kind === 'condition' || trigger.kind === 'segment-enter' || trigger.kind === 'segment-leave';
}

export interface TriggerDecision {
  /** Executions to start: occurrence, whether a state trigger holds (the id is executionId(...) of the occurrence). */
  start: { occurrence: string; triggerHolds: boolean }[];
  /** Executions whose state trigger no longer holds (a later episode may start again). */
  release: string[];
}

/** A compiled trigger of one playbook version, reused for every account change. */
export interface CompiledTrigger {
  playbook: Playbook;
  holds: CompiledCondition | null;
  filter: CompiledCondition;
  /** A state trigger (started once per episode while it holds). */
  state: boolean;
  /** The occurrence of a state trigger or a segment leave on a day (`segment-enter:2026-06-15`), one string per day. */
  occurrenceOn: (today: string) => string;
}

export function compileTrigger(playbook: Playbook): CompiledTrigger {
  const condition = triggerCondition(playbook.trigger);
  const kind = playbook.trigger.kind;
  let day = '';
  let occurrence = '';
  return {
    playbook,
    holds: condition ? compileCondition(condition) : null,
    filter: playbook.filter ? compileCondition(playbook.filter) : () => true,
    state: STATE_TRIGGERS.has(kind),
    occurrenceOn: (today) => {
      if (today !== day) {
        day = today;
        occurrence = `${kind}:${today}`;
      }
      return occurrence;
    },
  };
}

const NOTHING: TriggerDecision = Object.freeze({ start: Object.freeze([]) as unknown as TriggerDecision['start'], release: Object.freeze([]) as unknown as string[] });

/** The account's executions of this playbook (usually none: a bulk import sees no executions at all). */
function executionsOfPlaybook(existing: readonly ExecutionState[], playbookId: string, accountId: string): readonly ExecutionState[] {
  if (existing.length === 0) return existing;
  let mine: ExecutionState[] | null = null;
  for (const e of existing) if (e.playbookId === playbookId && e.accountId === accountId) (mine ??= []).push(e);
  return mine ?? [];
}

/**
 * Would this occurrence start? Not while an execution of the playbook runs, not twice for the same version and
 * occurrence (the same execution id: compared without hashing, the id is made only for a start), not outside the
 * playbook's filter, not on a churned account.
 */
function mayStart(compiled: CompiledTrigger, mine: readonly ExecutionState[], now: AccountFacts, occurrence: string): boolean {
  const version = compiled.playbook.version;
  for (const e of mine) if (ACTIVE_STATUSES.has(e.status) || (e.playbookVersion === version && e.occurrence === occurrence)) return false;
  return now.account.status !== 'churned' && compiled.filter(now);
}

/**
 * What a playbook's trigger decides for one account, from its facts before (null: not known, e.g. first look after
 * a start or a hand-over) and now, and the account's executions of this playbook (any version, as replicated).
 * Decisions depend only on replicated data, so the next owner's device decides as the previous one would have:
 * - state triggers (enter a segment, a condition, a score change) start when they hold and no execution of the
 *   playbook still "holds" it; they release those executions when it lapses, so a later episode starts anew;
 * - a segment leave needs the facts before and starts when they matched and now do not;
 * - dated triggers (renewal, contract start, an alert raised) start once per date or alert (the id says which);
 *   a product event once per feature and month, when the month's events of that feature reach the threshold.
 * A playbook never starts on an account where an earlier execution of it is still running.
 * Nothing is allocated when nothing starts or is released (a bulk import asks 20 playbooks about 10,000 accounts).
 */
export function decideTrigger(compiled: CompiledTrigger, before: AccountFacts | null, now: AccountFacts, existing: readonly ExecutionState[]): TriggerDecision {
  const { playbook, holds } = compiled;
  const trigger = playbook.trigger;
  const mine = executionsOfPlaybook(existing, playbook.id, now.accountId);
  if (compiled.state) {
    if (holds!(now)) {
      for (const e of mine) if (e.triggerHolds) return NOTHING;
      const occurrence = compiled.occurrenceOn(now.today);
      return mayStart(compiled, mine, now, occurrence) ? { start: [{ occurrence, triggerHolds: true }], release: [] } : NOTHING;
    }
    let release: string[] | null = null;
    for (const e of mine) if (e.triggerHolds) (release ??= []).push(e.id);
    return release ? { start: [], release } : NOTHING;
  }
  let occurrence: string | null = null;
  switch (trigger.kind) {
    case 'segment-leave':
      if (before && holds!(before) && !holds!(now)) occurrence = compiled.occurrenceOn(now.today);
      break;
    case 'alert-raised': {
      const start: TriggerDecision['start'] = [];
      for (const alert of now.openAlerts) {
        if (trigger.rule && alert.rule !== trigger.rule) continue;
        const at = `alert:${alert.rule}:${alert.raisedAt}`;
        if (mayStart(compiled, mine, now, at)) start.push({ occurrence: at, triggerHolds: false });
      }
      return start.length ? { start, release: [] } : NOTHING;
    }
    case 'renewal-date': {
      const days = now.derived.daysToRenewal;
      if (days !== null && days >= 0 && days <= trigger.daysBefore) occurrence = `renewal:${now.account.renewalDate}`;
      break;
    }
    case 'contract-start': {
      const since = now.derived.daysSinceContractStart;
      // A 30-day window: a laptop asleep for a while still starts it; an account signed long ago does not.
      if (since !== null && since >= trigger.daysAfter && since <= trigger.daysAfter + 30) occurrence = `contract:${now.account.contractStart}`;
      break;
    }
    case 'product-event': {
      // Once per feature and month: the month's count reaching the threshold (a new month counts from zero again).
      const events = now.productEvents.byFeature[trigger.feature] ?? 0;
      if (events >= trigger.atLeast) occurrence = `product-event:${trigger.feature}:${now.productEvents.month}`;
      break;
    }
    default:
      break;
  }
  return occurrence !== null && mayStart(compiled, mine, now, occurrence) ? { start: [{ occurrence, triggerHolds: false }], release: [] } : NOTHING;
}

/** A person starts a playbook on chosen accounts (the time makes each start its own occurrence). */
export function manualStart(playbook: Playbook, accountId: string, at: string): { id: string; occurrence: string; triggerHolds: boolean } {
  const occurrence = `manual:${at}`;
  return { id: executionId(playbook.id, playbook.version, accountId, occurrence), occurrence, triggerHolds: false };
}
