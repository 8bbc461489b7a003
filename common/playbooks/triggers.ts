import type { AccountFacts } from '../segments/account-facts';
import { compileCondition, type CompiledCondition } from '../segments/evaluate-condition';
import type { Condition } from '../segments/segment-condition';
import { factValue } from '../segments/account-facts';
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
}

export function compileTrigger(playbook: Playbook): CompiledTrigger {
  const condition = triggerCondition(playbook.trigger);
  return { playbook, holds: condition ? compileCondition(condition) : null, filter: playbook.filter ? compileCondition(playbook.filter) : () => true };
}

/**
 * What a playbook's trigger decides for one account, from its facts before (null: not known, e.g. first look after
 * a start or a hand-over) and now, and the account's executions of this playbook (any version, as replicated).
 * Decisions depend only on replicated data, so the next owner's device decides as the previous one would have:
 * - state triggers (enter a segment, a condition, a score change) start when they hold and no execution of the
 *   playbook still "holds" it; they release those executions when it lapses, so a later episode starts anew;
 * - a segment leave needs the facts before and starts when they matched and now do not;
 * - dated triggers (renewal, contract start, an alert raised) start once per date or alert (the id says which).
 * A playbook never starts on an account where an earlier execution of it is still running.
 */
export function decideTrigger(compiled: CompiledTrigger, before: AccountFacts | null, now: AccountFacts, existing: readonly ExecutionState[]): TriggerDecision {
  const { playbook, holds, filter } = compiled;
  const trigger = playbook.trigger;
  const decision: TriggerDecision = { start: [], release: [] };
  const mine = existing.length === 0 ? existing : existing.filter((e) => e.playbookId === playbook.id && e.accountId === now.accountId);
  const running = mine.length > 0 && mine.some((e) => ACTIVE_STATUSES.has(e.status));
  const start = (occurrence: string, triggerHolds: boolean) => {
    // The same version and occurrence is the same execution id: compared without hashing (a bulk import decides
    // for every account and playbook).
    if (running || mine.some((e) => e.playbookVersion === playbook.version && e.occurrence === occurrence) || !filter(now) || now.account.status === 'churned') return;
    decision.start.push({ occurrence, triggerHolds });
  };
  if (STATE_TRIGGERS.has(trigger.kind)) {
    const held = holds!(now);
    if (held) {
      if (!mine.some((e) => e.triggerHolds)) start(`${trigger.kind}:${now.today}`, true);
    } else {
      decision.release = mine.filter((e) => e.triggerHolds).map((e) => e.id);
    }
    return decision;
  }
  switch (trigger.kind) {
    case 'segment-leave':
      if (before && holds!(before) && !holds!(now)) start(`segment-leave:${now.today}`, false);
      break;
    case 'alert-raised':
      for (const alert of now.openAlerts) if (!trigger.rule || alert.rule === trigger.rule) start(`alert:${alert.rule}:${alert.raisedAt}`, false);
      break;
    case 'renewal-date': {
      const days = factValue(now, 'daysToRenewal');
      if (typeof days === 'number' && days >= 0 && days <= trigger.daysBefore) start(`renewal:${now.account.renewalDate}`, false);
      break;
    }
    case 'contract-start': {
      const since = factValue(now, 'daysSinceContractStart');
      // A 30-day window: a laptop asleep for a while still starts it; an account signed long ago does not.
      if (typeof since === 'number' && since >= trigger.daysAfter && since <= trigger.daysAfter + 30) start(`contract:${now.account.contractStart}`, false);
      break;
    }
    case 'manual':
      break;
  }
  return decision;
}

/** A person starts a playbook on chosen accounts (the time makes each start its own occurrence). */
export function manualStart(playbook: Playbook, accountId: string, at: string): { id: string; occurrence: string; triggerHolds: boolean } {
  const occurrence = `manual:${at}`;
  return { id: executionId(playbook.id, playbook.version, accountId, occurrence), occurrence, triggerHolds: false };
}
